// Code actions on every cursor move: fix-all edits only when asked for (by kind, or on resolve), work
// that does not grow with the findings outside the request, and cancellation. Work is counted (calls,
// findings read), never timed.
import * as assert from 'assert';
import type { CodeAction } from 'vscode-languageserver/node';
import { analyzeSource } from '../../server/src/check/source';
import type { Finding } from '../../server/src/analysis/types';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { parsePython } from '../../server/src/analysis/parser';
import { computeCodeActions, CodeActionInput, resolveFixAll } from '../../server/src/lsp/codeActions';
import { toDiagnostic } from '../../server/src/lsp/diagnostics';
import * as merge from '../../server/src/fixes/merge';
import { SyntaxGuard } from '../../server/src/fixes/syntaxGuard';
import { applyAction } from '../helpers/codeActions';

const URI = 'file:///project/train.py';
const TEXT = ['import requests', 'import torch', 'a = requests.get("https://a.example")', 'b = requests.get("https://b.example")', 'state = torch.load("model.pt")', ''].join('\n');

async function findingsOf(text: string): Promise<Finding[]> {
  return (await analyzeSource(text, { config: defaultConfig(), hfCache: () => undefined })).findings;
}

function input(text: string, findings: readonly Finding[], extra: Partial<CodeActionInput> = {}): CodeActionInput {
  return { uri: URI, text, diagnostics: [], allFindings: findings, snippetSupport: false, ...extra };
}

/** Counts calls of the fix-all merge and of the syntax guard while `run` runs. */
function counting<T>(run: () => T): { result: T; merges: number; checks: number } {
  const counts = { merges: 0, checks: 0 };
  const mergeFixes = merge.mergeFixes;
  const keeps = SyntaxGuard.prototype.keeps;
  (merge as { mergeFixes: typeof mergeFixes }).mergeFixes = (...args) => {
    counts.merges++;
    return mergeFixes(...args);
  };
  SyntaxGuard.prototype.keeps = function (this: SyntaxGuard, ...args) {
    counts.checks++;
    return keeps.apply(this, args);
  };
  try {
    return { result: run(), ...counts };
  } finally {
    (merge as { mergeFixes: typeof mergeFixes }).mergeFixes = mergeFixes;
    SyntaxGuard.prototype.keeps = keeps;
  }
}

const titles = (actions: CodeAction[]) => actions.map((a) => `${a.title}${a.edit ? '' : a.command ? ' (command)' : ' (unresolved)'}`);

describe('code actions: fix-all only when asked, resolved lazily', () => {
  let findings: Finding[];
  before(async () => {
    findings = await findingsOf(TEXT);
    assert.deepStrictEqual(
      findings.map((f) => `${f.code}@${f.range.start.line}`),
      ['B113@2', 'B113@3', 'B614@4'],
    );
  });

  it('without `only`, a client that resolves gets both fix-alls without edits, and nothing document-wide is computed', () => {
    const { result, merges, checks } = counting(() => computeCodeActions(input(TEXT, findings, { diagnostics: [toDiagnostic(findings[0])], resolveSupport: true })));
    assert.deepStrictEqual(titles(result), [
      'Add timeout=30',
      'Fix all B113 problems in this file (unresolved)',
      'Suppress B113 on this line with a justification',
      'Show documentation for B113 (command)',
      'mlsec: Fix all safe-fixable problems (unresolved)',
    ]);
    assert.deepStrictEqual(result[1].data, { mlsec: 'fixAll', uri: URI, scope: 'code', code: 'B113' });
    assert.deepStrictEqual(result[4].data, { mlsec: 'fixAll', uri: URI, scope: 'document' });
    assert.strictEqual(merges, 0);
    assert.strictEqual(checks, 2, 'the quick fix and the suppression are checked, nothing else');
  });

  it('resolve gives exactly the edits the inline path gives (fix all, fix all of one code)', () => {
    const lazy = computeCodeActions(input(TEXT, findings, { diagnostics: [toDiagnostic(findings[0])], resolveSupport: true }));
    const inline = computeCodeActions(input(TEXT, findings, { diagnostics: [toDiagnostic(findings[0])] }));
    assert.deepStrictEqual(titles(inline), [
      'Add timeout=30',
      'Fix all B113 problems in this file',
      'Suppress B113 on this line with a justification',
      'Show documentation for B113 (command)',
      'mlsec: Fix all safe-fixable problems',
    ]);
    const tree = parsePython(TEXT);
    try {
      for (const i of [1, 4]) {
        const resolved = resolveFixAll({ uri: URI, text: TEXT, allFindings: findings, tree }, lazy[i]);
        assert.deepStrictEqual(resolved.edit, inline[i].edit, lazy[i].title);
        assert.deepStrictEqual({ ...resolved, edit: undefined }, { ...lazy[i], edit: undefined });
      }
    } finally {
      tree.delete();
    }
    const expected = TEXT.replace('a.example")', 'a.example", timeout=30)').replace('b.example")', 'b.example", timeout=30)');
    assert.strictEqual(applyAction(TEXT, inline[4], URI), expected);
    // On save (`only` names the kind) the edit is computed at once, resolve support or not.
    const onSave = computeCodeActions(input(TEXT, findings, { only: ['source.fixAll'], resolveSupport: true }));
    assert.deepStrictEqual(
      onSave.map((a) => [a.kind, a.edit]),
      [['source.fixAll.mlsec', inline[4].edit]],
    );
  });

  it('resolve leaves an action it does not know, or one switched off since, without an edit', () => {
    const foreign: CodeAction = { title: 'x', data: { mlsec: 'other', uri: URI } };
    assert.deepStrictEqual(resolveFixAll({ uri: URI, text: TEXT, allFindings: findings }, foreign), foreign);
    const offered: CodeAction = { title: 'mlsec: Fix all safe-fixable problems', kind: 'source.fixAll.mlsec', data: { mlsec: 'fixAll', uri: URI, scope: 'document' } };
    assert.strictEqual(resolveFixAll({ uri: URI, text: TEXT, allFindings: findings, toggles: { fixAll: false, fixViolation: true, suppressViolation: true } }, offered).edit, undefined);
    const noCode: CodeAction = { title: 't', data: { mlsec: 'fixAll', uri: URI, scope: 'code' } };
    assert.strictEqual(resolveFixAll({ uri: URI, text: TEXT, allFindings: findings }, noCode).edit, undefined);
  });

  it('a cancelled request stops: no action computed after the cancellation, resolve leaves the edit out', () => {
    const diagnostics = findings.map(toDiagnostic);
    const { result, checks } = counting(() => computeCodeActions(input(TEXT, findings, { diagnostics, token: { isCancellationRequested: true } })));
    assert.deepStrictEqual(result, []);
    assert.strictEqual(checks, 0);
    // Cancelled before the second diagnostic's actions are made: the first one's actions are whole.
    let seen = 0;
    const token = {
      get isCancellationRequested() {
        return ++seen > 1;
      },
    };
    const partial = computeCodeActions(input(TEXT, findings, { diagnostics, token, resolveSupport: true }));
    assert.deepStrictEqual(titles(partial), [
      'Add timeout=30',
      'Fix all B113 problems in this file (unresolved)',
      'Suppress B113 on this line with a justification',
      'Show documentation for B113 (command)',
    ]);
    // Inside the fix-all's loops too: cancelled after the merge began, no fix-all comes back.
    let reads = 0;
    const late = {
      get isCancellationRequested() {
        return ++reads > 1;
      },
    };
    assert.deepStrictEqual(computeCodeActions(input(TEXT, findings, { only: ['source.fixAll'], token: late })), []);
    assert.ok(reads >= 2, `the token was read ${reads} time(s)`);
    const offered: CodeAction = { title: 'mlsec: Fix all safe-fixable problems', kind: 'source.fixAll.mlsec', data: { mlsec: 'fixAll', uri: URI, scope: 'document' } };
    assert.strictEqual(resolveFixAll({ uri: URI, text: TEXT, allFindings: findings, token: { isCancellationRequested: true } }, offered).edit, undefined);
  });
});

