// Reads a Python file as text, or says clearly why it will not be analysed.
import * as fs from 'fs';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type SourceRead = { ok: true; text: string } | { ok: false; reason: string };

const decoder = new TextDecoder('utf-8', { fatal: true }); // strips a leading BOM, as editors do

/** Decodes file bytes: binary content and invalid UTF-8 are refused with a reason. */
export function decodeSource(bytes: Uint8Array, maxBytes = MAX_FILE_BYTES): SourceRead {
  if (bytes.length > maxBytes) return { ok: false, reason: `file is ${(bytes.length / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit` };
  const head = bytes.subarray(0, Math.min(bytes.length, 8192));
  if (head.includes(0)) return { ok: false, reason: 'binary content (NUL bytes), not Python source' };
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, reason: 'not valid UTF-8' };
  }
}

export function readSource(file: string, maxBytes = MAX_FILE_BYTES): SourceRead {
  let bytes: Buffer;
  try {
    const st = fs.statSync(file);
    if (st.size > maxBytes) return { ok: false, reason: `file is ${(st.size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit` };
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'file no longer exists' : `cannot read: ${code ?? (e as Error).message}` };
  }
  return decodeSource(bytes, maxBytes);
}
