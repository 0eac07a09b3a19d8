// The document store's incremental path on hand-picked edits, each of which breaks a naive design.
import * as assert from 'assert';
import { DocumentStore, ContentChange } from '../../server/src/check/documentStore';
import { analyzeSourceSync } from '../../server/src/check/source';
import { loadPython } from '../../server/src/analysis/parser';
import { defaultConfig } from '../../server/src/config/analysisConfig';

const URI = 'file:///store.py';

function at(line: number, character: number, text: string, endLine = line, endCharacter = character): ContentChange {
  return { range: { start: { line, character }, end: { line: endLine, character: endCharacter } }, text };
}

function where(findings: { code: string; range: { start: { line: number; character: number } } }[]): string[] {
  return findings.map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character}`);
}

describe('document store (incremental analysis)', () => {
  before(() => loadPython());
  let store: DocumentStore;
  beforeEach(() => {
    store = new DocumentStore();
  });
  afterEach(() => store.dispose());

  function changeAndCompare(changes: ContentChange[], version = 1) {
    const result = store.change(URI, version, changes);
    assert.ok(result);
    assert.deepStrictEqual(result.findings, analyzeSourceSync(result.text, { config: defaultConfig() }).findings);
    return result;
  }

  it('re-checks only the edited statement (plus the first) and shifts the findings below it', () => {
    store.open(URI, 0, 'import torch\n\ndef f(p):\n    return p\n\ntorch.load(a)\ntorch.load(b)\n', defaultConfig());
    const r = changeAndCompare([at(3, 12, '\n    x = torch.load(p)')]);
    assert.deepStrictEqual(where(r.findings), ['B614@4:8', 'B614@6:0', 'B614@7:0']);
    assert.deepStrictEqual(store.stats(URI), {
      checkedStatements: 2,
      totalStatements: 4,
      checkedSpans: [
        { lo: 0, hi: 0 },
        { lo: 2, hi: 4 },
      ],
      full: false,
    });
    // The shifted finding's fix moved with it.
    assert.deepStrictEqual(r.findings[2].fixes[0].edits[0].range, { start: { line: 7, character: 12 }, end: { line: 7, character: 12 } });
  });

  it('sees a text-only edit inside an identifier (getChangedRanges reports nothing for it)', () => {
    store.open(URI, 0, 'import torch\nprint(1)\ntorch.laod(f)\n', defaultConfig());
    assert.deepStrictEqual(where(store.get(URI)!.findings), []);
    const r = changeAndCompare([at(2, 7, 'oa', 2, 9)]);
    assert.deepStrictEqual(where(r.findings), ['B614@2:0']);
    assert.strictEqual(store.stats(URI)?.full, false);
  });

  it('re-checks statements whose structure changed outside the edited rows (a closing quote removed)', () => {
    store.open(URI, 0, 'import torch\nprint(1)\n"""\ntorch.load("x")\n"""\nprint(2)\n', defaultConfig());
    assert.deepStrictEqual(where(store.get(URI)!.findings), []);
    const r = changeAndCompare([at(2, 0, '', 2, 1)]);
    assert.deepStrictEqual(where(r.findings), ['B614@3:0']);
    assert.strictEqual(store.stats(URI)?.full, false);
  });

  it('re-checks the units that mention a module-level name whose value changed (and only those)', () => {
    store.open(URI, 0, 'import torch as th\nwo = False\n\ndef f(p):\n    return th.load(p, weights_only=wo)\n\ndef g(p):\n    return th.load(p)\n', defaultConfig());
    assert.deepStrictEqual(where(store.get(URI)!.findings), ['B614@4:22', 'B614@7:11']);
    let r = changeAndCompare([at(1, 5, 'True', 1, 10)]);
    assert.deepStrictEqual(where(r.findings), ['B614@7:11']);
    // `wo` changed: the first unit, the edited one and f (which reads `wo`); not g.
    assert.deepStrictEqual(store.stats(URI), {
      checkedStatements: 3,
      totalStatements: 4,
      checkedSpans: [
        { lo: 0, hi: 0 },
        { lo: 1, hi: 1 },
        { lo: 3, hi: 4 },
      ],
      full: false,
    });
    r = changeAndCompare([at(1, 5, 'False', 1, 9), at(0, 16, 'xx', 0, 18)], 2); // `import torch as xx`: th is unbound
    assert.deepStrictEqual(where(r.findings), []);
    r = changeAndCompare([at(0, 16, 'th', 0, 18)], 3);
    assert.deepStrictEqual(where(r.findings), ['B614@4:22', 'B614@7:11']);
  });

  it('applies several changes of one notification in order, with non-ASCII text and CRLF', () => {
    store.open(URI, 0, 'import requests\r\ns = "é😀"; requests.get(u)\r\n', defaultConfig());
    assert.deepStrictEqual(where(store.get(URI)!.findings), ['B113@1:11']);
    const r = changeAndCompare([at(1, 6, '中文'), at(0, 0, '# 😀\r\n'), at(2, 27, ', timeout=3')]);
    assert.strictEqual(r.text, '# 😀\r\nimport requests\r\ns = "é中文😀"; requests.get(u, timeout=3)\r\n');
    assert.deepStrictEqual(where(r.findings), []);
  });

  it('takes a whole-text change among range changes', () => {
    store.open(URI, 0, 'import torch\ntorch.load(a)\n', defaultConfig());
    const r = changeAndCompare([at(1, 0, 'x = '), { text: 'import torch\n\n\ntorch.load(b)\n' }, at(3, 0, '  ')]);
    assert.deepStrictEqual(where(r.findings), ['B614@3:2']); // an indentation error; tree-sitter still sees the call
    assert.strictEqual(r.text, 'import torch\n\n\n  torch.load(b)\n');
  });

  it('reports a document over its parse budget instead of analysing it, and recovers', () => {
    const big = 'import torch\n' + 'pass\n'.repeat(50000) + 'torch.load(f)\n';
    const tight = new DocumentStore({ parseBudgetMs: 1 });
    try {
      const r = tight.open(URI, 0, big, defaultConfig());
      assert.deepStrictEqual(
        r.findings.map((f) => [f.code, f.severity, f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character, f.message]),
        [['ML900', 'error', 0, 0, 0, 0, 'file not analysed: over its time limit: parsing took longer than 1 ms (the file is too large or too complex to parse while you type)']],
      );
      assert.match(r.skipped ?? '', /^over its time limit: parsing took longer than 1 ms \(the file is too large or too complex to parse while you type\)$/);
      tight.setParseBudget(0);
      const after = tight.change(URI, 1, [at(0, 0, '# hi\n')]);
      assert.strictEqual(after?.skipped, undefined);
      assert.deepStrictEqual(where(after!.findings), ['B614@50002:0']);
    } finally {
      tight.dispose();
    }
  });

  it('converts positions to LSP lines when the text has a lone carriage return', () => {
    store.open(URI, 0, 'import torch\r# old Mac line end\ntorch.load(f)\n', defaultConfig());
    // tree-sitter puts the call on row 1; LSP counts the lone \r as a line break: line 2.
    assert.deepStrictEqual(where(store.get(URI)!.findings), ['B614@2:0']);
    assert.deepStrictEqual(store.get(URI)!.findings[0].fixes[0].edits[0].range.start, { line: 2, character: 12 });
  });

  it('reports what a rule reading the whole file finds in a statement no edit touched (an import added elsewhere)', () => {
    // B601 and B201 judge a call on an unknown receiver by the file's imports, anywhere in the file.
    store.open(URI, 0, 'import os\n\ndef f(c, app):\n    c.exec_command(cmd)\n    app.run(debug=True)\n\ndef g():\n    pass\n', defaultConfig());
    assert.deepStrictEqual(where(store.get(URI)!.findings), []);
    let r = changeAndCompare([at(7, 4, 'import paramiko\n    ')], 1);
    assert.deepStrictEqual(where(r.findings), ['B601@3:4']);
    r = changeAndCompare([at(0, 0, 'import flask\n')], 2);
    assert.deepStrictEqual(where(r.findings), ['B601@4:4', 'B201@5:12']);
    r = changeAndCompare([at(0, 0, '', 1, 0)], 3);
    assert.deepStrictEqual(where(r.findings), ['B601@3:4']);
  });

  it('keeps text only, without analysis, for a null configuration (disabled or ignored file)', () => {
    store.open(URI, 0, 'import torch\ntorch.load(f)\n', null);
    assert.deepStrictEqual(store.get(URI)!.findings, []);
    store.change(URI, 1, [at(0, 0, '# x\n')]);
    const r = store.reconfigure(URI, defaultConfig());
    assert.deepStrictEqual(where(r!.findings), ['B614@2:0']);
    assert.strictEqual(r!.text, '# x\nimport torch\ntorch.load(f)\n');
  });
});
