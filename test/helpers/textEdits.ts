// LSP text edits in tests, on vscode-languageserver-textdocument's positions (UTF-16 line/character;
// lines end at \n, \r\n or a lone \r, as LSP defines them). The library converts and applies; kept
// here is what it does not do: saying why a position is not one an editor could send (past a line's
// end, inside a surrogate pair: the library clamps such positions silently), and building random
// edits an editor could make.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit } from '../../server/src/analysis/types';

/** A throwaway document over `text`, for its line table. */
export function documentOf(text: string): TextDocument {
  return TextDocument.create('test:text', 'python', 0, text);
}

/** Length of line `line` without its line break (a column past the end clamps to the line's end). */
function lineLength(doc: TextDocument, line: number): number {
  return doc.offsetAt({ line, character: Number.MAX_SAFE_INTEGER }) - doc.offsetAt({ line, character: 0 });
}

/** Why `p` is not a valid position inside `doc` (beyond a line's end, inside a surrogate pair), or null. */
export function positionProblem(doc: TextDocument, p: Position): string | null {
  if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `bad position ${JSON.stringify(p)}`;
  if (p.line >= doc.lineCount) return `line ${p.line} beyond the last line ${doc.lineCount - 1}`;
  const len = lineLength(doc, p.line);
  if (p.character > len) return `character ${p.character} beyond the end (${len}) of line ${p.line}`;
  const text = doc.getText();
  const offset = doc.offsetAt(p);
  const code = text.charCodeAt(offset);
  if (p.character < len && code >= 0xdc00 && code <= 0xdfff && offset > 0) {
    const prev = text.charCodeAt(offset - 1);
    if (prev >= 0xd800 && prev <= 0xdbff) return `position ${JSON.stringify(p)} splits a surrogate pair`;
  }
  return null;
}

export function rangeProblem(doc: TextDocument, r: Range): string | null {
  const problem = positionProblem(doc, r.start) ?? positionProblem(doc, r.end);
  if (problem) return problem;
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) return `range ends before it starts: ${JSON.stringify(r)}`;
  return null;
}

/**
 * Applies non-overlapping edits (in any order) and returns the new text; throws on overlap. Edits that
 * touch, and insertions at one point, are not an overlap: they apply in order of start, then end, then
 * list order.
 */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const doc = documentOf(text);
  const spans = edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end) throw new Error(`overlapping edits at offset ${spans[i].start}`);
  }
  // Positions made again from the offsets: the library orders edits by start position alone, keeping
  // the list order on a tie, so it must be handed the order settled here.
  return TextDocument.applyEdits(
    doc,
    spans.map((s) => ({ range: { start: doc.positionAt(s.start), end: doc.positionAt(s.end) }, newText: s.newText })),
  );
}

/**
 * What an LSP content change does to a text: a position past the end of its line means the line's end
 * (before the line break), a line past the last one means the end of the text, and a reversed range is
 * put in order. A fresh document each time: the store under test keeps one document across changes,
 * whose line table the library updates edit by edit (and gets wrong after a range past the end, see
 * check/documentStore.ts), and the mirror it is compared with must not share that table.
 */
export function applyContentChange(text: string, change: { range?: Range; text: string }): string {
  return TextDocument.update(documentOf(text), [change], 1).getText();
}

/**
 * Edits of `text` from random (offset, length, new text) triples, as an editor could make them:
 * disjoint (a triple starting inside or right at the end of the previous one is dropped), in text
 * order, never splitting a surrogate pair or a CRLF (an editor's positions cannot either).
 */
export function disjointEdits(text: string, raw: readonly (readonly [number, number, string])[]): TextEdit[] {
  const doc = documentOf(text);
  const edits: TextEdit[] = [];
  let last = -1;
  for (const [at, length, newText] of raw.map(([o, l, t]) => [o % (text.length + 1), l, t] as const).sort((a, b) => a[0] - b[0])) {
    if (at <= last) continue;
    const end = Math.min(text.length, at + length);
    const splits = (i: number) => /[\uDC00-\uDFFF]/.test(text[i] ?? '') || (text[i] === '\n' && text[i - 1] === '\r');
    if (splits(at) || splits(end)) continue;
    edits.push({ range: { start: doc.positionAt(at), end: doc.positionAt(end) }, newText });
    last = end;
  }
  return edits;
}
