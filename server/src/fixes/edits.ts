// Edit builders shared by the rules' fixes. Each returns LSP text edits (UTF-16 positions) that
// touch as little text as possible and keep the user's layout.
import type { Node } from 'web-tree-sitter';
import { Position, TextEdit, rangeOf } from '../analysis/types';

function pos(p: { row: number; column: number }): Position {
  return { line: p.row, character: p.column };
}

function insertAt(p: Position, newText: string): TextEdit {
  return { range: { start: p, end: p }, newText };
}

/** Replaces a node's text (a keyword's value, a callee) with `newText`. */
export function replaceNode(node: Node, newText: string): TextEdit {
  return { range: rangeOf(node), newText };
}

/** Leading whitespace of the line holding `index` (lines end at \n, \r\n or a lone \r, as in LSP). */
function indentOfLine(text: string, index: number): string {
  const lineStart = Math.max(text.lastIndexOf('\n', index - 1), text.lastIndexOf('\r', index - 1)) + 1;
  const m = /^[ \t]*/.exec(text.slice(lineStart, index));
  return m ? m[0] : '';
}

/**
 * Adds `keyword` (e.g. `weights_only=True`) to a call's argument list:
 * before the first `**kwargs`; after the last argument otherwise, following the call's layout
 * (one argument per line with or without a trailing comma, comments after arguments, hanging indent).
 */
export function addKeywordArgument(call: Node, keyword: string, text: string): TextEdit[] {
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return [];
  const children = list.children.filter((c): c is Node => c !== null);
  const open = children[0];
  const close = children[children.length - 1];
  const args = children.filter((c) => c.isNamed && c.type !== 'comment');
  const firstDictSplat = args.find((a) => a.type === 'dictionary_splat');
  if (firstDictSplat) {
    const prev = args[args.indexOf(firstDictSplat) - 1];
    // One-argument-per-line layout: put the keyword on its own line, above `**kwargs`.
    if (prev && prev.endPosition.row < firstDictSplat.startPosition.row) {
      return [insertAt(pos(firstDictSplat.startPosition), `${keyword},\n${indentOfLine(text, firstDictSplat.startIndex)}`)];
    }
    if (!prev && open.endPosition.row < firstDictSplat.startPosition.row) {
      return [insertAt(pos(firstDictSplat.startPosition), `${keyword},\n${indentOfLine(text, firstDictSplat.startIndex)}`)];
    }
    return [insertAt(pos(firstDictSplat.startPosition), `${keyword}, `)];
  }
  if (args.length === 0) {
    return [insertAt(pos(open.endPosition), keyword)];
  }
  const last = args[args.length - 1];
  const after = children.slice(children.indexOf(last) + 1, -1); // tokens between last arg and `)`
  const trailingComma = after.find((c) => c.type === ',');
  const closeOnOwnLine = close.startPosition.row > last.endPosition.row;
  if (!closeOnOwnLine) {
    // `f(a, b)` or hanging `f(a,\n  b)`: append on the same line.
    if (trailingComma) return [insertAt(pos(trailingComma.endPosition), ` ${keyword}`)];
    return [insertAt(pos(last.endPosition), `, ${keyword}`)];
  }
  // The closing paren is on a later line: one argument per line.
  const indent = indentOfLine(text, last.startIndex);
  const lineOfLast = last.endPosition.row;
  // Comments that sit on the same line as the last argument (or its trailing comma) stay there.
  const sameLineTail = after.filter((c) => c.startPosition.row === lineOfLast);
  const tailEnd = sameLineTail.length > 0 ? sameLineTail[sameLineTail.length - 1].endPosition : last.endPosition;
  if (trailingComma) {
    return [insertAt(pos(tailEnd), `\n${indent}${keyword},`)];
  }
  if (sameLineTail.length > 0) {
    // `last  # comment` → `last,  # comment` + new line with the keyword.
    return [insertAt(pos(last.endPosition), ','), insertAt(pos(tailEnd), `\n${indent}${keyword}`)];
  }
  return [insertAt(pos(last.endPosition), `,\n${indent}${keyword}`)];
}
