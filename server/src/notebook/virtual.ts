// A notebook's Python cells as one virtual Python document: the masked cells one after another, each
// ending in a newline. Analysed together, an import in cell 1 resolves a name used in cell 5, as
// the kernel sees it when the cells run in order. Masking keeps columns and each cell starts on a
// line of its own, so a position maps back by line alone: (cell, line - cell's first line, same
// UTF-16 column).
import type { Position, Range, TextEdit } from '../analysis/types';
import { maskCell, lineStarts, MaskedCell } from './mask';

export interface CellInput {
  /** Index in the notebook's `cells` (all cells counted). */
  index: number;
  source: string;
}

export interface CellSlot {
  index: number;
  source: string;
  masked: MaskedCell;
  /** First line of the cell in the virtual document. */
  startLine: number;
  /** Lines the cell takes in the virtual document (a final newline of its own adds none). */
  lineCount: number;
  /** Offset of each of the cell's lines in the cell text. */
  lineOffsets: number[];
}

export interface CellPosition {
  cell: number;
  position: Position;
}

export interface CellRange {
  cell: number;
  range: Range;
}

export class VirtualNotebook {
  readonly text: string;
  readonly slots: CellSlot[];
  /** Cells skipped whole, with why (`%%bash`). */
  readonly skippedCells: { index: number; magic: string }[] = [];
  private readonly byIndex = new Map<number, CellSlot>();

  constructor(cells: readonly CellInput[]) {
    const parts: string[] = [];
    this.slots = [];
    let line = 0;
    for (const cell of cells) {
      const masked = maskCell(cell.source);
      if (masked.skippedMagic) {
        this.skippedCells.push({ index: cell.index, magic: masked.skippedMagic });
        continue;
      }
      const piece = masked.text.endsWith('\n') ? masked.text : `${masked.text}\n`;
      const lineOffsets = lineStarts(cell.source);
      const lineCount = lineOffsets.length - (cell.source.endsWith('\n') ? 1 : 0);
      const slot: CellSlot = { index: cell.index, source: cell.source, masked, startLine: line, lineCount, lineOffsets };
      this.slots.push(slot);
      this.byIndex.set(cell.index, slot);
      parts.push(piece);
      line += lineCount;
    }
    this.text = parts.join('');
  }

  slot(index: number): CellSlot | undefined {
    return this.byIndex.get(index);
  }

  /** The slot holding virtual line `line` (binary search). */
  slotAtLine(line: number): CellSlot | undefined {
    let lo = 0;
    let hi = this.slots.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.slots[mid];
      if (line < s.startLine) hi = mid - 1;
      else if (line >= s.startLine + s.lineCount) lo = mid + 1;
      else return s;
    }
    return undefined;
  }

  toCell(p: Position): CellPosition | undefined {
    const slot = this.slotAtLine(p.line);
    return slot && { cell: slot.index, position: { line: p.line - slot.startLine, character: p.character } };
  }

  /**
   * A virtual range as a range in one cell; undefined when it spans cells. An end at the very start
   * of the next cell's first line is the end of this cell when the cell text ends with a newline.
   */
  rangeToCell(r: Range): CellRange | undefined {
    const slot = this.slotAtLine(r.start.line);
    if (!slot) return undefined;
    const endLine = r.end.line - slot.startLine;
    const fitsEnd = endLine < slot.lineCount || (endLine === slot.lineCount && r.end.character === 0 && slot.source.endsWith('\n'));
    if (!fitsEnd) return undefined;
    return { cell: slot.index, range: { start: { line: r.start.line - slot.startLine, character: r.start.character }, end: { line: endLine, character: r.end.character } } };
  }

  fromCell(cell: number, p: Position): Position | undefined {
    const slot = this.byIndex.get(cell);
    return slot && { line: slot.startLine + p.line, character: p.character };
  }

  /** Offset in the cell's text of a position in the cell (clamped to the line). */
  cellOffset(slot: CellSlot, p: Position): number {
    const start = slot.lineOffsets[Math.min(p.line, slot.lineOffsets.length - 1)] ?? 0;
    const next = p.line + 1 < slot.lineOffsets.length ? slot.lineOffsets[p.line + 1] - 1 : slot.source.length;
    return Math.min(start + p.character, Math.max(start, next));
  }

  /**
   * A virtual edit as an edit of one cell's original text; undefined when it spans cells or touches
   * masked IPython syntax (a fix never rewrites a magic it cannot read).
   */
  editToCell(e: TextEdit): { cell: number; edit: TextEdit } | undefined {
    const mapped = this.rangeToCell(e.range);
    if (!mapped) return undefined;
    const slot = this.byIndex.get(mapped.cell)!;
    const s = this.cellOffset(slot, mapped.range.start);
    const t = this.cellOffset(slot, mapped.range.end);
    for (const [a, b] of slot.masked.spans) if (s < b && a < t) return undefined;
    for (const [a, b] of slot.masked.spans) if (a < s && s < b) return undefined;
    return { cell: mapped.cell, edit: { range: mapped.range, newText: e.newText } };
  }
}
