// Scans one model file: opens it through access.ts, tells its format from its first bytes (not its
// name: a .pt may be a zip, a legacy stream or a plain pickle) and hands it to the matching reader.
// Never throws: whatever goes wrong is a `notInspected` entry of the report.
import * as path from 'path';
import * as zlib from 'zlib';
import { openModelFile } from './access';
import { bufferSource, fdSource } from './byteSource';
import { OPCODES } from './opcodes';
import { NPY_MAGIC, scanNpy } from './numpy';
import { isLegacyTorch, scanPickleSequence } from './streams';
import { scanZip } from './zipModel';
import { DEFAULT_MODEL_LIMITS, emptyReport, type ModelReport, type ModelScanLimits } from './report';

/** File name endings scanned as model files (lower case). */
export const MODEL_FILE_EXTENSIONS = ['.pkl', '.pickle', '.joblib', '.bin', '.ckpt', '.pt', '.pth', '.npy', '.npz', '.keras'] as const;

export function isModelFile(name: string): boolean {
  const lower = name.toLowerCase();
  return MODEL_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Compressed streams joblib writes (and the old joblib 'ZF' format), by their first bytes. */
const COMPRESSIONS: { name: string; test: (h: Buffer) => boolean; inflate?: (b: Buffer, max: number) => Buffer }[] = [
  { name: 'zlib', test: (h) => h[0] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(h[1]), inflate: (b, max) => zlib.inflateSync(b, { maxOutputLength: max }) },
  { name: 'gzip', test: (h) => h[0] === 0x1f && h[1] === 0x8b, inflate: (b, max) => zlib.gunzipSync(b, { maxOutputLength: max }) },
  { name: 'bz2', test: (h) => h.subarray(0, 3).toString('latin1') === 'BZh' && h[3] >= 0x31 && h[3] <= 0x39 },
  { name: 'xz', test: (h) => h.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) },
  { name: 'lzma', test: (h) => h[0] === 0x5d && h[1] === 0x00 && h[2] === 0x00 },
  { name: 'lz4', test: (h) => h.subarray(0, 4).equals(Buffer.from([0x04, 0x22, 0x4d, 0x18])) },
  { name: 'old joblib zlib (ZF)', test: (h) => h[0] === 0x5a && h[1] === 0x46 },
];

export async function scanModelFile(file: string, limits: ModelScanLimits = DEFAULT_MODEL_LIMITS): Promise<ModelReport> {
  const report = emptyReport();
  const opened = openModelFile(file);
  if (!opened.ok) {
    report.notInspected.push({ kind: 'read', message: opened.reason });
    return report;
  }
  const { fd, size } = opened.file;
  try {
    await scanOpened(fd, size, path.extname(file).toLowerCase(), report, limits);
  } catch (error) {
    report.notInspected.push({ kind: 'read', message: `internal error: ${(error as Error)?.message ?? error}` });
  } finally {
    opened.file.close();
  }
  return report;
}

async function scanOpened(fd: number, size: number, ext: string, report: ModelReport, limits: ModelScanLimits): Promise<void> {
  if (size > limits.maxFileBytes) {
    report.notInspected.push({ kind: 'budget', message: `file of ${size} bytes is over the model file limit of ${limits.maxFileBytes} bytes` });
    return;
  }
  const source = fdSource(fd, 0, size);
  const head = Buffer.alloc(Math.min(size, 512));
  source.read(head, head.length, 0);
  if (size === 0) {
    if (ext !== '.bin') report.notInspected.push({ kind: 'format', message: 'empty file' });
    return;
  }
  const magic4 = head.subarray(0, 4).toString('latin1');
  if (magic4 === 'PK\x03\x04' || magic4 === 'PK\x05\x06') return scanZip(fd, size, ext, report, limits);
  if (head.subarray(0, 6).equals(NPY_MAGIC)) {
    report.format = 'numpy';
    return scanNpy(source, report, limits);
  }
  if (head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') {
    report.format = 'pytorch-legacy';
    report.notInspected.push({ kind: 'format', message: "tar archive (PyTorch's oldest format), which mlsec does not read" });
    return;
  }
  const compression = COMPRESSIONS.find((c) => c.test(head));
  if (compression) {
    report.format = 'compressed';
    if (!compression.inflate) {
      report.notInspected.push({ kind: 'compressed', message: `${compression.name}-compressed, which mlsec does not decompress` });
      return;
    }
    if (size > limits.maxCompressedBytes) {
      report.notInspected.push({ kind: 'budget', message: `${compression.name}-compressed file of ${size} bytes is over the limit of ${limits.maxCompressedBytes} bytes for decompression` });
      return;
    }
    const compressed = Buffer.alloc(size);
    source.read(compressed, size, 0);
    let inflated: Buffer;
    try {
      inflated = compression.inflate(compressed, limits.maxInflatedBytes);
    } catch (error) {
      const over = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError;
      report.notInspected.push({
        kind: over ? 'budget' : 'compressed',
        message: over ? `${compression.name} stream inflates past the limit of ${limits.maxInflatedBytes} bytes` : `${compression.name} stream cannot be decompressed: ${(error as Error).message}`,
      });
      return;
    }
    report.format = 'joblib';
    return scanPickleSequence(bufferSource(inflated), report, limits, { entry: `the ${compression.name}-decompressed stream` });
  }
  // `.bin` names every kind of binary: only a pickle that starts with PROTO is taken for one.
  const looksLikePickle = ext === '.bin' ? head[0] === 0x80 : OPCODES[head[0]] !== undefined;
  if (!looksLikePickle) {
    if (ext !== '.bin')
      report.notInspected.push({ kind: 'format', offset: 0, message: `does not start like a pickle, zip, NumPy or compressed file (first byte 0x${head[0].toString(16).padStart(2, '0')})` });
    return;
  }
  const legacyTorch = isLegacyTorch(head);
  report.format = legacyTorch ? 'pytorch-legacy' : ext === '.joblib' ? 'joblib' : 'pickle';
  scanPickleSequence(source, report, limits, { legacyTorch });
}
