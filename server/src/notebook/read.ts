// Reads a Jupyter notebook (nbformat 4 JSON) into its cells, or says why it will not be analysed.
// The file is hostile until proven otherwise: a size cap before reading, strict JSON (JSON.parse),
// the shape checked field by field. Besides each cell's text, the position of its `source` value in
// the raw file is kept (found with jsonc-parser's token scanner, which is iterative: no nesting depth
// can overflow the stack), so that fixes can rewrite just those strings and reports can point into
// the .ipynb file itself.
import * as fs from 'fs';
import { createScanner, SyntaxKind } from 'jsonc-parser';

/** Notebooks carry outputs (images, tables): allowed larger than a .py file; the code is capped apart. */
export const MAX_NOTEBOOK_BYTES = 32 * 1024 * 1024;

export function isNotebookFile(name: string): boolean {
  return name.endsWith('.ipynb');
}

/** A JSON string token: [offset, end) in the raw text, and its decoded value. */
export interface StringToken {
  offset: number;
  end: number;
  value: string;
}

/** Where a cell's `source` value is in the raw text: one string, or a list of strings (nbformat allows both). */
export interface SourceToken {
  kind: 'string' | 'list';
  /** [offset, end) of the whole value (the string, or `[` … `]`). */
  offset: number;
  end: number;
  items: StringToken[];
}

export interface NotebookCell {
  /** Index in the notebook's `cells` array (all cells, markdown included). */
  index: number;
  cellType: string;
  source: string;
  /** A code cell in Python (the notebook's language, or the cell's own VS Code language id). */
  python: boolean;
  /** Where `source` is in the raw text: set by locateSources (only fixes and findings need it). */
  token?: SourceToken;
}

export interface Notebook {
  /** The file's text, without a byte-order mark. */
  raw: string;
  bom: boolean;
  cells: NotebookCell[];
  /** The notebook's language (metadata.language_info.name or kernelspec.language), when it says. */
  language?: string;
  /** Whether locateSources has run. */
  located?: boolean;
}

export type NotebookRead = { ok: true; notebook: Notebook } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function notebookLanguage(doc: Json): string | undefined {
  const meta = isObject(doc.metadata) ? doc.metadata : {};
  const info = isObject(meta.language_info) ? meta.language_info.name : undefined;
  const kernel = isObject(meta.kernelspec) ? meta.kernelspec.language : undefined;
  const lang = typeof info === 'string' ? info : typeof kernel === 'string' ? kernel : undefined;
  return lang?.toLowerCase();
}

function cellLanguage(cell: Json): string | undefined {
  const meta = isObject(cell.metadata) ? cell.metadata : {};
  const id = isObject(meta.vscode) ? meta.vscode.languageId : undefined;
  return typeof id === 'string' ? id.toLowerCase() : undefined;
}

/** Parses notebook text (no BOM). Never throws. */
export function parseNotebook(raw: string, bom = false): NotebookRead {
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch (e) {
    return { ok: false, reason: `not a notebook: invalid JSON (${(e as Error).message})` };
  }
  if (!isObject(doc)) return { ok: false, reason: 'not a notebook: the JSON is not an object' };
  if (typeof doc.nbformat === 'number' && doc.nbformat < 4) return { ok: false, reason: `nbformat ${doc.nbformat} notebooks are not supported (nbformat 4 is)` };
  if (!Array.isArray(doc.cells)) return { ok: false, reason: 'not a notebook: no "cells" list' };
  const language = notebookLanguage(doc);
  const pythonNotebook = language === undefined || language.startsWith('python');
  const cells: NotebookCell[] = [];
  for (let i = 0; i < doc.cells.length; i++) {
    const c: unknown = doc.cells[i];
    if (!isObject(c)) return { ok: false, reason: `not a notebook: cell ${i + 1} is not an object` };
    const src = c.source;
    let source: string;
    if (typeof src === 'string') source = src;
    else if (Array.isArray(src) && src.every((s) => typeof s === 'string')) source = src.join('');
    else return { ok: false, reason: `not a notebook: the source of cell ${i + 1} is neither a string nor a list of strings` };
    const cellType = typeof c.cell_type === 'string' ? c.cell_type : '';
    const own = cellLanguage(c);
    const python = cellType === 'code' && (own !== undefined ? own === 'python' : pythonNotebook);
    cells.push({ index: i, cellType, source, python });
  }
  return { ok: true, notebook: { raw, bom, cells, language } };
}

