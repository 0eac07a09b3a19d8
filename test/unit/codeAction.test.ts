// computeCodeActions: which actions, in which order, of which kind, with which exact edits.
import * as assert from 'assert';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { analyzeSource } from '../../server/src/check/source';
import type { Finding, Fix } from '../../server/src/analysis/types';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { computeCodeActions, CodeActionInput } from '../../server/src/lsp/codeActions';
import { actionEdits, applyAction } from '../helpers/codeActions';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/src/analysis/lineIndex';
import { parsePython } from '../../server/src/analysis/parser';
import type { Range } from '../../server/src/analysis/types';
import { toDiagnostic } from '../../server/src/lsp/diagnostics';
import { fixText } from '../../server/src/cli/fix';
import { ruleByCode } from '../../server/src/rules';

const URI = 'file:///project/train.py';
const TEXT = [
  'import requests', //                                   0
  'import torch', //                                      1
  'from transformers import AutoModel', //                2
  'a = requests.get("https://a.example")', //            3
  'b = requests.get("https://b.example")', //            4
  'state = torch.load("model.pt")', //                   5
  'model = AutoModel.from_pretrained("org/model")', //   6
  '',
].join('\n');

async function findingsOf(text: string): Promise<Finding[]> {
  return (await analyzeSource(text, { config: defaultConfig(), hfCache: () => undefined })).findings;
}

function input(text: string, findings: Finding[], diagnostics: Diagnostic[], extra: Partial<CodeActionInput> = {}): CodeActionInput {
  return { uri: URI, text, diagnostics, allFindings: findings, snippetSupport: false, ...extra };
}

function summary(actions: CodeAction[]): string[] {
  return actions.map((a) => `${a.kind} | ${a.title}${a.isPreferred ? ' | preferred' : ''}${a.command ? ` | ${a.command.command}(${JSON.stringify(a.command.arguments)})` : ''}`);
}

