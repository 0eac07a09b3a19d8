// Pickle streams as files hold them: one pickle or several in a row (a raw .pkl written by repeated
// dumps, PyTorch's legacy format, joblib's pickle with array bytes between its opcodes).
import { Cursor, StreamProblem, type ByteSource } from './byteSource';
import { PickleFacts, readPickle, type PickleHooks, type Value } from './pickleReader';
import { mergeFacts, problemOf, type ModelReport, type ModelScanLimits } from './report';

/** PyTorch's legacy (pre-zip) files start with a protocol 2 pickle of this 10-byte number. */
const LEGACY_TORCH_MAGIC = Buffer.from('80028a0a6cfc9c46f9206aa850192e', 'hex');
/** Legacy PyTorch: magic number, protocol version, system info, the object, the storage keys. */
const LEGACY_TORCH_PICKLES = 5;

export function isLegacyTorch(head: Buffer): boolean {
  return head.length >= LEGACY_TORCH_MAGIC.length && head.subarray(0, LEGACY_TORCH_MAGIC.length).equals(LEGACY_TORCH_MAGIC);
}

const JOBLIB_MODULES = new Set(['joblib.numpy_pickle', 'sklearn.externals.joblib.numpy_pickle']);

function isArrayWrapper(v: Value): boolean {
  if (v.t !== 'obj' || !v.g) return false;
  if (JOBLIB_MODULES.has(v.g.module) && v.g.name === 'NumpyArrayWrapper') return true;
  // Protocols 0 and 1 build objects through copyreg._reconstructor(cls, object, state).
  if (v.g.module === 'copyreg' && v.g.name === '_reconstructor' && v.args?.t === 'tuple') {
    const cls = v.args.v[0];
    return cls?.t === 'global' && JOBLIB_MODULES.has(cls.g.module) && cls.g.name === 'NumpyArrayWrapper';
  }
  return false;
}

/** Bytes of one item of a NumPy dtype given by its type string ('f8', '<i4', 'U10', 'V16'). */
export function dtypeItemSize(descr: string): number | undefined {
  const m = /^[<>|=]?([biufcmMVUS])(\d+)$/.exec(descr);
  if (!m) return undefined;
  const n = Number(m[2]);
  return m[1] === 'U' ? n * 4 : n;
}

/**
 * joblib writes each array's raw bytes right after the BUILD of its NumpyArrayWrapper (preceded,
 * in joblib ≥ 0.12, by one byte giving the alignment padding and the padding itself). The size
 * comes from the wrapper's state: shape and dtype. When they cannot be read, the rest of the file
 * cannot be walked, and the scan says so.
 */
export const joblibHooks: PickleHooks = {
  afterBuild(target, state, cursor) {
    if (!isArrayWrapper(target)) return;
    const at = cursor.pos;
    const unreadable = (why: string): never => {
      throw new StreamProblem('unsupported', at, `joblib array before offset ${at}: ${why}, so the bytes after it cannot be walked`);
    };
    if (state.t !== 'dict') unreadable('its wrapper state is not a plain dict');
    const st = (state as Extract<Value, { t: 'dict' }>).v;
    const shape = st.get('shape');
    const dtype = st.get('dtype');
    if (!shape || shape.t !== 'tuple' || !shape.v.every((d) => d.t === 'int' && d.v >= 0)) unreadable('its shape is not a tuple of whole numbers');
    const descr = dtype?.t === 'obj' && dtype.args?.t === 'tuple' && dtype.args.v[0]?.t === 'str' ? dtype.args.v[0].v : undefined;
    const itemSize = descr === undefined ? undefined : dtypeItemSize(descr);
    if (itemSize === undefined) unreadable(`its dtype${descr ? ` '${descr}'` : ''} is not one mlsec can size`);
    let bytes = itemSize as number;
    for (const d of (shape as Extract<Value, { t: 'tuple' }>).v) bytes *= (d as Extract<Value, { t: 'int' }>).v;
    if (!Number.isSafeInteger(bytes)) unreadable('its size is out of range');
    if (st.get('numpy_array_alignment_bytes')?.t === 'int') cursor.skip(cursor.u8('the alignment padding of a joblib array'), 'the alignment padding of a joblib array');
    cursor.skip(bytes, 'the bytes of a joblib array');
  },
};

/**
 * Walks the pickles of a stream, one after another, until its end. Legacy PyTorch files stop after
 * their fifth pickle (raw storage bytes follow). A problem stops the walk and is recorded.
 */
export function scanPickleSequence(source: ByteSource, report: ModelReport, limits: ModelScanLimits, options: { entry?: string; start?: number; legacyTorch?: boolean; single?: boolean } = {}): void {
  const cursor = new Cursor(source, options.start ?? 0);
  const facts = new PickleFacts();
  try {
    let count = 0;
    do {
      readPickle(cursor, facts, limits.pickle, joblibHooks);
      count++;
      if (options.legacyTorch && count === LEGACY_TORCH_PICKLES) break;
    } while (!options.single && !cursor.atEnd());
  } catch (error) {
    report.notInspected.push(problemOf(error, options.entry));
  } finally {
    mergeFacts(report, facts, options.entry);
  }
}
