// Applies LSP text edits (UTF-16 line/character positions) to a string, as an editor would.
import type { TextEdit, Position } from '../../server/src/analysis/types';

function offsetOf(text: string, p: Position): number {
  let line = 0;
  let i = 0;
  while (line < p.line) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return text.length;
    i = nl + 1;
    line++;
  }
  const lineEnd = text.indexOf('\n', i);
  return Math.min(i + p.character, lineEnd < 0 ? text.length : lineEnd);
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const withOffsets = edits.map((e) => ({ start: offsetOf(text, e.range.start), end: offsetOf(text, e.range.end), newText: e.newText }));
  withOffsets.sort((a, b) => b.start - a.start || b.end - a.end);
  for (let k = 1; k < withOffsets.length; k++) {
    if (withOffsets[k].end > withOffsets[k - 1].start) throw new Error('overlapping edits');
  }
  let out = text;
  for (const e of withOffsets) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
