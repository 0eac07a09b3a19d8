// Files mlsec creates on request (`--output`, `--write-baseline`) are written the way `--fix` writes:
// a temporary file beside the target, flushed, then renamed over it.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes a file mlsec creates on request (`--output`, `--write-baseline`) through a temporary file
 * and a rename: a link committed under that name (`report.sarif -> ~/.bashrc`) is replaced by the new
 * file, never written through. Throws on failure, leaving no temporary file.
 */
export function writeFileViaRename(file: string, data: string | Buffer): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.mlsec-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o666);
  try {
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