describe('computeCodeActions', () => {
  let findings: Finding[];
  const at = (code: string, line: number) => {
    const f = findings.find((x) => x.code === code && x.range.start.line === line);
    assert.ok(f, `no ${code} on line ${line}`);
    return f;
  };
  before(async () => {
    findings = await findingsOf(TEXT);
    assert.deepStrictEqual(
      findings.map((f) => `${f.code}@${f.range.start.line}`),
      ['B113@3', 'B113@4', 'B614@5', 'B615@6'],
    );
  });

  it('a safe fix: fix (preferred) · fix all of the code · suppress · docs; then source.fixAll.mlsec', () => {
    const actions = computeCodeActions(input(TEXT, findings, [toDiagnostic(at('B113', 3))]));
    assert.deepStrictEqual(summary(actions), [
      'quickfix | Add timeout=30 | preferred',
      'quickfix | Fix all B113 problems in this file',
      'quickfix | Suppress B113 on this line with a justification',
      'quickfix | Show documentation for B113 | mlsec.server.showRuleDocs(["B113"])',
      'source.fixAll.mlsec | mlsec: Fix all safe-fixable problems',
    ]);
    assert.strictEqual(applyAction(TEXT, actions[0], URI).split('\n')[3], 'a = requests.get("https://a.example", timeout=30)');
    const all = applyAction(TEXT, actions[1], URI).split('\n');
    assert.deepStrictEqual(all.slice(3, 5), ['a = requests.get("https://a.example", timeout=30)', 'b = requests.get("https://b.example", timeout=30)']);
    assert.strictEqual(applyAction(TEXT, actions[2], URI).split('\n')[3], 'a = requests.get("https://a.example")  # nosec B113 # TODO: reason');
    assert.deepStrictEqual(actions[0].diagnostics, [toDiagnostic(at('B113', 3))]);
  });

  it("source.fixAll.mlsec applies safe fixes only (not B614's unsafe one, not B615's placeholder)", () => {
    const actions = computeCodeActions(input(TEXT, findings, [], { only: ['source.fixAll'] }));
    assert.deepStrictEqual(summary(actions), ['source.fixAll.mlsec | mlsec: Fix all safe-fixable problems']);
    const after = applyAction(TEXT, actions[0], URI);
    assert.strictEqual(after, TEXT.replace('a.example")', 'a.example", timeout=30)').replace('b.example")', 'b.example", timeout=30)'));
  });

  it('an unsafe fix is offered but not preferred; no fix-all for a single finding', () => {
    const actions = computeCodeActions(input(TEXT, findings, [toDiagnostic(at('B614', 5))], { only: ['quickfix'] }));
    assert.deepStrictEqual(summary(actions), [
      'quickfix | Add weights_only=True',
      'quickfix | Suppress B614 on this line with a justification',
      'quickfix | Show documentation for B614 | mlsec.server.showRuleDocs(["B614"])',
    ]);
  });

  it('respects only: quickfix excludes source actions, source admits source.fixAll.mlsec, refactor admits nothing', () => {
    const diag = [toDiagnostic(at('B113', 3))];
    assert.ok(computeCodeActions(input(TEXT, findings, diag, { only: ['quickfix'] })).every((a) => a.kind === 'quickfix'));
    assert.deepStrictEqual(summary(computeCodeActions(input(TEXT, findings, diag, { only: ['source'] }))), ['source.fixAll.mlsec | mlsec: Fix all safe-fixable problems']);
    assert.deepStrictEqual(computeCodeActions(input(TEXT, findings, diag, { only: ['source.fixAll.mlsec'] })).length, 1);
    assert.deepStrictEqual(computeCodeActions(input(TEXT, findings, diag, { only: ['refactor'] })), []);
    assert.deepStrictEqual(computeCodeActions(input(TEXT, findings, diag, { only: ['source.organizeImports'] })), []);
  });

  it('snippet fixes: SnippetTextEdit when the client supports it, plain placeholder text otherwise', () => {
    const diag = [toDiagnostic(at('B615', 6))];
    const plain = computeCodeActions(input(TEXT, findings, diag, { only: ['quickfix'] }));
    assert.strictEqual(plain[0].title, 'Pin revision to a commit SHA');
    assert.deepStrictEqual(plain[0].edit, { changes: { [URI]: [{ range: { start: { line: 6, character: 45 }, end: { line: 6, character: 45 } }, newText: ', revision="COMMIT_SHA"' }] } });
    assert.strictEqual(applyAction(TEXT, plain[1], URI).split('\n')[6], 'model = AutoModel.from_pretrained("org/model")  # nosec B615 # TODO: reason');

    const snippet = computeCodeActions(input(TEXT, findings, diag, { only: ['quickfix'], snippetSupport: true }));
    assert.deepStrictEqual(snippet[0].edit, {
      documentChanges: [
        {
          textDocument: { uri: URI, version: null },
          edits: [{ range: { start: { line: 6, character: 45 }, end: { line: 6, character: 45 } }, snippet: { kind: 'snippet', value: ', revision="${1:COMMIT_SHA}"' } }],
        },
      ],
    });
    assert.deepStrictEqual(actionEdits(snippet[1], URI), [{ range: { start: { line: 6, character: 46 }, end: { line: 6, character: 46 } }, newText: '  # nosec B615 # ${1:reason}' }]);
  });

  it('no "Fix all" from placeholder snippets: two unpinned downloads give no fix-all action', async () => {
    const text = 'from transformers import AutoModel\nm = AutoModel.from_pretrained("a/b")\nn = AutoModel.from_pretrained("c/d")\n';
    const fs = await findingsOf(text);
    const actions = computeCodeActions(input(text, fs, [toDiagnostic(fs[0])]));
    assert.deepStrictEqual(
      actions.map((a) => a.title),
      ['Pin revision to a commit SHA', 'Suppress B615 on this line with a justification', 'Show documentation for B615'],
    );
  });

  it('fix-all drops overlapping fixes (the first by position wins) and fixes that break parsing', () => {
    const text = 'import requests\nr = requests.get(u)\ns = requests.get(v)\n';
    const mk = (line: number, title: string, newText: string, character = 18): Finding => ({
      code: 'B113',
      name: 'request-without-timeout',
      message: 'm',
      severity: 'warning',
      confidence: 'high',
      cwe: 400,
      range: { start: { line, character: 4 }, end: { line, character: 16 } },
      nodeLines: [line, line],
      fixes: [{ title, safety: 'safe', edits: [{ range: { start: { line, character }, end: { line, character } }, newText }] } as Fix],
    });
    const crafted = [mk(1, 'first', ', timeout=30'), mk(1, 'overlapping', ', timeout=60'), mk(2, 'second', ', timeout=30'), mk(2, 'breaks', ', timeout=(', 17)];
    const actions = computeCodeActions(input(text, crafted, [toDiagnostic(crafted[0])]));
    const fixAll = actions.find((a) => a.kind === 'source.fixAll.mlsec')!;
    assert.strictEqual(applyAction(text, fixAll, URI), 'import requests\nr = requests.get(u, timeout=30)\ns = requests.get(v, timeout=30)\n');
    const perCode = actions.find((a) => a.title === 'Fix all B113 problems in this file')!;
    assert.strictEqual(applyAction(text, perCode, URI), 'import requests\nr = requests.get(u, timeout=30)\ns = requests.get(v, timeout=30)\n');
    // The syntax-breaking fix is not offered as a quick fix either.
    const broken = computeCodeActions(input(text, crafted, [toDiagnostic(crafted[3])], { only: ['quickfix'] }));
    assert.deepStrictEqual(
      broken.map((a) => a.title),
      ['Fix all B113 problems in this file', 'Suppress B113 on this line with a justification', 'Show documentation for B113'],
    );
  });

  it("ignores other tools' diagnostics and suppressed findings", () => {
    const foreign: Diagnostic = { range: at('B113', 3).range, message: 'x', source: 'ruff', code: 'S113' };
    assert.deepStrictEqual(computeCodeActions(input(TEXT, [], [foreign])), []);
    const suppressed = findings.map((f) => ({ ...f, suppressedBy: 'nosec' }));
    assert.deepStrictEqual(computeCodeActions(input(TEXT, suppressed, [], { only: ['source.fixAll'] })), []);
  });

  it('suppressing next to an existing nosec adds the code to it', async () => {
    const text = 'import requests\nr = requests.get(u, verify=False)  # nosec B501 # internal CA\n';
    const fs = await findingsOf(text);
    const b113 = fs.find((f) => f.code === 'B113')!;
    const actions = computeCodeActions(input(text, fs, [toDiagnostic(b113)], { only: ['quickfix'] }));
    const suppress = actions.find((a) => a.title.startsWith('Suppress'))!;
    assert.strictEqual(applyAction(text, suppress, URI), 'import requests\nr = requests.get(u, verify=False)  # nosec B501, B113 # internal CA\n');
  });

  it('offers no "Suppress" for the suppression-hygiene codes (a nosec cannot silence them)', async () => {
    const text = 'import torch\nstate = torch.load("m.pt")  # nosec\n';
    const fs = await findingsOf(text);
    const ml901 = fs.find((f) => f.code === 'ML901');
    assert.ok(ml901, `no ML901 in ${fs.map((f) => f.code).join(', ')}`);
    const titles = computeCodeActions(input(text, fs, [toDiagnostic(ml901)], { only: ['quickfix'] })).map((a) => a.title);
    assert.ok(!titles.some((t) => t.startsWith('Suppress')), titles.join(' | '));
    assert.ok(titles.includes('Show documentation for ML901'));
  });

  it('a stale diagnostic (from an older text) gets no edits, only the docs', async () => {
    const old = 'import requests\nr = requests.get(u)\n';
    const now = 'import requests\n\n# a comment added since\nr = requests.get(u)\n';
    const staleDiag = toDiagnostic((await findingsOf(old))[0]);
    const actions = computeCodeActions(input(now, await findingsOf(now), [staleDiag], { only: ['quickfix'] }));
    assert.deepStrictEqual(
      actions.map((a) => a.title),
      ['Show documentation for B113'],
    );
  });

  it('a diagnostic echoed back with converted columns (Neovim 0.7: bytes on non-ASCII lines) still gets its fix when it is the only one of its code on those lines', async () => {
    const text = 'import requests\nlégende = requests.get(u)\nr = requests.get(u); s = requests.get(v)\n';
    const findings = await findingsOf(text);
    const [first, ,] = findings;
    assert.strictEqual(first.range.start.character, 10);
    const asBytes = toDiagnostic(first);
    asBytes.range = { start: { line: 1, character: 11 }, end: { line: 1, character: 23 } }; // é is 2 bytes
    const titles = computeCodeActions(input(text, findings, [asBytes], { only: ['quickfix'] })).map((a) => a.title);
    assert.strictEqual(titles[0], 'Add timeout=30');
    // Two findings of the code on the line: no guessing, only the docs.
    const second = toDiagnostic(findings[1]);
    second.range = { start: { line: 2, character: 5 }, end: { line: 2, character: 17 } };
    const none = computeCodeActions(input(text, findings, [second], { only: ['quickfix'] })).map((a) => a.title);
    assert.deepStrictEqual(
      none.filter((t) => t.startsWith('Add')),
      [],
    );
  });

  it('texts with a lone \\r: LSP positions (as the server sends them) are checked and applied correctly', async () => {
    const text = 'import requests\nx = "a\rb"\nr = requests.get(u)\n';
    // Convert the findings to LSP positions the way the document store does.
    const lines = new LineIndex(text);
    const doc = TextDocument.create(URI, 'python', 1, text);
    const conv = (r: Range): Range => ({
      start: doc.positionAt(lines.offsetAt({ row: r.start.line, column: r.start.character })),
      end: doc.positionAt(lines.offsetAt({ row: r.end.line, column: r.end.character })),
    });
    const lsp = (await findingsOf(text)).map((f) => ({
      ...f,
      range: conv(f.range),
      nodeLines: [doc.positionAt(lines.offsetAt({ row: f.nodeLines[0], column: 0 })).line, doc.positionAt(lines.offsetAt({ row: f.nodeLines[1], column: 0 })).line] as [number, number],
      fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, range: conv(e.range) })) })),
    }));
    assert.strictEqual(lsp[0].range.start.line, 3); // LSP counts the \r as a line break
    const actions = computeCodeActions(input(text, lsp, [toDiagnostic(lsp[0])], { only: ['quickfix'] }));
    assert.strictEqual(actions[0].title, 'Add timeout=30');
    const applied = TextDocument.applyEdits(doc, actionEdits(actions[0], URI));
    assert.strictEqual(applied, 'import requests\nx = "a\rb"\nr = requests.get(u, timeout=30)\n');
  });

  it("given the document's tree, gives the same actions and leaves the tree untouched", () => {
    const tree = parsePython(TEXT);
    try {
      const shape = () => JSON.stringify([tree.rootNode.toString(), tree.rootNode.descendantsOfType('call').map((n) => [n!.startIndex, n!.endIndex, n!.endPosition])]);
      const before = shape();
      const diags = findings.map(toDiagnostic);
      const withTree = computeCodeActions(input(TEXT, findings, diags, { tree }));
      assert.deepStrictEqual(withTree, computeCodeActions(input(TEXT, findings, diags)));
      assert.ok(withTree.length >= 8);
      assert.strictEqual(shape(), before);
      assert.strictEqual(tree.rootNode.text, TEXT);
    } finally {
      tree.delete();
    }
  });
});

