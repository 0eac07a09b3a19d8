// Property: the code actions' incremental syntax check (copy the tree, edit, re-parse) reaches the
// same verdict as a fresh parse of the edited text, for random edits of the fixture files.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { loadPython } from '../../server/src/analysis/parser';
import type { Position, TextEdit } from '../../server/src/analysis/types';
import { applyEdits } from '../../server/src/fixes/offsets';
import { SyntaxGuard, textSyntaxErrors } from '../../server/src/fixes/syntaxGuard';

const DIRS = ['../../../test/fixtures/fixes', '../../../test/fixtures/rules'].map((d) => path.resolve(__dirname, d));
const FRAGMENTS = [', timeout=30', '(', ')', '\n', '  # c', '"', 'x', '', ':', '\r\n    y=1,', 'def ', '    ', '\\\n', "'''", ',', '😀'];

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length - 1, character: offset - lineStart };
}

describe('SyntaxGuard (property)', () => {
  before(() => loadPython());

  it('incremental and fresh parses agree on the syntax errors after random edits', () => {
    const texts = DIRS.flatMap((d) =>
      fs
        .readdirSync(d)
        .filter((f) => f.endsWith('.py'))
        .map((f) => fs.readFileSync(path.join(d, f), 'utf8')),
    );
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(6), fc.constantFrom(...FRAGMENTS)), { minLength: 1, maxLength: 4 }), (which, raw) => {
        const text = texts[which];
        const edits: TextEdit[] = [];
        let last = -1;
        for (const [at, length, newText] of raw.map(([o, l, t]) => [o % (text.length + 1), l, t] as const).sort((a, b) => a[0] - b[0])) {
          if (at <= last) continue; // keep the edits disjoint
          const end = Math.min(text.length, at + length);
          // Never split a surrogate pair or a CRLF: an editor's positions cannot either.
          const splits = (i: number) => /[\uDC00-\uDFFF]/.test(text[i] ?? '') || (text[i] === '\n' && text[i - 1] === '\r');
          if (splits(at) || splits(end)) continue;
          edits.push({ range: { start: positionOf(text, at), end: positionOf(text, end) }, newText });
          last = end;
        }
        const guard = new SyntaxGuard(text, true);
        try {
          assert.strictEqual(guard.errorsAfter(edits), textSyntaxErrors(applyEdits(text, edits)));
        } finally {
          guard.dispose();
        }
      }),
      { numRuns: 300 },
    );
  });
});
