// How `--fix` puts a fixed file on disk without ever losing data. The new bytes go to a temporary file
// beside the original (same folder, so the same file system), which is written in full, flushed to
// disk and given the original's mode (and owner, where the process may set it); only then is the
// original checked once more — still the same file, still exactly the bytes that were analysed — and
// replaced by a rename, which is atomic: a reader, a crash or a full disk sees the old file or the new
// one, never half of one. Any failure removes the temporary file and leaves the original untouched.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { openRegular, readCapped } from '../workspace/safeRead';

function errText(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/** Whether `file` is still the file `stat` described, holding exactly `expected`. */
function unchanged(file: string, expected: Buffer, stat: fs.Stats): string | undefined {
  const opened = openRegular(file);
  if (!opened.ok) return `changed since it was analysed (${opened.reason})`;
  try {
    if (opened.stat.ino !== stat.ino || opened.stat.dev !== stat.dev) return 'changed since it was analysed (replaced by another file)';
    const now = readCapped(opened.fd, opened.stat, expected.length);
    if (!now.ok || !now.bytes.equals(expected)) return 'changed since it was analysed';
    return undefined;
  } finally {
    fs.closeSync(opened.fd);
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  let off = 0;
  while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
}

/**
 * Replaces the regular file `file` (a real path, no link) by `bytes`, if it still holds `expected`
 * (read from it with `stat`). Returns why it did not, or undefined when it did.
 */
export function replaceFile(file: string, expected: Buffer, stat: fs.Stats, bytes: Buffer): string | undefined {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.mlsec-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  let created = false;
  try {
    fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
    created = true;
    writeAll(fd, bytes);
    fs.fsyncSync(fd);
    fs.fchmodSync(fd, stat.mode & 0o7777);
    try {
      fs.fchownSync(fd, stat.uid, stat.gid);
    } catch {
      /* only root may give a file away: the owner stays the user running mlsec, as any editor would leave it */
    }
    fs.closeSync(fd);
    fd = undefined;
    const changed = unchanged(file, expected, stat);
    if (changed) {
      fs.unlinkSync(tmp);
      created = false;
      return changed;
    }
    fs.renameSync(tmp, file);
    created = false;
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    if (created) {
      try {
        fs.unlinkSync(tmp);
      } catch {
        /* already gone */
      }
    }
    return `cannot write: ${errText(e)}; the file is unchanged`;
  }
  try {
    // The rename itself reaches the disk only with its folder.
    const dfd = fs.openSync(dir, fs.constants.O_RDONLY);
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    /* some file systems refuse fsync on a folder; the rename has happened */
  }
  return undefined;
}
