// Where a position inside a cell is in the .ipynb file itself: inside the JSON string that holds the
// cell's line, escapes counted (`\"`, `\n`, `\u00e9` are several characters in the file, one in the
// cell). SARIF regions and the Problems entries of notebooks that are not open point there, so a
// viewer that shows the raw file highlights the flagged code.
import type { Position, Range } from '../analysis/types';
import { locateSources, Notebook, NotebookCell, StringToken } from './read';
import { lineStarts } from './mask';

/** Offset in the raw text of decoded character `k` of a JSON string token. */
function rawOffsetInString(raw: string, token: StringToken, k: number): number {
  let i = token.offset + 1; // after the opening quote
  const end = token.end - 1;
  for (let n = 0; n < k && i < end; n++) {
    if (raw[i] === '\\') i += raw[i + 1] === 'u' ? 6 : 2;
    else i++;
  }
  return Math.min(i, end);
}

export class RawPositions {
  private starts: number[] | undefined;

  constructor(private readonly notebook: Notebook) {
    locateSources(notebook);
  }

  /** The raw file offset of character `offset` of a cell's source; undefined without a source token. */
  offsetOf(cell: NotebookCell, offset: number): number | undefined {
    const token = cell.token;
    if (!token) return undefined;
    let before = 0;
    for (let i = 0; i < token.items.length; i++) {
      const item = token.items[i];
      const len = item.value.length;
      // An offset at the end of one line-string belongs to the next string's start, except at the very end.
      if (offset < before + len || i === token.items.length - 1) return rawOffsetInString(this.notebook.raw, item, offset - before);
      before += len;
    }
    return token.offset;
  }

  positionOf(rawOffset: number): Position {
    const starts = (this.starts ??= lineStarts(this.notebook.raw));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= rawOffset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: rawOffset - starts[lo] };
  }

  /** A range in a cell (cell-relative positions, offsets given) as a range in the raw file. */
  rangeOf(cell: NotebookCell, startOffset: number, endOffset: number): Range | undefined {
    const s = this.offsetOf(cell, startOffset);
    const e = this.offsetOf(cell, endOffset);
    if (s === undefined || e === undefined) return undefined;
    return { start: this.positionOf(s), end: this.positionOf(Math.max(s, e)) };
  }
}
