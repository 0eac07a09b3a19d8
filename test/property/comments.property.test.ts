// Property: on any syntactically valid mix of strings, f-strings, comments and line continuations,
// the comment lexer finds exactly the comments tree-sitter finds.
import * as assert from 'assert';
import fc from 'fast-check';
import type { Node } from 'web-tree-sitter';
import { loadPython, parsePython } from '../../server/src/analysis/parser';
import { scanComments } from '../../server/src/suppressions/comments';

const text = fc.constantFrom('a', '#', ' ', 'nosec', "'", '"', '\\\\', '{{', '}}', 'é', '😀', '\n');
const chunk = fc.array(text, { maxLength: 6 }).map((xs) => xs.join(''));

/** A string literal whose body is safe for its quote style. */
const literal = fc.tuple(fc.constantFrom('', 'r', 'b', 'f', 'rb', 'F', 'u'), fc.constantFrom('"', "'", '"""', "'''"), chunk, fc.boolean()).map(([prefix, quote, body, withField]) => {
  let b = body.replace(/\\\\/g, prefix.includes('r') ? 'x' : '\\\\');
  b = b.split(quote[0]).join(quote.length === 3 ? `\\${quote[0]}` : '');
  if (!prefix.toLowerCase().includes('f')) b = b.replace(/[{}]/g, '');
  else if (withField) b += `{${quote[0] === '"' ? "'#'" : '"#"'}} {x:#>{w}}`;
  if (prefix.includes('b')) b = b.replace(/[^\x00-\x7f]/g, 'x');
  if (quote.length === 1) b = b.replace(/\n/g, '');
  return `${prefix}${quote}${b}${quote}`;
});

const statement = fc.tuple(fc.array(literal, { minLength: 1, maxLength: 3 }), fc.option(chunk, { nil: undefined }), fc.boolean()).map(([lits, comment, paren]) => {
  const expr = paren ? `(\n    ${lits.join(',\n    ')},\n)` : lits.join(' + ').replace(/^/, 'x = ');
  return comment === undefined ? expr : `${expr}  # ${comment.replace(/\n/g, ' ')}`;
});

function treeComments(source: string): string[] | undefined {
  const tree = parsePython(source, null, 0);
  try {
    if (tree.rootNode.hasError) return undefined;
    const out: string[] = [];
    const visit = (n: Node) => {
      if (n.type === 'comment') out.push(`${n.startPosition.row}:${n.startPosition.column}:${n.text}`);
      for (const c of n.children) if (c) visit(c);
    };
    visit(tree.rootNode);
    return out;
  } finally {
    tree.delete();
  }
}

describe('comment lexer (property)', () => {
  before(() => loadPython());

  it('agrees with tree-sitter on generated Python', () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 5 }), (stmts) => {
        const source = stmts.join('\n') + '\n';
        const expected = treeComments(source);
        if (!expected) return; // the generator made something tree-sitter rejects: not a case
        checked++;
        assert.deepStrictEqual(
          scanComments(source).comments.map((c) => `${c.line}:${c.start}:${c.text}`),
          expected,
          source,
        );
      }),
      { numRuns: 300 },
    );
    assert.ok(checked > 100, `only ${checked} valid cases generated`);
  });

  it('a comment appended to any line not in noCommentLines is a real comment and the file still parses', () => {
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 4 }), (stmts) => {
        const source = stmts.join('\n') + '\n';
        if (!treeComments(source)) return;
        const lines = source.split('\n');
        const blocked = scanComments(source).noCommentLines;
        for (let l = 0; l < lines.length - 1; l++) {
          if (blocked.has(l)) continue;
          const edited = [...lines.slice(0, l), `${lines[l]}  # nosec B614`, ...lines.slice(l + 1)].join('\n');
          const comments = treeComments(edited);
          assert.ok(comments, `line ${l} of:\n${source}`);
          assert.ok(
            comments.some((c) => c.startsWith(`${l}:`) && c.endsWith('# nosec B614')),
            `line ${l} of:\n${source}`,
          );
        }
      }),
      { numRuns: 150 },
    );
  });
});
