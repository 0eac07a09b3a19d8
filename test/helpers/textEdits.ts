// LSP text-edit arithmetic for tests: positions are UTF-16 (line, character); lines end at \n, \r\n
// or a lone \r, as LSP defines them.
import type { Position, Range, TextEdit } from '../../server/src/analysis/types';

/** Start offset of every line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** Length of line `line` without its line break. */
function lineLength(text: string, starts: number[], line: number): number {
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  if (end > starts[line] && text.charCodeAt(end - 1) === 10) end--;
  if (end > starts[line] && text.charCodeAt(end - 1) === 13) end--;
  return end - starts[line];
}

/** Why `p` is not a valid position inside `text` (beyond a line's end, inside a surrogate pair), or null. */
export function positionProblem(text: string, p: Position, starts = lineStarts(text)): string | null {
  if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `bad position ${JSON.stringify(p)}`;
  if (p.line >= starts.length) return `line ${p.line} beyond the last line ${starts.length - 1}`;
  const len = lineLength(text, starts, p.line);
  if (p.character > len) return `character ${p.character} beyond the end (${len}) of line ${p.line}`;
  const offset = starts[p.line] + p.character;
  const code = text.charCodeAt(offset);
  if (p.character < len && code >= 0xdc00 && code <= 0xdfff && offset > 0) {
    const prev = text.charCodeAt(offset - 1);
    if (prev >= 0xd800 && prev <= 0xdbff) return `position ${JSON.stringify(p)} splits a surrogate pair`;
  }
  return null;
}

export function rangeProblem(text: string, r: Range, starts = lineStarts(text)): string | null {
  const problem = positionProblem(text, r.start, starts) ?? positionProblem(text, r.end, starts);
  if (problem) return problem;
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) return `range ends before it starts: ${JSON.stringify(r)}`;
  return null;
}

export function offsetAt(text: string, p: Position, starts = lineStarts(text)): number {
  return starts[p.line] + p.character;
}

/** Applies non-overlapping edits (in any order) and returns the new text; throws on overlap. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const starts = lineStarts(text);
  const spans = edits.map((e) => ({ start: offsetAt(text, e.range.start, starts), end: offsetAt(text, e.range.end, starts), newText: e.newText })).sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end) throw new Error(`overlapping edits at offset ${spans[i].start}`);
  }
  let out = '';
  let pos = 0;
  for (const s of spans) {
    out += text.slice(pos, s.start) + s.newText;
    pos = s.end;
  }
  return out + text.slice(pos);
}

/**
 * What an LSP content change does to a text, computed on the string alone: a position past the end
 * of its line means the line's end (before the line break), a line past the last one means the end of
 * the text, and a reversed range is put in order (as vscode-languageserver-textdocument does).
 */
export function applyContentChange(text: string, change: { range?: Range; text: string }): string {
  if (!change.range) return change.text;
  const starts = lineStarts(text);
  const offset = (p: Position): number => {
    if (p.line >= starts.length) return text.length;
    if (p.line < 0) return 0;
    let lineEnd = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
    while (lineEnd > starts[p.line] && (text.charCodeAt(lineEnd - 1) === 10 || text.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
    return Math.min(starts[p.line] + Math.max(0, p.character), lineEnd);
  };
  const a = offset(change.range.start);
  const b = offset(change.range.end);
  return text.slice(0, Math.min(a, b)) + change.text + text.slice(Math.max(a, b));
}