describe('fixes that assert intent or can break a **kwargs caller are never applied in bulk', () => {
  // B324's usedforsecurity=False asserts what only the author knows; B113's timeout next to **kwargs
  // raises TypeError when a caller already passes timeout in them. Both are one click at a time.
  const TEXT2 = [
    'import hashlib',
    'import requests',
    'user_id = hashlib.md5(ip.encode()).hexdigest()',
    'def fetch(url, **kwargs):',
    '    return requests.get(url, **kwargs)',
    'plain = requests.get(u)',
    '',
  ].join('\n');

  it('source.fixAll.mlsec and --fix apply only the plain timeout; the quick fixes are still offered, unsafe', async () => {
    const fs = await findingsOf(TEXT2);
    assert.deepStrictEqual(
      fs.map((f) => `${f.code}@${f.range.start.line}:${f.fixes.map((x) => `${x.title}/${x.safety}`).join(',')}`),
      ['B324@2:Mark as not used for security (usedforsecurity=False)/unsafe,Use hashlib.sha256/unsafe', 'B113@4:Add timeout=30/unsafe', 'B113@5:Add timeout=30/safe'],
    );
    const fixAll = computeCodeActions(input(TEXT2, fs, [], { only: ['source.fixAll'] }));
    assert.strictEqual(fixAll.length, 1);
    const expected = TEXT2.replace('plain = requests.get(u)', 'plain = requests.get(u, timeout=30)');
    assert.strictEqual(applyAction(TEXT2, fixAll[0], URI), expected);
    assert.strictEqual(fixText(TEXT2, defaultConfig(), { unsafe: false }).text, expected);
    // One click at a time, the unsafe ones are there.
    const onMd5 = computeCodeActions(input(TEXT2, fs, [toDiagnostic(fs[0])], { only: ['quickfix'] }));
    assert.strictEqual(applyAction(TEXT2, onMd5[0], URI), TEXT2.replace('hashlib.md5(ip.encode())', 'hashlib.md5(ip.encode(), usedforsecurity=False)'));
    const onKwargs = computeCodeActions(input(TEXT2, fs, [toDiagnostic(fs[1])], { only: ['quickfix'] }));
    assert.strictEqual(applyAction(TEXT2, onKwargs[0], URI), TEXT2.replace('requests.get(url, **kwargs)', 'requests.get(url, timeout=30, **kwargs)'));
  });
});

