// The comment lexer against tree-sitter: same comments, at the same positions, on tricky input.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Node } from 'web-tree-sitter';
import { loadPython, parsePython } from '../../server/src/analysis/parser';
import { scanComments } from '../../server/src/suppressions/comments';
import { FIXTURE_DIR, fixtureFiles } from '../helpers/fixtureFiles';

function treeComments(text: string): string[] {
  const tree = parsePython(text, null, 0);
  const out: string[] = [];
  const visit = (n: Node) => {
    if (n.type === 'comment') out.push(`${n.startPosition.row}:${n.startPosition.column}:${n.text}`);
    for (const c of n.children) if (c) visit(c);
  };
  visit(tree.rootNode);
  tree.delete();
  return out;
}

function lexedComments(text: string): string[] {
  return scanComments(text).comments.map((c) => `${c.line}:${c.start}:${c.text}`);
}

const TRICKY = [
  'x = "# not a comment"  # a comment',
  "y = '''",
  '# inside a triple-quoted string',
  "'''  # after it",
  "z = f\"{ {'k': '#'}['k'] }\"  # f-string field with quotes",
  'w = rb"\\"#"  # raw bytes with an escaped quote',
  's = f"""{x',
  '}#"""  # multi-line field',
  'u = "a\\',
  '# still in the string"  # continued',
  'é = "😀"  # non-BMP characters before the comment',
  'v = f"{x:#x} {y:{w}.{p}} {d[\'k\']!r:>{n}}"  # format specs with # and nested fields',
  '',
].join('\n');

describe('comment lexer', () => {
  before(() => loadPython());

  it('finds exactly the comments tree-sitter finds on tricky strings', () => {
    assert.deepStrictEqual(lexedComments(TRICKY), treeComments(TRICKY));
    assert.deepStrictEqual(
      lexedComments(TRICKY).map((c) => c.split(':').slice(0, 2).join(':')),
      ['0:23', '3:5', '4:28', '5:13', '7:7', '9:24', '10:10', '11:43'],
    );
  });

  it('marks the lines where a comment cannot be appended', () => {
    assert.deepStrictEqual(
      [...scanComments(TRICKY).noCommentLines].sort((a, b) => a - b),
      [1, 2, 6, 8],
    );
  });

  it('agrees with tree-sitter on every rule fixture', () => {
    for (const file of fixtureFiles()) {
      const text = fs.readFileSync(path.join(FIXTURE_DIR, file), 'utf8');
      assert.deepStrictEqual(lexedComments(text), treeComments(text), file);
    }
  });
});
