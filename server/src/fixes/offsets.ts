// Text edits in LSP positions (zero-based line, UTF-16 column) applied to a text without an editor:
// the CLI's --fix, fix-all code actions and the tests. Lines end at `\n`, `\r\n` or a lone `\r`, as
// in LSP; vscode-languageserver-textdocument does the position arithmetic.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position, TextEdit, comparePositions } from '../analysis/types';

/** A throwaway document over `text`, for its offsets. */
export function documentOf(text: string): TextDocument {
  return TextDocument.create('mlsec:text', 'python', 0, text);
}

/** String index of an LSP position; a column past the end of its line clamps to the line end (before its line break). */
export function offsetAt(text: string, position: Position): number {
  return documentOf(text).offsetAt(position);
}

/** Orders edits by start, then end. */
export function compareEdits(a: TextEdit, b: TextEdit): number {
  return comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end);
}

/**
 * Whether two edits conflict: their ranges overlap, or both insert at the same point (the result
 * would depend on their order). Edits that merely touch do not conflict.
 */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  const [first, second] = compareEdits(a, b) <= 0 ? [a, b] : [b, a];
  const cmp = comparePositions(second.range.start, first.range.end);
  if (cmp < 0) return true;
  if (cmp > 0) return false;
  // second starts where first ends: a conflict only when both are insertions at that one point,
  // or an insertion sits exactly at the start of a replacement of the same start.
  const firstEmpty = comparePositions(first.range.start, first.range.end) === 0;
  const secondEmpty = comparePositions(second.range.start, second.range.end) === 0;
  return comparePositions(first.range.start, second.range.start) === 0 && (firstEmpty || secondEmpty);
}

/**
 * Applies non-overlapping edits (all against `text`; pass `doc` when the caller already holds a
 * document of exactly that text). Throws if two of them overlap: TextDocument.applyEdits would apply
 * two insertions at one point in list order, which for fixes is a conflict, not an order.
 */
export function applyEdits(text: string, edits: readonly TextEdit[], doc?: TextDocument): string {
  const sorted = [...edits].sort(compareEdits);
  for (let k = 1; k < sorted.length; k++) {
    if (editsOverlap(sorted[k - 1], sorted[k])) throw new Error('mlsec: overlapping text edits');
  }
  return TextDocument.applyEdits(doc ?? documentOf(text), sorted);
}
