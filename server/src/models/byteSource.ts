// Random-access bytes for the model readers, and a cursor that walks them in bounded chunks. Model
// files can be gigabytes: nothing here reads more than one chunk at a time, except what a caller asks
// to keep (a string it needs), and payloads it only steps over are never read at all.
import * as fs from 'fs';

export interface ByteSource {
  /** Number of bytes available. */
  readonly size: number;
  /** Copies up to `length` bytes from `position` into `into` at 0; returns how many were copied. */
  read(into: Buffer, length: number, position: number): number;
}

/** A source over an open file descriptor (positions are file offsets, from `start`). */
export function fdSource(fd: number, start = 0, size?: number): ByteSource {
  const total = size ?? fs.fstatSync(fd).size - start;
  return {
    size: total,
    read(into, length, position) {
      const n = Math.max(0, Math.min(length, total - position));
      if (n === 0) return 0;
      let done = 0;
      while (done < n) {
        const got = fs.readSync(fd, into, done, n - done, start + position + done);
        if (got === 0) break; // the file shrank while we read it
        done += got;
      }
      return done;
    },
  };
}

export function bufferSource(buffer: Uint8Array): ByteSource {
  const buf = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.length);
  return {
    size: buf.length,
    read(into, length, position) {
      const n = Math.max(0, Math.min(length, buf.length - position));
      if (n > 0) buf.copy(into, 0, position, position + n);
      return n;
    },
  };
}

/** A window `[start, start + size)` of another source. */
export function windowSource(source: ByteSource, start: number, size: number): ByteSource {
  const total = Math.max(0, Math.min(size, source.size - start));
  return {
    size: total,
    read(into, length, position) {
      const n = Math.max(0, Math.min(length, total - position));
      return n > 0 ? source.read(into, n, start + position) : 0;
    },
  };
}

/** Why a read stopped: the stream ended early, or its bytes make no sense where they stand. */
export class StreamProblem extends Error {
  constructor(
    readonly kind: 'truncated' | 'malformed' | 'budget' | 'unsupported',
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const CHUNK = 64 * 1024;

/**
 * Sequential reads over a source with one reused chunk buffer. Offsets in problems are positions in
 * the source. `skip` never reads what it passes over.
 */
export class Cursor {
  private chunk = Buffer.alloc(CHUNK);
  private chunkStart = 0;
  private chunkLength = 0;

  constructor(
    readonly source: ByteSource,
    public pos = 0,
  ) {}

  get size(): number {
    return this.source.size;
  }

  atEnd(): boolean {
    return this.pos >= this.source.size;
  }

  /** Makes `n` bytes (n ≤ CHUNK) at `pos` available in the chunk; false at the end of the source. */
  private ensure(n: number): boolean {
    if (this.pos >= this.chunkStart && this.pos + n <= this.chunkStart + this.chunkLength) return true;
    this.chunkStart = this.pos;
    this.chunkLength = this.source.read(this.chunk, CHUNK, this.pos);
    return n <= this.chunkLength;
  }

  private truncated(what: string): never {
    throw new StreamProblem('truncated', this.pos, `stream ends at offset ${this.source.size} inside ${what}`);
  }

  u8(what = 'an opcode'): number {
    if (!this.ensure(1)) this.truncated(what);
    return this.chunk[this.pos++ - this.chunkStart];
  }

  /** Little-endian unsigned integer of `width` bytes (≤ 8); values past 2^53 come back as Infinity. */
  uint(width: number, what: string): number {
    if (!this.ensure(width)) this.truncated(what);
    const at = this.pos - this.chunkStart;
    let value = 0;
    for (let i = width - 1; i >= 0; i--) value = value * 256 + this.chunk[at + i];
    this.pos += width;
    return Number.isSafeInteger(value) ? value : Infinity;
  }

  int32(what: string): number {
    if (!this.ensure(4)) this.truncated(what);
    const v = this.chunk.readInt32LE(this.pos - this.chunkStart);
    this.pos += 4;
    return v;
  }

  /** A copy of the next `n` bytes. Callers bound `n`. */
  take(n: number, what: string): Buffer {
    if (this.pos + n > this.source.size) this.truncated(what);
    if (n <= CHUNK && this.ensure(n)) {
      const at = this.pos - this.chunkStart;
      this.pos += n;
      return Buffer.from(this.chunk.subarray(at, at + n));
    }
    const out = Buffer.alloc(n);
    const got = this.source.read(out, n, this.pos);
    if (got < n) this.truncated(what);
    this.pos += n;
    return out;
  }

  /** Steps over `n` bytes without reading them. */
  skip(n: number, what: string): void {
    if (!(this.pos + n <= this.source.size)) this.truncated(what);
    this.pos += n;
  }

  /** The bytes up to the next newline (consumed, not returned); over `max` bytes is malformed. */
  line(max: number, what: string): Buffer {
    const start = this.pos;
    const parts: Buffer[] = [];
    let length = 0;
    for (;;) {
      if (!this.ensure(1)) {
        this.pos = start;
        this.truncated(what);
      }
      const at = this.pos - this.chunkStart;
      const nl = this.chunk.indexOf(10, at);
      const end = nl === -1 || nl >= this.chunkLength ? this.chunkLength : nl;
      length += end - at;
      if (length > max) throw new StreamProblem('budget', start, `${what} at offset ${start} is longer than ${max} bytes`);
      parts.push(Buffer.from(this.chunk.subarray(at, end)));
      this.pos += end - at;
      if (end < this.chunkLength) {
        this.pos++; // the newline
        return parts.length === 1 ? parts[0] : Buffer.concat(parts);
      }
    }
  }
}
