// What the pickle reader keeps: the globals it found, the few values its symbolic stack tracks, its
// limits. Kept apart from the opcode walk (pickleReader.ts) so each file reads in one sitting.
export interface GlobalRef {
  module: string;
  name: string;
  /** Offset of the opcode that imports it. */
  offset: number;
  opcode: string;
}

/** A global the reader cannot name: STACK_GLOBAL on unknown values, or an extension-registry code. */
export interface UnknownGlobal {
  offset: number;
  opcode: string;
  detail: string;
}

export type Value =
  | { t: 'str'; v: string }
  | { t: 'int'; v: number }
  | { t: 'tuple'; v: Value[] }
  | { t: 'dict'; v: Map<string, Value> }
  | { t: 'global'; g: GlobalRef }
  | { t: 'obj'; g?: GlobalRef; args?: Value }
  | { t: 'any' };

export const ANY: Value = { t: 'any' };

export interface PickleLimits {
  /** Opcodes walked over all pickles of one file. */
  maxSteps: number;
  /** Items on the stack and entries in the memo. */
  maxStackItems: number;
  maxMemoEntries: number;
  /** Longest string kept as a value (longer ones are stepped over); total bytes of kept strings. */
  maxKeptString: number;
  maxKeptBytes: number;
  /** Longest text line (protocol 0 arguments). */
  maxLine: number;
}

export const DEFAULT_PICKLE_LIMITS: PickleLimits = {
  maxSteps: 20_000_000,
  maxStackItems: 1_000_000,
  maxMemoEntries: 1_000_000,
  maxKeptString: 4096,
  maxKeptBytes: 64 * 1024 * 1024,
  maxLine: 64 * 1024,
};

/** What one walk found, shared by the pickles of one file (and one entry of a container). */
export class PickleFacts {
  readonly globals: GlobalRef[] = [];
  readonly unknown: UnknownGlobal[] = [];
  /** Globals that were called (REDUCE, OBJ, NEWOBJ, NEWOBJ_EX, INST), by "module.name". */
  readonly called = new Set<string>();
  steps = 0;
  keptBytes = 0;
  /** Pickles walked to their STOP. */
  pickles = 0;
}

/** Tuples keep their items only when short: shapes and call arguments, not data. */
const MAX_TUPLE_ITEMS = 64;

export function tupleOf(items: Value[]): Value {
  return items.length <= MAX_TUPLE_ITEMS ? { t: 'tuple', v: items } : ANY;
}

const MAX_DICT_ENTRIES = 64;

export function setItems(target: Value, items: Value[]): void {
  if (target.t !== 'dict') return;
  for (let i = 0; i + 1 < items.length; i += 2) {
    const k = items[i];
    if (k.t === 'str' && (target.v.has(k.v) || target.v.size < MAX_DICT_ENTRIES)) target.v.set(k.v, items[i + 1]);
  }
}
