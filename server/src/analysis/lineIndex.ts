// Offsets ↔ tree-sitter points. Lines end at '\n', '\r\n' or a lone '\r' — as in LSP and in Python —
// because the parser is handed every lone '\r' as '\n' (parser.ts chunkedInput): tree-sitter rows are
// LSP lines, and columns count UTF-16 code units (web-tree-sitter parses a JS string).
export interface Point {
  row: number;
  column: number;
}

/** Offsets just after each line break of `text` (a '\r\n' pair is one break). */
function lineBreakEnds(text: string, into: number[]): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) into.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      into.push(i + 1);
    }
  }
}

export class LineIndex {
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
