// Removes one argument from a call's argument list, together with the comma that separated it,
// so that the call still parses and keeps its layout (one-argument-per-line calls lose one line).
import type { Node } from 'web-tree-sitter';
import type { Position, TextEdit } from '../analysis/types';

function pos(p: { row: number; column: number }): Position {
  return { line: p.row, character: p.column };
}

/** Deletes `arg` (a keyword_argument or positional argument node) from `call`'s argument list. */
export function removeArgument(call: Node, arg: Node): TextEdit[] {
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return [];
  const tokens = list.children.filter((c): c is Node => c !== null);
  const i = tokens.findIndex((t) => t.id === arg.id);
  if (i < 0) return [];
  const next = tokens[i + 1];
  const ownComma = next && next.type === ',' ? next : undefined;
  const afterOwn = ownComma ? tokens[i + 2] : next;
  // Previous non-comment token: either `(` or the comma before this argument.
  let j = i - 1;
  while (j >= 0 && tokens[j].type === 'comment') j--;
  const prev = tokens[j];
  const sameLineBefore = prev.endPosition.row === arg.startPosition.row;
  const lastOnItsLine = !afterOwn || afterOwn.startPosition.row > (ownComma ?? arg).endPosition.row || afterOwn.type === 'comment';
  if (!sameLineBefore && lastOnItsLine && afterOwn && afterOwn.type !== 'comment') {
    // The argument sits on lines of its own: delete those lines whole.
    return [{ range: { start: { line: arg.startPosition.row, character: 0 }, end: { line: afterOwn.startPosition.row, character: 0 } }, newText: '' }];
  }
  if (prev.type === ',') {
    // `f(a, x=1)` / `f(a, x=1, b)`: drop the separating comma before the argument and the argument.
    // If the argument has its own trailing comma and is the last one, that comma stays as the trailing comma.
    return [{ range: { start: pos(prev.startPosition), end: pos(arg.endPosition) }, newText: '' }];
  }
  // First argument: drop it with its own comma and the blank after it.
  if (ownComma && afterOwn && afterOwn.type !== ')') {
    return [{ range: { start: pos(arg.startPosition), end: pos(afterOwn.startPosition) }, newText: '' }];
  }
  const end = ownComma ?? arg;
  return [{ range: { start: pos(arg.startPosition), end: pos(end.endPosition) }, newText: '' }];
}
