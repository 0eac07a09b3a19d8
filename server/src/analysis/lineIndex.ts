// Offsets ↔ tree-sitter points. Lines end at '\n', '\r\n' or a lone '\r' — as in LSP and in Python —
// because the parser is handed every lone '\r' as '\n' (parser.ts chunkedInput): tree-sitter rows are
// LSP lines, and columns count UTF-16 code units (web-tree-sitter parses a JS string).
import type { TextDocument } from 'vscode-languageserver-textdocument';
export interface Point {
  row: number;
  column: number;
}

/** Offsets just after each line break of `text` (a '\r\n' pair is one break). */
function lineBreakEnds(text: string, into: number[]): void {
  if (text.indexOf('\r') === -1) {
    // The common case, on every change: a native search for '\n'.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) into.push(i + 1);
    return;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) into.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      into.push(i + 1);
    }
  }
}

/** Offsets → points over one text. */
export interface PointIndex {
  readonly text: string;
  pointAt(offset: number): Point;
}

/**
 * A document's own line table as a PointIndex: vscode-languageserver-textdocument counts lines as
 * tree-sitter rows are counted here ('\n', '\r\n', lone '\r') and columns in UTF-16 code units, and
 * it keeps its table current edit by edit — no pass over the text per keystroke.
 */
export function documentPoints(doc: TextDocument): PointIndex {
  return {
    text: doc.getText(),
    pointAt(offset: number): Point {
      const p = doc.positionAt(offset);
      return { row: p.line, column: p.character };
    },
  };
}

export class LineIndex implements PointIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    lineBreakEnds(text, this.starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  pointAt(offset: number): Point {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - this.starts[lo] };
  }

  offsetAt(point: Point): number {
    const start = this.starts[Math.min(point.row, this.starts.length - 1)];
    return start + point.column;
  }
}

/** Where text `inserted` ends when it is inserted at `start`. */
export function pointAfter(start: Point, inserted: string): Point {
  const ends: number[] = [];
  lineBreakEnds(inserted, ends);
  if (ends.length === 0) return { row: start.row, column: start.column + inserted.length };
  return { row: start.row + ends.length, column: inserted.length - ends[ends.length - 1] };
}

/** True when the text has a '\r' not followed by '\n'. */
export function hasLoneCarriageReturn(text: string): boolean {
  return text.indexOf('\r') !== -1 && /\r(?!\n)/.test(text);
}

/** The fields of a tree-sitter edit (web-tree-sitter's `Edit` takes exactly these). */
export interface TreeEditSpan {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: Point;
  oldEndPosition: Point;
  newEndPosition: Point;
}

/**
 * The tree edit for replacing `text[startIndex, oldEndIndex)` (indexed by `lines`) with `newText`.
 * A '\r' just before the span or a '\n' just after it is taken into the span (and into the new text):
 * an edit can join a '\r' and a '\n' into one line break or split one into two, which moves every row
 * after it, and only a span that holds both characters gets the new end position right.
 */
export function treeEditSpan(lines: PointIndex, startIndex: number, oldEndIndex: number, newText: string): TreeEditSpan {
  const text = lines.text;
  let start = startIndex;
  let end = oldEndIndex;
  let inserted = newText;
  if (start > 0 && text.charCodeAt(start - 1) === 13) {
    start--;
    inserted = `\r${inserted}`;
  }
  if (end < text.length && text.charCodeAt(end) === 10) {
    end++;
    inserted = `${inserted}\n`;
  }
  const startPosition = lines.pointAt(start);
  return {
    startIndex: start,
    oldEndIndex: end,
    newEndIndex: start + inserted.length,
    startPosition,
    oldEndPosition: lines.pointAt(end),
    newEndPosition: pointAfter(startPosition, inserted),
  };
}
