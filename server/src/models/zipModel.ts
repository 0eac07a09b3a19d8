// Zip containers: PyTorch's zip format (`<archive>/data.pkl` and raw storages under `<archive>/data/`),
// NumPy's .npz (one .npy per entry) and Keras's .keras (config.json). yauzl reads the central
// directory lazily from the descriptor; entry data is read here through windows on the same
// descriptor (stored entries) or inflated in memory under a cap (deflated ones). Storages are never read.
import * as yauzl from 'yauzl';
import * as zlib from 'zlib';
import { bufferSource, fdSource, windowSource, type ByteSource } from './byteSource';
import { scanPickleSequence } from './streams';
import { readNpyHeader, scanNpy } from './numpy';
import { findCodeLayers } from './keras';
import type { ModelReport, ModelScanLimits } from './report';

interface ZipEntryInfo {
  name: string;
  offset: number;
  compressedSize: number;
  uncompressedSize: number;
  method: number;
  encrypted: boolean;
  entry: yauzl.Entry;
}

/** The local header before an entry's data is at least this long. */
const LOCAL_HEADER = 30;
/** What is read of a large deflated .npy entry to see its header. */
const NPY_PREFIX = 16 * 1024;

function isPickleEntry(name: string): boolean {
  return name.endsWith('.pkl') || name.endsWith('.pickle');
}

function kind(entries: ZipEntryInfo[], ext: string): ModelReport['format'] {
  if (entries.some((e) => e.name === 'data.pkl' || e.name.endsWith('/data.pkl'))) return 'pytorch-zip';
  if (ext === '.keras' || (entries.some((e) => e.name === 'config.json') && entries.some((e) => e.name === 'metadata.json'))) return 'keras';
  if (entries.length > 0 && entries.every((e) => e.name.endsWith('.npy') || e.name.endsWith('/'))) return 'npz';
  return 'zip';
}

export async function scanZip(fd: number, size: number, ext: string, report: ModelReport, limits: ModelScanLimits): Promise<void> {
  report.format = 'zip';
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromFdPromise(fd, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch (error) {
    report.notInspected.push({ kind: 'zip', message: `not a readable zip archive: ${(error as Error).message}` });
    return;
  }
  const entries: ZipEntryInfo[] = [];
  try {
    if (zip.entryCount > limits.maxZipEntries) {
      report.notInspected.push({ kind: 'zip', message: `zip archive has ${zip.entryCount} entries, over the limit of ${limits.maxZipEntries}` });
      return;
    }
    for await (const e of zip.eachEntry()) {
      entries.push({
        name: e.fileName,
        offset: e.relativeOffsetOfLocalHeader,
        compressedSize: e.compressedSize,
        uncompressedSize: e.uncompressedSize,
        method: e.compressionMethod,
        encrypted: e.isEncrypted(),
        entry: e,
      });
    }
  } catch (error) {
    report.notInspected.push({ kind: 'zip', message: `zip directory cannot be read: ${(error as Error).message}` });
    return;
  }
  // Entries whose data overlap (or run past the end) are how zip bombs multiply a few bytes; such an
  // archive is not inspected at all: no honest writer makes one.
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  for (let i = 0; i < byOffset.length; i++) {
    const e = byOffset[i];
    const end = e.offset + LOCAL_HEADER + e.compressedSize;
    const next = i + 1 < byOffset.length ? byOffset[i + 1].offset : size;
    if (end > next) {
      report.notInspected.push({ kind: 'zip', entry: e.name, message: `zip entries overlap or run past the end of the file at offset ${e.offset} (a zip bomb shape)` });
      return;
    }
  }
  report.format = kind(entries, ext);
  const file = fdSource(fd, 0, size);
  for (const e of entries) {
    const wanted = isPickleEntry(e.name) ? 'pickle' : e.name.endsWith('.npy') ? 'npy' : report.format === 'keras' && e.name === 'config.json' ? 'keras' : undefined;
    if (!wanted) continue; // storages, weights, metadata: data only
    if (e.encrypted) {
      report.notInspected.push({ kind: 'zip', entry: e.name, message: 'encrypted entry' });
      continue;
    }
    let source: ByteSource | undefined;
    try {
      const { fileDataStart } = await zip.readLocalFileHeaderPromise(e.entry, { minimal: true });
      source = entrySource(file, fileDataStart, e, wanted, report, limits);
    } catch (error) {
      report.notInspected.push({ kind: 'zip', entry: e.name, message: `entry cannot be read: ${(error as Error).message}` });
      continue;
    }
    if (!source) continue;
    if (wanted === 'pickle') scanPickleSequence(source, report, limits, { entry: e.name, single: true });
    else if (wanted === 'npy') scanNpy(source, report, limits, e.name);
    else scanKerasConfig(source, report, e.name, limits);
  }
}

/** The bytes of an entry: a window on the file when stored, inflated under the caps when deflated. */
function entrySource(file: ByteSource, dataStart: number, e: ZipEntryInfo, wanted: string, report: ModelReport, limits: ModelScanLimits): ByteSource | undefined {
  if (e.method === 0) return windowSource(file, dataStart, e.compressedSize);
  if (e.method !== 8) {
    report.notInspected.push({ kind: 'compressed', entry: e.name, message: `entry compressed with method ${e.method}, which mlsec does not read` });
    return undefined;
  }
  const tooBig = e.compressedSize > limits.maxCompressedBytes || e.uncompressedSize > limits.maxInflatedBytes;
  if (tooBig && wanted === 'npy') {
    // Only the header matters unless the array holds objects: inflate a prefix and look.
    const prefix = readBytes(file, dataStart, Math.min(e.compressedSize, NPY_PREFIX));
    const head = zlib.inflateRawSync(prefix, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    let header: ReturnType<typeof readNpyHeader> | undefined;
    try {
      header = readNpyHeader(bufferSource(head));
    } catch {
      header = undefined; // a header longer than the prefix: say the entry is over the limit
    }
    if (typeof header === 'object' && !header.hasObject) return undefined; // no objects: nothing to unpickle
  }
  if (tooBig) {
    report.notInspected.push({
      kind: 'budget',
      entry: e.name,
      message: `compressed entry of ${e.compressedSize} bytes (${e.uncompressedSize} inflated) is over the inflate limit of ${limits.maxInflatedBytes} bytes`,
    });
    return undefined;
  }
  const inflated = zlib.inflateRawSync(readBytes(file, dataStart, e.compressedSize), { maxOutputLength: limits.maxInflatedBytes });
  return bufferSource(inflated);
}

function readBytes(source: ByteSource, position: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  const got = source.read(out, length, position);
  return got === length ? out : out.subarray(0, got);
}

function scanKerasConfig(source: ByteSource, report: ModelReport, entry: string, limits: ModelScanLimits): void {
  if (source.size > limits.maxInflatedBytes) {
    report.notInspected.push({ kind: 'budget', entry, message: `config.json of ${source.size} bytes is over the limit of ${limits.maxInflatedBytes} bytes` });
    return;
  }
  const text = readBytes(source, 0, source.size).toString('utf8');
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    report.notInspected.push({ kind: 'malformed', entry, message: `config.json is not valid JSON: ${(error as Error).message}` });
    return;
  }
  report.codeLayers.push(...findCodeLayers(config, entry));
}
