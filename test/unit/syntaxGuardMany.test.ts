// The syntax guard with a fix-all's worth of edits (more than it gives the tree one by one): the text
// after them is parsed afresh, and the verdict is the same as for a handful of edits — kept when the
// file still parses, refused when one edit breaks it, and compared with a fresh count of the errors
// the file already had.
import * as assert from 'assert';
import { loadPython, parsePython } from '../../server/src/analysis/parser';
import type { TextEdit } from '../../server/src/analysis/types';
import { SyntaxGuard } from '../../server/src/fixes/syntaxGuard';

/** `count` calls, one per line, each given `, timeout=30` before its closing parenthesis. */
function manyCalls(count: number): { text: string; edits: TextEdit[] } {
  const lines = Array.from({ length: count }, (_, i) => `r${i} = get(u${i})`);
  const edits = lines.map((l, i) => ({ range: { start: { line: i, character: l.length - 1 }, end: { line: i, character: l.length - 1 } }, newText: ', timeout=30' }));
  return { text: lines.join('\n') + '\n', edits };
}

describe('SyntaxGuard: a fix-all of many edits', () => {
  before(() => loadPython());

  it('keeps 200 edits that leave the file parsing, refuses them when one breaks it', () => {
    const { text, edits } = manyCalls(200);
    const tree = parsePython(text);
    const guard = new SyntaxGuard(text, true, tree);
    try {
      assert.strictEqual(guard.keeps(edits), true);
      const broken = edits.map((e, i) => (i === 117 ? { ...e, newText: ', timeout=(' } : e));
      assert.strictEqual(guard.keeps(broken), false);
    } finally {
      guard.dispose();
      tree.delete();
    }
  });

  it('in a file that already has an error, compares with a fresh count of it', () => {
    const { text, edits } = manyCalls(200);
    const withError = `${text}def broken(:\n    pass\n`;
    const tree = parsePython(withError);
    const guard = new SyntaxGuard(withError, true, tree);
    try {
      assert.ok(guard.baseErrors > 0);
      assert.strictEqual(guard.keeps(edits), true);
      assert.strictEqual(guard.keeps(edits.map((e, i) => (i === 3 ? { ...e, newText: ', [' } : e))), false);
    } finally {
      guard.dispose();
      tree.delete();
    }
  });
});
