// Statements around a line, from the document's parse tree: the unit the syntax guard checks a fix
// on, and a place where the comment lexer can start reading (suppressionComment.ts).
import type { Node, Tree } from 'web-tree-sitter';
import type { LineIndex } from '../analysis/lineIndex';

/** The statement (a child of a block or of the module) holding the first token of `row`, if any. */
export function statementAtRow(tree: Tree, lines: LineIndex, row: number): Node | undefined {
  if (row < 0 || row >= lines.lineCount) return undefined;
  const start = lines.offsetAt({ row, column: 0 });
  const end = row + 1 < lines.lineCount ? lines.offsetAt({ row: row + 1, column: 0 }) : lines.text.length;
  const column = lines.text.slice(start, end).search(/[^ \t\f\r\n]/);
  if (column < 0) return undefined;
  let node: Node | null = tree.rootNode.descendantForPosition({ row, column });
  while (node && node.parent && node.parent.type !== 'block' && node.parent.type !== 'module') node = node.parent;
  return node && node.parent ? node : undefined;
}

/**
 * A line at or before `row` that starts outside any string or bracket, and its offset: the first line
 * of the statement around `row`, when only blanks come before that statement on its line (nothing
 * but blanks cannot close a string or a bracket, and a statement starts outside both).
 */
export function codeLineStart(tree: Tree, lines: LineIndex, row: number): { line: number; offset: number } | undefined {
  const statement = statementAtRow(tree, lines, row);
  if (!statement) return undefined;
  const line = statement.startPosition.row;
  const offset = lines.offsetAt({ row: line, column: 0 });
  return /^[ \t\f]*$/.test(lines.text.slice(offset, statement.startIndex)) ? { line, offset } : undefined;
}