describe('code actions with 20,000 findings', function () {
  this.timeout(120000);
  const N = 20000;
  const text = `import requests\n${Array.from({ length: N }, (_, i) => `r${i} = requests.get(u)\n`).join('')}`;
  let findings: Finding[];
  before(async () => {
    findings = await findingsOf(text);
    assert.strictEqual(findings.length, N);
  });

  it('a cursor move reads no finding outside its diagnostics once the findings are indexed', () => {
    let reads = 0;
    // Counts every element read of the findings array (the index is built once per array).
    const watched = new Proxy(findings, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const at = (line: number) => input(text, watched, { diagnostics: [toDiagnostic(findings[line - 1])], resolveSupport: true });
    computeCodeActions(at(1));
    assert.strictEqual(reads, N, 'the first request indexes every finding once');
    reads = 0;
    const { result, merges, checks } = counting(() => computeCodeActions(at(12345)));
    assert.strictEqual(reads, 0);
    assert.strictEqual(merges, 0);
    assert.strictEqual(checks, 2);
    assert.deepStrictEqual(titles(result), [
      'Add timeout=30',
      'Fix all B113 problems in this file (unresolved)',
      'Suppress B113 on this line with a justification',
      'Show documentation for B113 (command)',
      'mlsec: Fix all safe-fixable problems (unresolved)',
    ]);
    // Line 12345 is `r12344 = requests.get(u)`: the keyword goes before its `)`, column 23.
    assert.deepStrictEqual(result[0].edit, { changes: { [URI]: [{ range: { start: { line: 12345, character: 23 }, end: { line: 12345, character: 23 } }, newText: ', timeout=30' }] } });
  });

  it('source.fixAll: one merge and one syntax check for all 20,000 fixes, every call fixed', () => {
    const tree = parsePython(text);
    try {
      const { result, merges, checks } = counting(() => computeCodeActions(input(text, findings, { only: ['source.fixAll'], tree })));
      assert.strictEqual(merges, 1);
      assert.strictEqual(checks, 1);
      assert.strictEqual(result.length, 1);
      assert.strictEqual(applyAction(text, result[0], URI), text.replace(/requests\.get\(u\)/g, 'requests.get(u, timeout=30)'));
    } finally {
      tree.delete();
    }
  });

  it('one fix that would break parsing among 20,000: left out after O(log n) syntax checks, the rest applied', () => {
    const broken = findings.map((f, i) => (i !== 777 ? f : { ...f, fixes: [{ ...f.fixes[0], edits: [{ ...f.fixes[0].edits[0], newText: ', timeout=(' }] }] }));
    const tree = parsePython(text);
    try {
      const { result, merges, checks } = counting(() => computeCodeActions(input(text, broken, { only: ['source.fixAll'], tree })));
      assert.strictEqual(merges, 1);
      assert.ok(checks <= 2 * Math.ceil(Math.log2(N)) + 1, `${checks} syntax checks`);
      const fixed = applyAction(text, result[0], URI).split('\n');
      assert.strictEqual(fixed[778], 'r777 = requests.get(u)');
      assert.strictEqual(fixed.filter((l) => l.endsWith('requests.get(u, timeout=30)')).length, N - 1);
    } finally {
      tree.delete();
    }
  });
});