/**
 * Finds where each cell's source is in the raw text (once; a second pass over the file, so done
 * only when a finding or a fix needs it: most files have neither).
 */
export function locateSources(notebook: Notebook): void {
  if (notebook.located) return;
  notebook.located = true;
  const tokens = sourceTokens(notebook.raw);
  for (const cell of notebook.cells) {
    const t = tokens.get(cell.index);
    // The scanner agrees with JSON.parse on valid JSON; a disagreement leaves the cell without a token (no fix).
    if (t && t.items.map((s) => s.value).join('') === cell.source) cell.token = t;
  }
}

/** Notebook bytes as text (UTF-8, as nbformat requires), a byte-order mark dropped. */
export function decodeNotebookText(bytes: Uint8Array, maxBytes = MAX_NOTEBOOK_BYTES): { ok: true; text: string; bom: boolean } | { ok: false; reason: string } {
  if (bytes.length > maxBytes) return { ok: false, reason: `notebook is ${(bytes.length / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit` };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'not a notebook: not valid UTF-8' };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ok: true, text: bom ? text.slice(1) : text, bom };
}

/** Decodes notebook bytes and parses them. */
export function decodeNotebook(bytes: Uint8Array, maxBytes = MAX_NOTEBOOK_BYTES): NotebookRead {
  const read = decodeNotebookText(bytes, maxBytes);
  return read.ok ? parseNotebook(read.text, read.bom) : read;
}

export function readNotebookFile(file: string, maxBytes = MAX_NOTEBOOK_BYTES): NotebookRead {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { ok: false, reason: 'not a regular file' };
    if (st.size > maxBytes) return { ok: false, reason: `notebook is ${(st.size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit` };
    return decodeNotebook(fs.readFileSync(file), maxBytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'file no longer exists' : `cannot read: ${code ?? (e as Error).message}` };
  }
}

interface Frame {
  array: boolean;
  /** The key being read (objects) or the next element's index (arrays). */
  key: string | number | undefined;
}

/**
 * The `source` value of each cell, by cell index, found by scanning tokens: root.cells[i].source.
 * Iterative, one pass; only the path to the sources is tracked, everything else is skipped.
 */
export function sourceTokens(raw: string): Map<number, SourceToken> {
  const found = new Map<number, SourceToken>();
  const scanner = createScanner(raw, true);
  const stack: Frame[] = [];
  let expectKey = false;
  const isAt = (...want: (string | number | undefined)[]) => {
    if (stack.length !== want.length) return false;
    for (let i = 0; i < want.length; i++) if (want[i] !== '*' && stack[i].key !== want[i]) return false;
    return true;
  };
  let current: SourceToken | undefined;
  const valueDone = () => {
    const top = stack[stack.length - 1];
    if (top?.array) top.key = (top.key as number) + 1;
  };
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const top = stack[stack.length - 1];
    const offset = scanner.getTokenOffset();
    switch (kind) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken: {
        const array = kind === SyntaxKind.OpenBracketToken;
        if (array && isAt('cells', '*', 'source')) {
          current = { kind: 'list', offset, end: offset, items: [] };
          found.set(stack[1].key as number, current);
        }
        stack.push({ array, key: array ? 0 : undefined });
        expectKey = !array;
        break;
      }
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        stack.pop();
        if (current && current.kind === 'list' && isAt('cells', '*', 'source')) {
          current.end = offset + 1;
          current = undefined;
        }
        valueDone();
        expectKey = false;
        break;
      case SyntaxKind.ColonToken:
        break;
      case SyntaxKind.CommaToken:
        expectKey = !!top && !top.array;
        break;
      case SyntaxKind.StringLiteral: {
        const token: StringToken = { offset, end: offset + scanner.getTokenLength(), value: scanner.getTokenValue() };
        if (expectKey && top && !top.array) {
          top.key = token.value;
          expectKey = false;
          break;
        }
        if (isAt('cells', '*', 'source')) {
          found.set(stack[1].key as number, { kind: 'string', offset, end: token.end, items: [token] });
        } else if (current && isAt('cells', '*', 'source', '*')) {
          current.items.push(token);
        }
        valueDone();
        break;
      }
      default:
        valueDone();
    }
  }
  return found;
}
