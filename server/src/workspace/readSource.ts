// Reads a Python file as text, or says clearly why it will not be analysed. Decoding follows what
// CPython does with source files: UTF-8 by default, a UTF-8 BOM stripped, a PEP 263 coding declaration
// on line 1 or 2 honoured, NUL bytes refused.
import * as iconv from 'iconv-lite';
import { readRegularFile, tooBigReason } from './safeRead';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The reason given for a file that disappeared between discovery and reading. */
export const FILE_GONE = 'file no longer exists';

/**
 * `encoding`: what the bytes were decoded as (`utf-8`, or the PEP 263 declared name); `bom`: a UTF-8
 * byte-order mark was stripped. `--fix` writes the text back the same way.
 */
export type SourceRead = { ok: true; text: string; encoding: string; bom: boolean } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true }); // strips a leading BOM, as editors do
const BOM = [0xef, 0xbb, 0xbf];
/** PEP 263: `# -*- coding: latin-1 -*-`, `# vim: set fileencoding=cp1252 :`. */
const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
/** Python's names for exact ISO-8859-1, which TextDecoder would silently read as windows-1252. */
const LATIN1 = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'l1', 'iso-latin-1']);

const tooBig = tooBigReason;

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
    if (LATIN1.has(declared)) return { ok: true, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1'), encoding: declared, bom: false };
    if (/^utf-?(16|32)/.test(declared)) return { ok: false, reason: `declares encoding '${declared}', which is not valid for Python source` };
    // iconv-lite, not TextDecoder: Node's TextDecoder reads windows-1252 as ISO-8859-1 (0x80 is not
    // '€'), and the same library encodes the text back for --fix. It replaces bytes it cannot decode
    // instead of failing, so a decode that does not encode back to the same bytes is refused.
    if (!iconv.encodingExists(declared)) return { ok: false, reason: `declares encoding '${declared}', which mlsec cannot decode` };
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), declared, { stripBOM: false });
    if (!iconv.encode(text, declared).equals(bytes)) return { ok: false, reason: `not valid ${declared} (the encoding it declares)` };
    return { ok: true, text, encoding: declared, bom: false };
  }
  try {
    return { ok: true, text: utf8.decode(bytes), encoding: 'utf-8', bom: hasBom };
  } catch {
    return { ok: false, reason: 'not valid UTF-8 (and no coding declaration says otherwise)' };
  }
}

/**
 * The bytes to write for `text` so that the file keeps what it was read as: its encoding (a PEP 263
 * latin-1 file stays latin-1; other declared encodings through iconv-lite) and its BOM. Checked by
 * decoding the result again exactly as a read would: text that the encoding cannot hold is refused,
 * never written with replacement characters.
 */
export function encodeSource(text: string, read: { encoding: string; bom: boolean }): { ok: true; bytes: Buffer } | { ok: false; reason: string } {
  let bytes: Buffer;
  if (read.encoding === 'utf-8' || read.encoding === 'utf8') bytes = Buffer.from((read.bom ? '\uFEFF' : '') + text, 'utf8');
  else if (LATIN1.has(read.encoding)) bytes = Buffer.from(text, 'latin1');
  else if (iconv.encodingExists(read.encoding)) bytes = iconv.encode(text, read.encoding);
  else return { ok: false, reason: `cannot write encoding '${read.encoding}'` };
  const back = decodeSource(bytes, Number.MAX_SAFE_INTEGER);
  if (!back.ok || back.text !== text) return { ok: false, reason: `the fixed text cannot be written in the file's encoding (${read.encoding})` };
  return { ok: true, bytes };
}

/** Reads and decodes a source file; a FIFO, a device or a file over the limit is refused before any read blocks. */
export function readSource(file: string, maxBytes = MAX_FILE_BYTES): SourceRead {
  const r = readRegularFile(file, maxBytes);
  if (!r.ok) return { ok: false, reason: r.code === 'ENOENT' ? FILE_GONE : r.reason };
  return decodeSource(r.bytes, maxBytes);
}
