// Every file mlsec reads (sources, pyproject.toml, .bandit, .gitignore, baselines, the scan cache) is
// read here. A repository may commit a link to /dev/zero or a FIFO under any of those names: a plain
// readFileSync would then read forever or block. So a file is opened without blocking, checked with
// fstat on the open descriptor (no window between the check and the read), and read through that
// descriptor with a cap: never more than `maxBytes` + 1 bytes, whatever the file claims its size is.
import * as fs from 'fs';

export type SafeRead = { ok: true; bytes: Buffer; stat: fs.Stats } | { ok: false; reason: string; /** errno code, when the system gave one (ENOENT: no such file). */ code?: string };

/** Caps for the files mlsec reads besides sources (those have MAX_FILE_BYTES). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
export const MAX_BASELINE_BYTES = 64 * 1024 * 1024;
export const MAX_CACHE_BYTES = 256 * 1024 * 1024;

const CHUNK = 64 * 1024;

/** A size limit as people write it: `10 MB`, `64 KB`. */
export function limitText(n: number): string {
  return n >= 1048576 ? `${Math.round(n / 1048576)} MB` : `${Math.round(n / 1024)} KB`;
}

export function tooBigReason(size: number, maxBytes: number): string {
  const shown = size >= 1048576 ? `${(size / 1048576).toFixed(1)} MB` : `${(size / 1024).toFixed(1)} KB`;
  return `file is ${shown}, over the ${limitText(maxBytes)} limit`;
}

/** What kind of special file a stat describes, for messages. */
export function fileKind(st: fs.Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function notRegularReason(st: fs.Stats): string {
  const kind = fileKind(st);
  return kind === 'not a regular file' ? kind : `not a regular file (${kind})`;
}

function errnoReason(e: unknown): { reason: string; code?: string } {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return { reason: 'permission denied', code };
  if (code === 'ENOENT') return { reason: 'file no longer exists', code };
  return { reason: `cannot read: ${code ?? (e as Error).message}`, code };
}

/**
 * Opens `file` for reading without blocking (a FIFO opens at once instead of waiting for a writer)
 * and returns the descriptor only if it is a regular file. Links are followed: whether a link may be
 * followed at all (out of the scanned folder) is the caller's decision, made before.
 */
export function openRegular(file: string): { ok: true; fd: number; stat: fs.Stats } | { ok: false; reason: string; code?: string } {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    return { ok: false, ...errnoReason(e) };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      fs.closeSync(fd);
      return { ok: false, reason: notRegularReason(stat), code: 'ENOTREG' };
    }
    return { ok: true, fd, stat };
  } catch (e) {
    fs.closeSync(fd);
    return { ok: false, ...errnoReason(e) };
  }
}

/** Reads at most `maxBytes` from an open descriptor; more than that is refused, not truncated. */
export function readCapped(fd: number, stat: fs.Stats, maxBytes: number): SafeRead {
  if (stat.size > maxBytes) return { ok: false, reason: tooBigReason(stat.size, maxBytes), code: 'EFBIG' };
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      // The first read asks for the whole file and one byte more (a file that grew is read on).
      const want = chunks.length === 0 ? stat.size + 1 : CHUNK;
      const buf = Buffer.allocUnsafe(Math.max(1, Math.min(want, maxBytes + 1 - total)));
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      // The file grew past its stat size (or lies about it, as /proc files do): stop at the cap.
      if (total > maxBytes) return { ok: false, reason: `file is over the ${limitText(maxBytes)} limit`, code: 'EFBIG' };
    }
  } catch (e) {
    return { ok: false, ...errnoReason(e) };
  }
  return { ok: true, bytes: Buffer.concat(chunks, total), stat };
}

/** Reads a regular file of at most `maxBytes`; anything else (FIFO, device, folder, too big) is refused with a reason. */
export function readRegularFile(file: string, maxBytes: number): SafeRead {
  const opened = openRegular(file);
  if (!opened.ok) return opened;
  try {
    return readCapped(opened.fd, opened.stat, maxBytes);
  } finally {
    fs.closeSync(opened.fd);
  }
}

/**
 * A small text file (configuration, ignore file, baseline, cache) as UTF-8: undefined when it does
 * not exist, `{ problem }` when it exists but cannot be used.
 */
export function readTextFile(file: string, maxBytes: number): { text: string } | { problem: string } | undefined {
  const r = readRegularFile(file, maxBytes);
  if (!r.ok) return r.code === 'ENOENT' || r.code === 'ENOTDIR' ? undefined : { problem: r.reason };
  return { text: r.bytes.toString('utf8') };
}
