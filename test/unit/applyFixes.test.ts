// apply.ts: positions, overlap rules, merging for fix-all, snippet text, refusing broken results.
import * as assert from 'assert';
import { loadPython } from '../../server/src/analysis/parser';
import type { Finding, Fix, TextEdit } from '../../server/src/analysis/types';
import { applyEdits, editsOverlap, offsetAt } from '../../server/src/fixes/offsets';
import { snippetToPlain } from '../../server/src/fixes/snippets';
import { fixKeepsSyntax, textSyntaxErrors } from '../../server/src/fixes/syntaxGuard';
import { applyFixesChecked, mergeFixes } from '../../server/src/fixes/merge';

function edit(l1: number, c1: number, l2: number, c2: number, newText: string): TextEdit {
  return { range: { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } }, newText };
}

function finding(code: string, line: number, fixes: Fix[]): Finding {
  return {
    code,
    name: code,
    message: code,
    range: edit(line, 0, line, 1, '').range,
    nodeLines: [line, line],
    severity: 'warning',
    confidence: 'high',
    cwe: 0,
    fixes,
  };
}

describe('applying fixes', () => {
  before(() => loadPython());

  it('offsetAt counts UTF-16 code units and lines at \\n (CRLF lines too)', () => {
    const text = 'a = "é😀"\r\nb = 1\n';
    assert.strictEqual(offsetAt(text, { line: 0, character: 9 }), 9); // after the closing quote
    assert.strictEqual(text[offsetAt(text, { line: 0, character: 8 })], '"'); // 😀 is two code units
    assert.strictEqual(offsetAt(text, { line: 1, character: 0 }), text.indexOf('b'));
    assert.strictEqual(offsetAt(text, { line: 1, character: 99 }), text.indexOf('\n', text.indexOf('b')));
    assert.strictEqual(offsetAt(text, { line: 9, character: 0 }), text.length);
  });

  it('applyEdits applies edits against the original text, insertions and replacements mixed', () => {
    const text = 'f(a)\ng(b)\n';
    assert.strictEqual(applyEdits(text, [edit(1, 3, 1, 3, ', y=2'), edit(0, 3, 0, 3, ', x=1'), edit(0, 0, 0, 1, 'h')]), 'h(a, x=1)\ng(b, y=2)\n');
    assert.throws(() => applyEdits(text, [edit(0, 0, 0, 3, ''), edit(0, 2, 0, 4, '')]), /overlapping/);
  });

  it('editsOverlap: intersecting ranges and two insertions at one point conflict; touching edits do not', () => {
    assert.strictEqual(editsOverlap(edit(0, 0, 0, 4, 'x'), edit(0, 3, 0, 6, 'y')), true);
    assert.strictEqual(editsOverlap(edit(0, 2, 0, 2, 'x'), edit(0, 2, 0, 2, 'y')), true);
    assert.strictEqual(editsOverlap(edit(0, 2, 0, 2, 'x'), edit(0, 2, 0, 5, 'y')), true);
    assert.strictEqual(editsOverlap(edit(0, 0, 0, 2, 'x'), edit(0, 2, 0, 4, 'y')), false);
    assert.strictEqual(editsOverlap(edit(0, 0, 0, 2, 'x'), edit(0, 2, 0, 2, 'y')), false);
    assert.strictEqual(editsOverlap(edit(0, 0, 0, 2, 'x'), edit(1, 0, 1, 2, 'y')), false);
  });

  it('snippetToPlain keeps placeholders and drops tab stops and escapes', () => {
    assert.strictEqual(snippetToPlain('revision="${1:COMMIT_SHA}"'), 'revision="COMMIT_SHA"');
    assert.strictEqual(snippetToPlain('# nosec B614 # ${1:reason}$0'), '# nosec B614 # reason');
    assert.strictEqual(snippetToPlain('a$1b${2}c'), 'abc');
    assert.strictEqual(snippetToPlain('${1|sha256,sha512|}'), 'sha256');
    assert.strictEqual(snippetToPlain('cost \\$5 \\} \\\\'), 'cost $5 } \\');
    assert.strictEqual(snippetToPlain('${1:outer ${2:inner}}'), 'outer inner');
  });

  it('mergeFixes: safe only unless unsafe, no snippets unless asked, overlaps dropped whole, first by position kept', () => {
    const safeA: Fix = { title: 'A', safety: 'safe', edits: [edit(0, 3, 0, 3, ', a=1')] };
    const unsafeB: Fix = { title: 'B', safety: 'unsafe', edits: [edit(1, 3, 1, 3, ', b=1')] };
    // C touches line 2 and line 0 (where A already inserts): dropped whole, including its line-2 edit.
    const safeC: Fix = { title: 'C', safety: 'safe', edits: [edit(2, 0, 2, 1, 'Z'), edit(0, 3, 0, 3, ', c=1')] };
    const snippetD: Fix = { title: 'D', safety: 'safe', snippet: true, edits: [edit(3, 3, 3, 3, ', d="${1:X}"')] };
    const findings = [finding('X2', 2, [safeC]), finding('X1', 0, [safeA]), finding('X3', 1, [unsafeB]), finding('X4', 3, [snippetD])];
    assert.deepStrictEqual(
      mergeFixes(findings, { unsafe: false }).map((c) => c.fix.title),
      ['A'],
    );
    assert.deepStrictEqual(
      mergeFixes(findings, { unsafe: true }).map((c) => c.fix.title),
      ['A', 'B'],
    );
    assert.deepStrictEqual(
      mergeFixes(findings, { unsafe: true, snippets: true }).map((c) => c.fix.title),
      ['A', 'B', 'D'],
    );
    // Deterministic: the input order does not matter.
    assert.deepStrictEqual(
      mergeFixes([...findings].reverse(), { unsafe: true }).map((c) => c.fix.title),
      ['A', 'B'],
    );
    // Suppressed findings are never fixed.
    assert.deepStrictEqual(mergeFixes([{ ...findings[1], suppressedBy: 'nosec' }], { unsafe: true }), []);
  });

  it('refuses a fix whose result no longer parses, keeps the others', () => {
    const text = 'import requests\nr = requests.get(u)\ns = requests.get(v)\n';
    const good: Fix = { title: 'good', safety: 'safe', edits: [edit(1, 18, 1, 18, ', timeout=30')] };
    const broken: Fix = { title: 'broken', safety: 'safe', edits: [edit(2, 18, 2, 18, ', timeout=(')] };
    assert.strictEqual(fixKeepsSyntax(text, good), true);
    assert.strictEqual(fixKeepsSyntax(text, broken), false);
    const result = applyFixesChecked(text, [
      { finding: finding('B113', 1, [good]), fix: good },
      { finding: finding('B113', 2, [broken]), fix: broken },
    ]);
    assert.deepStrictEqual(
      result.applied.map((c) => c.fix.title),
      ['good'],
    );
    assert.deepStrictEqual(
      result.refused.map((c) => c.fix.title),
      ['broken'],
    );
    assert.strictEqual(result.text, 'import requests\nr = requests.get(u, timeout=30)\ns = requests.get(v)\n');
    assert.strictEqual(textSyntaxErrors(result.text), 0);
  });

  it('a file that already has a syntax error can still be fixed where the fix adds none', () => {
    const text = 'import requests\nr = requests.get(u)\ndef broken(:\n    pass\n';
    const before = textSyntaxErrors(text);
    assert.ok(before > 0);
    const good: Fix = { title: 'good', safety: 'safe', edits: [edit(1, 18, 1, 18, ', timeout=30')] };
    assert.strictEqual(fixKeepsSyntax(text, good), true);
  });
});
