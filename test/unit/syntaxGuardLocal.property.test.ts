// Property: the syntax guard's statement-local check never accepts an edit that a re-parse of the
// whole text would refuse. keeps() answers "yes" from the local check alone, or else from the whole
// re-parse, so it can only differ from the whole re-parse where the local check said yes wrongly.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { loadPython, parsePython } from '../../server/src/analysis/parser';
import type { TextEdit } from '../../server/src/analysis/types';
import { SyntaxGuard } from '../../server/src/fixes/syntaxGuard';
import { disjointEdits } from '../helpers/textEdits';

const DIRS = ['../../../test/fixtures/fixes', '../../../test/fixtures/rules'].map((d) => path.resolve(__dirname, d));
// Fragments that open or close brackets and strings, add block headers, continuations and comments.
const FRAGMENTS = [', timeout=30', '(', ')', '\n', '  # c', '"', "'''", 'x', '', ':', '\n    y=1,', 'if x:', '\\', '\\\n', '  # nosec B113 # why', '[', ']', '😀', '\n\n', 'def f():\n'];

describe('SyntaxGuard: the statement-local check (property)', () => {
  before(() => loadPython());

  it('keeps() agrees with a whole re-parse on random edits, and the local check decides most accepted edits', () => {
    const texts = DIRS.flatMap((d) =>
      fs
        .readdirSync(d)
        .filter((f) => f.endsWith('.py'))
        .map((f) => fs.readFileSync(path.join(d, f), 'utf8')),
    );
    let accepted = 0;
    let decidedLocally = 0;
    const original = SyntaxGuard.prototype.errorsAfter;
    let reparsed = false;
    SyntaxGuard.prototype.errorsAfter = function (this: SyntaxGuard, edits: readonly TextEdit[]) {
      reparsed = true;
      return original.call(this, edits);
    };
    try {
      fc.assert(
        fc.property(fc.nat(texts.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(4), fc.constantFrom(...FRAGMENTS)), { minLength: 1, maxLength: 3 }), (which, raw) => {
          const text = texts[which];
          const edits = disjointEdits(text, raw);
          const tree = parsePython(text);
          const guard = new SyntaxGuard(text, true, tree);
          try {
            reparsed = false;
            const verdict = guard.keeps(edits);
            const local = verdict && !reparsed;
            let whole: boolean;
            try {
              whole = original.call(guard, edits) <= guard.baseErrors;
            } catch {
              whole = false;
            }
            assert.strictEqual(verdict, whole, `edits ${JSON.stringify(edits)} on fixture ${which}: keeps ${verdict}, a whole re-parse ${whole}`);
            if (verdict) accepted++;
            if (local) decidedLocally++;
          } finally {
            guard.dispose();
            tree.delete();
          }
        }),
        { numRuns: 400 },
      );
    } finally {
      SyntaxGuard.prototype.errorsAfter = original;
    }
    assert.ok(accepted > 40, `only ${accepted} edits accepted: the property says little`);
    assert.ok(decidedLocally > accepted / 2, `the local check decided ${decidedLocally} of ${accepted} accepted edits`);
  });
});
