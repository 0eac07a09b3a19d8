// Model files at checkpoint size: a PyTorch zip with a small data.pkl and a 1 GiB storage entry, a
// raw pickle whose 1 GiB BINBYTES8 payload hides a global behind it, and a 5-million-opcode pickle
// that the reader must really walk. Files are written sparse (the payloads are holes), each scan
// runs in a child process so its peak RSS is its own.
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { spawnSync } from 'child_process';
import type { Row } from './stats';
import { fmt } from './stats';
import { scanModelFile } from '../server/src/models/modelFile';
import { modelFindings } from '../server/src/models/verdict';

const GIB = 1024 ** 3;

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/** CRC-32 of `size` zero bytes (zlib.crc32, Node ≥ 20.15), so the archive is a valid zip. */
function zerosCrc(size: number): number {
  const chunk = Buffer.alloc(1 << 20);
  let crc = 0;
  for (let done = 0; done < size; done += chunk.length) crc = zlib.crc32(chunk.subarray(0, Math.min(chunk.length, size - done)), crc);
  return crc;
}

/** A stored-only zip whose entries are given as bytes or as a size of zeros (written as a hole). */
function writeSparseZip(file: string, entries: { name: string; data?: Buffer; zeros?: number }[]): void {
  const fd = fs.openSync(file, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  try {
    for (const e of entries) {
      const name = Buffer.from(e.name);
      const size = e.data ? e.data.length : (e.zeros as number);
      const crc = e.data ? zlib.crc32(e.data) : zerosCrc(size);
      const local = Buffer.concat([u32(0x04034b50), u16(20), u16(0), u16(0), u16(0), u16(0), u32(crc), u32(size), u32(size), u16(name.length), u16(0), name]);
      fs.writeSync(fd, local, 0, local.length, offset);
      if (e.data) fs.writeSync(fd, e.data, 0, e.data.length, offset + local.length);
      central.push(
        Buffer.concat([u32(0x02014b50), u16(20), u16(20), u16(0), u16(0), u16(0), u16(0), u32(crc), u32(size), u32(size), u16(name.length), u16(0), u16(0), u16(0), u16(0), u32(0), u32(offset), name]),
      );
      offset += local.length + size; // the zeros are never written: the file has a hole there
    }
    const cd = Buffer.concat(central);
    const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(cd.length), u32(offset), u16(0)]);
    fs.writeSync(fd, Buffer.concat([cd, end]), 0, cd.length + end.length, offset);
  } finally {
    fs.closeSync(fd);
  }
}

/** protocol 4: BINBYTES8 of `size` zero bytes (a hole), then a STACK_GLOBAL of posix.system. */
function writeSparsePickle(file: string, size: number): void {
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(size));
  const head = Buffer.concat([Buffer.from([0x80, 0x04, 0x8e]), len]);
  const tail = Buffer.from('\x940\x8c\x05posix\x8c\x06system\x93\x8c\x04echo\x85R.', 'latin1');
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, head, 0, head.length, 0);
    fs.writeSync(fd, tail, 0, tail.length, head.length + size);
  } finally {
    fs.closeSync(fd);
  }
}

/** A list of `n` small ints: 2 opcodes each (BININT1, APPENDS every 1000), a walk of real opcodes. */
function writeLongPickle(file: string, n: number): void {
  const parts: Buffer[] = [Buffer.from([0x80, 0x04, 0x5d])];
  for (let i = 0; i < n; i += 1000) {
    const chunk = Buffer.alloc(2 + 2 * Math.min(1000, n - i));
    chunk[0] = 0x28; // MARK
    let at = 1;
    for (let j = 0; j < Math.min(1000, n - i); j++) {
      chunk[at++] = 0x4b; // BININT1
      chunk[at++] = j & 0xff;
    }
    chunk[at] = 0x65; // APPENDS
    parts.push(chunk);
  }
  parts.push(Buffer.from('.'));
  fs.writeFileSync(file, Buffer.concat(parts));
}

interface ChildResult {
  ms: number;
  maxRssMB: number;
  baseRssMB: number;
  findings: string[];
}

function scanInChild(file: string): ChildResult {
  const run = spawnSync(process.execPath, [__filename, '--child', file], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`model bench child failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ChildResult;
}

export async function benchModelFiles(work: string, rows: Row[], log: (s: string) => void): Promise<void> {
  const dir = path.join(work, 'models');
  fs.mkdirSync(dir, { recursive: true });
  const zip = path.join(dir, 'checkpoint.pt');
  const raw = path.join(dir, 'payload.pkl');
  const long = path.join(dir, 'long.pkl');
  try {
    log('model files: writing a 1 GiB zip checkpoint, a 1 GiB raw pickle (sparse) and a 5M-opcode pickle');
    const dataPkl = Buffer.from(
      '\x80\x02}q\x00X\x06\x00\x00\x00weightq\x01ctorch._utils\n_rebuild_tensor_v2\nq\x02((X\x07\x00\x00\x00storageq\x03ctorch\nFloatStorage\nq\x04X\x01\x00\x00\x000q\x05X\x03\x00\x00\x00cpuq\x06J\x00\x00\x00\x10tq\x07QK\x00J\x00\x00\x00\x10\x85q\x08K\x01\x85q\x09\x89ccollections\nOrderedDict\nq\x0a)Rq\x0btq\x0cRq\x0ds.',
      'latin1',
    );
    writeSparseZip(zip, [
      { name: 'archive/data.pkl', data: dataPkl },
      { name: 'archive/byteorder', data: Buffer.from('little') },
      { name: 'archive/data/0', zeros: GIB },
      { name: 'archive/version', data: Buffer.from('3\n') },
    ]);
    writeSparsePickle(raw, GIB);
    writeLongPickle(long, 2_500_000);
    for (const [label, file] of [
      ['1 GiB PyTorch zip (data.pkl + one storage)', zip],
      ['1 GiB raw pickle (BINBYTES8 payload, global after it)', raw],
      ['5M-opcode pickle (a list of 2.5M ints)', long],
    ] as const) {
      const size = fs.statSync(file).size;
      const r = scanInChild(file);
      const section = `model file: ${label}`;
      rows.push({ section, measure: 'file size (MB) · scan (ms)', value: `${fmt(size / 1048576, 0)} · ${fmt(r.ms, 1)}` });
      rows.push({ section, measure: 'throughput (MB/s of file)', value: fmt(size / 1048576 / (r.ms / 1000), 0) });
      rows.push({ section, measure: 'peak RSS of the scanning process · its RSS before (MB)', value: `${fmt(r.maxRssMB, 0)} · ${fmt(r.baseRssMB, 0)}`, target: '≤ 150', met: r.maxRssMB <= 150 });
      rows.push({ section, measure: 'findings', value: r.findings.join('; ') || 'none' });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function child(file: string): Promise<void> {
  const baseRssMB = process.memoryUsage().rss / 1048576;
  const t0 = performance.now();
  const report = await scanModelFile(file);
  const ms = performance.now() - t0;
  const findings = modelFindings(report).map((f) => `${f.code} ${f.message}`);
  process.stdout.write(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, baseRssMB, findings }));
}

if (require.main === module && process.argv[2] === '--child') {
  child(process.argv[3]).catch((e) => {
    process.stderr.write(String((e as Error).stack ?? e));
    process.exitCode = 1;
  });
}
