// Reads a Python file as text, or says clearly why it will not be analysed. Decoding follows what
// CPython does with source files: UTF-8 by default, a UTF-8 BOM stripped, a PEP 263 coding declaration
// on line 1 or 2 honoured, NUL bytes refused.
import * as fs from 'fs';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The reason given for a file that disappeared between discovery and reading. */
export const FILE_GONE = 'file no longer exists';

export type SourceRead = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true }); // strips a leading BOM, as editors do
const BOM = [0xef, 0xbb, 0xbf];
/** PEP 263: `# -*- coding: latin-1 -*-`, `# vim: set fileencoding=cp1252 :`. */
const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
/** Python's names for exact ISO-8859-1, which TextDecoder would silently read as windows-1252. */
const LATIN1 = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'l1', 'iso-latin-1']);

function tooBig(size: number, maxBytes: number): string {
  return `file is ${(size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit`;
}

/** The encoding a PEP 263 declaration names, looked for on the first two lines (ASCII-compatible bytes). */
export function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  const lines = head.split(/\r\n|\r|\n/, 2);
  for (const line of lines) {
    const m = CODING.exec(line);
    if (m) return m[1].toLowerCase().replace(/_/g, '-');
    if (!/^[ \t\f]*(#|$)/.test(line)) break; // the declaration may follow a comment line only
  }
  return undefined;
}

/** Decodes file bytes: binary content, NUL bytes and undecodable text are refused with a reason. */
export function decodeSource(bytes: Uint8Array, maxBytes = MAX_FILE_BYTES): SourceRead {
  if (bytes.length > maxBytes) return { ok: false, reason: tooBig(bytes.length, maxBytes) };
  if (bytes.indexOf(0) !== -1) return { ok: false, reason: 'binary content (NUL bytes), not Python source: Python refuses NUL bytes too' };
  const hasBom = bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
  const declared = hasBom ? undefined : declaredEncoding(bytes);
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    if (LATIN1.has(declared)) return { ok: true, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1') };
    if (/^utf-?(16|32)/.test(declared)) return { ok: false, reason: `declares encoding '${declared}', which is not valid for Python source` };
    let decoder: InstanceType<typeof TextDecoder>;
    try {
      decoder = new TextDecoder(declared, { fatal: true });
    } catch {
      return { ok: false, reason: `declares encoding '${declared}', which mlsec cannot decode` };
    }
    try {
      return { ok: true, text: decoder.decode(bytes) };
    } catch {
      return { ok: false, reason: `not valid ${declared} (the encoding it declares)` };
    }
  }
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, reason: 'not valid UTF-8 (and no coding declaration says otherwise)' };
  }
}

export function readSource(file: string, maxBytes = MAX_FILE_BYTES): SourceRead {
  let bytes: Buffer;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { ok: false, reason: 'not a regular file' };
    if (st.size > maxBytes) return { ok: false, reason: tooBig(st.size, maxBytes) };
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? FILE_GONE : `cannot read: ${code ?? (e as Error).message}` };
  }
  return decodeSource(bytes, maxBytes);
}
