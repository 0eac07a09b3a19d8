// The one place where the model scan opens a file. Everything else reads through the descriptor it
// returns, so a stricter reader (the trust work's: no links out of the scanned root, size caps)
// replaces this function alone.
import * as fs from 'fs';
import { FILE_GONE } from '../workspace/readSource';

export interface OpenedModelFile {
  fd: number;
  size: number;
  close(): void;
}

export type ModelFileOpen = { ok: true; file: OpenedModelFile } | { ok: false; reason: string };

/**
 * Opens a regular file for reading. O_NONBLOCK keeps a FIFO planted under a model's name from
 * blocking the open; the type is checked on the opened descriptor, so a file swapped after a stat
 * cannot slip through.
 */
export function openModelFile(file: string): ModelFileOpen {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? FILE_GONE : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : `cannot open: ${code ?? (e as Error).message}` };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) {
      fs.closeSync(fd);
      return { ok: false, reason: 'not a regular file' };
    }
    return { ok: true, file: { fd, size: st.size, close: () => fs.closeSync(fd) } };
  } catch (e) {
    fs.closeSync(fd);
    return { ok: false, reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
}
