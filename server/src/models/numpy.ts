// NumPy's .npy format: a magic string, a version, a header length and a Python-literal header whose
// `descr` names the dtype. Arrays of an object dtype (`'O'`, alone or inside a structured dtype) are
// stored as a pickle right after the header, and `numpy.load(allow_pickle=True)` unpickles it.
import { Cursor, type ByteSource } from './byteSource';
import { scanPickleSequence } from './streams';
import type { ModelReport, ModelScanLimits } from './report';

export const NPY_MAGIC = Buffer.from('\x93NUMPY', 'latin1');
/** Headers past this are refused (NumPy itself refuses headers over 10,000 bytes by default). */
const MAX_HEADER = 64 * 1024;

export interface NpyHeader {
  header: string;
  dataStart: number;
  hasObject: boolean;
}

/** Reads the header of the .npy at the start of `source`; throws StreamProblem when it is broken. */
export function readNpyHeader(source: ByteSource): NpyHeader | string {
  const cursor = new Cursor(source);
  const magic = cursor.take(6, 'the NumPy magic string');
  if (!magic.equals(NPY_MAGIC)) return 'no NumPy magic string';
  const major = cursor.u8('the NumPy format version');
  cursor.u8('the NumPy format version');
  if (major < 1 || major > 3) return `NumPy format version ${major} is not known`;
  const length = major === 1 ? cursor.uint(2, 'the NumPy header length') : cursor.uint(4, 'the NumPy header length');
  if (length > MAX_HEADER) return `NumPy header of ${length} bytes is over the ${MAX_HEADER}-byte limit`;
  const header = cursor.take(length, 'the NumPy header').toString(major === 3 ? 'utf8' : 'latin1');
  // A dtype holds Python objects when its descr (or a field's) is the type code O: '|O', 'O', '<O8'.
  const hasObject = /['"][<>|=]?O\d*['"]/.test(header);
  return { header, dataStart: cursor.pos, hasObject };
}

/** Scans an .npy: nothing to do unless its dtype holds objects, then the pickle after the header. */
export function scanNpy(source: ByteSource, report: ModelReport, limits: ModelScanLimits, entry?: string): void {
  let header: NpyHeader | string;
  try {
    header = readNpyHeader(source);
  } catch (error) {
    report.notInspected.push({ kind: 'truncated', message: `truncated NumPy header: ${(error as Error).message}`, entry });
    return;
  }
  if (typeof header === 'string') {
    report.notInspected.push({ kind: 'format', message: header, entry });
    return;
  }
  if (header.hasObject) scanPickleSequence(source, report, limits, { entry, start: header.dataStart, single: true });
}