describe('--fix runs under the analysis budget; ML201 next to unknown **kwargs is unsafe', () => {
  it('an analysis that outlasts the budget leaves the file unfixed rather than running without end', () => {
    // A test rule that takes 30 ms per call: 40 calls outlast a 300 ms budget on any machine.
    const slow = {
      ...ruleByCode('B113')!,
      code: 'ZZ999',
      check() {
        const until = performance.now() + 30;
        while (performance.now() < until) {
          /* busy */
        }
      },
    };
    const text = `import requests\n${'requests.get(u)\n'.repeat(40)}`;
    const rules = [ruleByCode('B113')!, slow];
    const out = fixText(text, defaultConfig(), { unsafe: false, parseBudgetMs: 300, rules });
    assert.strictEqual(out.total, 0);
    assert.strictEqual(out.text, text);
    // Without the slow rule the same engine fixes every call.
    assert.strictEqual(fixText(text, defaultConfig(), { unsafe: false, parseBudgetMs: 300, rules: [ruleByCode('B113')!] }).total, 40);
  });

  it('ML201: urlopen(url, **kwargs) gets an unsafe fix; urlopen(url) a safe one', async () => {
    const text = 'from urllib.request import urlopen\ndef f(url, **kwargs):\n    return urlopen(url, **kwargs)\nurlopen(u)\n';
    const fs = (await findingsOf(text)).filter((f) => f.code === 'ML201');
    assert.deepStrictEqual(
      fs.map((f) => `${f.range.start.line}:${f.fixes[0].title}/${f.fixes[0].safety}`),
      ['2:Add timeout=30/unsafe', '3:Add timeout=30/safe'],
    );
    assert.strictEqual(fixText(text, defaultConfig(), { unsafe: false }).text, text.replace('urlopen(u)\n', 'urlopen(u, timeout=30)\n'));
  });
});
