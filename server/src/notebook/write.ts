// Writes changed cell sources back into the notebook's own text, and nothing else: each changed
// `source` value is rewritten where it stands, so indentation, key order, outputs, metadata and the
// final newline stay byte for byte as they were. A list of lines stays a list (lines that did not
// change keep their exact JSON text), a string stays a string. Non-ASCII text is written as the file
// did: literally (nbformat's default) or as \u escapes when the file uses only those.
import { locateSources, Notebook, SourceToken } from './read';
import { lineStarts } from './mask';

/** nbformat's list form of a source: each line with its newline, the last one without when the text has none. */
export function sourceLines(source: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) {
    lines.push(source.slice(start, i + 1));
    start = i + 1;
  }
  if (start < source.length) lines.push(source.slice(start));
  return lines;
}

/** Whether the file writes non-ASCII characters as \u escapes (Python's json with ensure_ascii). */
export function usesAsciiEscapes(raw: string): boolean {
  return !/[^\x00-\x7f]/.test(raw) && /\\u(?:00[89a-fA-F][0-9a-fA-F]|0[1-9a-fA-F][0-9a-fA-F]{2}|[1-9a-fA-F][0-9a-fA-F]{3})/.test(raw);
}

/** A JSON string as Python's json module writes it (lowercase \u escapes for control characters). */
export function encodeJsonString(s: string, asciiOnly: boolean): string {
  const json = JSON.stringify(s);
  return asciiOnly ? json.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

function lineIndentAt(raw: string, offset: number): string {
  const starts = lineStarts(raw.slice(0, offset));
  const line = raw.slice(starts[starts.length - 1], offset);
  return /^[ \t]*/.exec(line)![0];
}

/** The indentation unit of the file: that of its second line (the root object's first key). */
function indentUnit(raw: string): string {
  const m = /\n([ \t]+)\S/.exec(raw);
  return m ? m[1] : '';
}

function rewriteList(raw: string, token: SourceToken, source: string, asciiOnly: boolean): string {
  const items = token.items;
  const lines = sourceLines(source);
  if (items.length === 0) {
    if (lines.length === 0) return raw.slice(token.offset, token.end);
    const indent = lineIndentAt(raw, token.offset);
    const inner = indent + indentUnit(raw);
    return `[\n${inner}${lines.map((l) => encodeJsonString(l, asciiOnly)).join(`,\n${inner}`)}\n${indent}]`;
  }
  if (lines.length === 0) return '[]';
  const sep = items.length >= 2 ? raw.slice(items[0].end, items[1].offset) : `,${raw.slice(token.offset + 1, items[0].offset)}`;
  let prefix = 0;
  while (prefix < items.length && prefix < lines.length && items[prefix].value === lines[prefix]) prefix++;
  let suffix = 0;
  while (suffix < items.length - prefix && suffix < lines.length - prefix && items[items.length - 1 - suffix].value === lines[lines.length - 1 - suffix]) suffix++;
  const pieces = [
    ...items.slice(0, prefix).map((t) => raw.slice(t.offset, t.end)),
    ...lines.slice(prefix, lines.length - suffix).map((l) => encodeJsonString(l, asciiOnly)),
    ...items.slice(items.length - suffix).map((t) => raw.slice(t.offset, t.end)),
  ];
  const open = raw.slice(token.offset, items[0].offset);
  const close = raw.slice(items[items.length - 1].end, token.end);
  return open + pieces.join(sep) + close;
}

/** The notebook's text with the sources of the cells in `changed` (by cell index) replaced. */
export function replaceSources(notebook: Notebook, changed: ReadonlyMap<number, string>): string {
  locateSources(notebook);
  const raw = notebook.raw;
  const asciiOnly = usesAsciiEscapes(raw);
  const edits: { offset: number; end: number; text: string }[] = [];
  for (const [index, source] of changed) {
    const cell = notebook.cells[index];
    if (!cell?.token) throw new Error(`cell ${index + 1}: its source was not located in the file`);
    if (cell.source === source) continue;
    const token = cell.token;
    edits.push({ offset: token.offset, end: token.end, text: token.kind === 'string' ? encodeJsonString(source, asciiOnly) : rewriteList(raw, token, source, asciiOnly) });
  }
  edits.sort((a, b) => b.offset - a.offset);
  let out = raw;
  for (const e of edits) out = out.slice(0, e.offset) + e.text + out.slice(e.end);
  return out;
}
