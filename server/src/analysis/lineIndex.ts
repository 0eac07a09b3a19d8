// Offsets ↔ tree-sitter points. Tree-sitter rows break on '\n' only and columns count UTF-16 code
// units (web-tree-sitter parses a JS string), so a lone '\r' is an ordinary character here, while
// LSP treats it as a line break: the store converts at the LSP boundary when a text has one.
export interface Point {
  row: number;
  column: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
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
  const last = inserted.lastIndexOf('\n');
  if (last === -1) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: start.row + rows, column: inserted.length - last - 1 };
}

/** True when the text has a '\r' not followed by '\n' (LSP lines then differ from tree-sitter rows). */
export function hasLoneCarriageReturn(text: string): boolean {
  return /\r(?!\n)/.test(text);
}
