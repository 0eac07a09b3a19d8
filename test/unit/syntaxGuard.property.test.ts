// Property: the code actions' incremental syntax check (copy the tree, edit, re-parse) reaches the
// same verdict as a fresh parse of the edited text, for random edits of the fixture files.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { loadPython } from '../../server/src/analysis/parser';
import { applyEdits } from '../../server/src/fixes/offsets';
import { SyntaxGuard, textSyntaxErrors } from '../../server/src/fixes/syntaxGuard';
import { disjointEdits } from '../helpers/textEdits';

const DIRS = ['../../../test/fixtures/fixes', '../../../test/fixtures/rules'].map((d) => path.resolve(__dirname, d));
const FRAGMENTS = [', timeout=30', '(', ')', '\n', '  # c', '"', 'x', '', ':', '\r\n    y=1,', 'def ', '    ', '\\\n', "'''", ',', '😀'];

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
        // Disjoint, never splitting a surrogate pair or a CRLF (helpers/textEdits.ts).
        const edits = disjointEdits(text, raw);
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
