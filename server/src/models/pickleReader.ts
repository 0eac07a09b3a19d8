// Walks a pickle's opcodes without executing anything and collects every global it imports. A small
// symbolic stack follows just enough values to name what STACK_GLOBAL imports (strings pushed,
// memoized and fetched back) and what REDUCE/OBJ/NEWOBJ/INST call, plus the little a container needs
// (joblib's array wrappers: their shape and dtype). Everything else is an opaque value.
//
// The reader never guesses: a truncated or malformed stream stops the walk with a StreamProblem that
// carries its offset, and what was collected until then stays valid (the real unpickler would have
// imported and called those globals before failing).
import { OPCODES, HIGHEST_PROTOCOL } from './opcodes';
import { Cursor, StreamProblem } from './byteSource';
import { ANY, DEFAULT_PICKLE_LIMITS, PickleFacts, setItems, tupleOf, type GlobalRef, type PickleLimits, type Value } from './pickleState';

export { DEFAULT_PICKLE_LIMITS, PickleFacts, type GlobalRef, type PickleLimits, type UnknownGlobal, type Value } from './pickleState';

export interface PickleHooks {
  /** Called after BUILD with the object and its state; may move the cursor (joblib's array bytes). */
  afterBuild?(target: Value, state: Value, cursor: Cursor): void;
}

export interface PickleEnd {
  /** Offset just past STOP. */
  end: number;
  protocol: number;
  /** The value STOP returned (an opaque value for anything but the little the stack tracks). */
  value: Value;
}

const latin1 = (b: Buffer) => b.toString('latin1');

function globalName(g: GlobalRef): string {
  return `${g.module}.${g.name}`;
}

/**
 * Walks one pickle from the cursor's position to its STOP. Throws StreamProblem when the stream is
 * truncated, malformed or over a limit; `facts` keeps what was found until then.
 */
export function readPickle(cursor: Cursor, facts: PickleFacts, limits: PickleLimits = DEFAULT_PICKLE_LIMITS, hooks: PickleHooks = {}): PickleEnd {
  const stack: Value[] = [];
  const marks: number[] = [];
  const memo = new Map<number, Value>();
  let protocol = 0;

  const malformed = (offset: number, message: string): never => {
    throw new StreamProblem('malformed', offset, `${message} at offset ${offset}`);
  };
  const base = () => (marks.length > 0 ? marks[marks.length - 1] : 0);
  const pop = (at: number, op: string): Value => {
    if (stack.length <= base()) malformed(at, `${op} on an empty stack`);
    return stack.pop() as Value;
  };
  const top = (at: number, op: string): Value => {
    if (stack.length <= base()) malformed(at, `${op} on an empty stack`);
    return stack[stack.length - 1];
  };
  const popMark = (at: number, op: string): Value[] => {
    if (marks.length === 0) malformed(at, `${op} without a MARK`);
    const from = marks.pop() as number;
    return stack.splice(from);
  };
  const push = (v: Value, at: number) => {
    if (stack.length >= limits.maxStackItems) throw new StreamProblem('budget', at, `more than ${limits.maxStackItems} items on the pickle stack at offset ${at}`);
    stack.push(v);
  };
  const keepString = (bytes: Buffer, decode: (b: Buffer) => string): Value => {
    if (bytes.length > limits.maxKeptString || facts.keptBytes + bytes.length > limits.maxKeptBytes) return ANY;
    facts.keptBytes += bytes.length;
    return { t: 'str', v: decode(bytes) };
  };
  /** A string argument: kept when short, stepped over otherwise. */
  const stringArg = (n: number, what: string, decode: (b: Buffer) => string): Value => {
    if (n > limits.maxKeptString) {
      cursor.skip(n, what);
      return ANY;
    }
    return keepString(cursor.take(n, what), decode);
  };
  const addGlobal = (module: string, name: string, offset: number, opcode: string): GlobalRef => {
    const g = { module, name, offset, opcode };
    facts.globals.push(g);
    return g;
  };
  const call = (callee: Value, args: Value | undefined): Value => {
    if (callee.t === 'global') {
      facts.called.add(globalName(callee.g));
      return { t: 'obj', g: callee.g, args };
    }
    return { t: 'obj', args };
  };
  const memoPut = (index: number, at: number, op: string) => {
    if (!memo.has(index) && memo.size >= limits.maxMemoEntries) throw new StreamProblem('budget', at, `more than ${limits.maxMemoEntries} memo entries at offset ${at}`);
    memo.set(index, top(at, op));
  };
  const memoGet = (index: number, at: number, op: string) => {
    const v = memo.get(index);
    if (v === undefined) malformed(at, `${op} of memo entry ${index}, which was never stored`);
    push(v as Value, at);
  };
  const lineText = (op: string) => latin1(cursor.line(limits.maxLine, `the argument of ${op}`));
  const decimal = (text: string, at: number, op: string): number => {
    const t = text.trim().replace(/L$/, '');
    if (!/^[-+]?\d+$/.test(t)) malformed(at, `${op} with a non-decimal argument`);
    const n = Number(t);
    return n;
  };

  for (;;) {
    const at = cursor.pos;
    if (++facts.steps > limits.maxSteps) throw new StreamProblem('budget', at, `more than ${limits.maxSteps} opcodes (the step budget) at offset ${at}`);
    if (cursor.atEnd()) throw new StreamProblem('truncated', at, `stream ends at offset ${at} before the pickle's STOP`);
    const code = cursor.u8();
    const info = OPCODES[code];
    if (!info) malformed(at, `byte 0x${code.toString(16).padStart(2, '0')} is no pickle opcode`);
    const op = (info as NonNullable<typeof info>).name;
    switch (op) {
      case 'PROTO': {
        protocol = cursor.u8('the argument of PROTO');
        if (protocol > HIGHEST_PROTOCOL) throw new StreamProblem('unsupported', at, `pickle protocol ${protocol} at offset ${at} is newer than protocol ${HIGHEST_PROTOCOL}`);
        break;
      }
      case 'FRAME':
        // Frames only group the opcodes that follow for buffering; the walk reads them as they come.
        cursor.uint(8, 'the argument of FRAME');
        break;
      case 'STOP':
        if (stack.length === 0) malformed(at, 'STOP on an empty stack');
        facts.pickles++;
        return { end: cursor.pos, protocol, value: stack[stack.length - 1] };
      case 'MARK':
        if (marks.length >= limits.maxStackItems) throw new StreamProblem('budget', at, `more than ${limits.maxStackItems} open MARKs at offset ${at}`);
        marks.push(stack.length);
        break;
      case 'POP':
        if (stack.length > base()) stack.pop();
        else if (marks.length > 0) marks.pop();
        else malformed(at, 'POP on an empty stack');
        break;
      case 'POP_MARK':
        popMark(at, op);
        break;
      case 'DUP':
        push(top(at, op), at);
        break;
      case 'FLOAT':
        lineText(op);
        push(ANY, at);
        break;
      case 'BINFLOAT':
        cursor.skip(8, 'the argument of BINFLOAT');
        push(ANY, at);
        break;
      case 'INT': {
        const text = lineText(op).trim();
        if (text === '00' || text === '01')
          push(ANY, at); // protocol 0's False and True
        else push({ t: 'int', v: decimal(text, at, op) }, at);
        break;
      }
      case 'LONG':
        push({ t: 'int', v: decimal(lineText(op), at, op) }, at);
        break;
      case 'BININT':
        push({ t: 'int', v: cursor.int32('the argument of BININT') }, at);
        break;
      case 'BININT1':
        push({ t: 'int', v: cursor.u8('the argument of BININT1') }, at);
        break;
      case 'BININT2':
        push({ t: 'int', v: cursor.uint(2, 'the argument of BININT2') }, at);
        break;
      case 'LONG1':
      case 'LONG4': {
        const n = op === 'LONG1' ? cursor.u8('the length of LONG1') : cursor.int32('the length of LONG4');
        if (n < 0) malformed(at, 'LONG4 with a negative length');
        if (n > 8) {
          cursor.skip(n, `the bytes of ${op}`);
          push(ANY, at);
        } else {
          const b = cursor.take(n, `the bytes of ${op}`);
          push(n === 0 ? { t: 'int', v: 0 } : { t: 'int', v: Number(b.readIntLE(0, Math.min(n, 6))) }, at);
          if (n > 6) stack[stack.length - 1] = ANY; // too wide to matter as a size
        }
        break;
      }
      case 'NONE':
      case 'NEWTRUE':
      case 'NEWFALSE':
      case 'EMPTY_LIST':
      case 'EMPTY_SET':
        push(ANY, at);
        break;
      case 'PERSID':
        lineText(op);
        push(ANY, at);
        break;
      case 'BINPERSID':
        pop(at, op);
        push(ANY, at);
        break;
      case 'STRING': {
        const raw = cursor.line(limits.maxLine, 'the argument of STRING');
        const q = raw.length >= 2 ? raw[0] : 0;
        if (!(q === 0x22 || q === 0x27) || raw[raw.length - 1] !== q) malformed(at, 'STRING argument not quoted');
        // Escapes are left as written: a name that needs them is no importable module anyway.
        push(keepString(raw.subarray(1, raw.length - 1), latin1), at);
        break;
      }
      case 'UNICODE':
        push(keepString(cursor.line(limits.maxLine, 'the argument of UNICODE'), latin1), at);
        break;
      case 'BINSTRING': {
        const n = cursor.int32('the length of BINSTRING');
        if (n < 0) malformed(at, 'BINSTRING with a negative length');
        push(stringArg(n, 'the bytes of BINSTRING', latin1), at);
        break;
      }
      case 'SHORT_BINSTRING':
        push(stringArg(cursor.u8('the length of SHORT_BINSTRING'), 'the bytes of SHORT_BINSTRING', latin1), at);
        break;
      case 'BINUNICODE':
      case 'SHORT_BINUNICODE':
      case 'BINUNICODE8': {
        const n = op === 'SHORT_BINUNICODE' ? cursor.u8(`the length of ${op}`) : cursor.uint(op === 'BINUNICODE' ? 4 : 8, `the length of ${op}`);
        push(
          stringArg(n, `the bytes of ${op}`, (b) => b.toString('utf8')),
          at,
        );
        break;
      }
      case 'BINBYTES':
      case 'SHORT_BINBYTES':
      case 'BINBYTES8':
      case 'BYTEARRAY8': {
        const n = op === 'SHORT_BINBYTES' ? cursor.u8(`the length of ${op}`) : cursor.uint(op === 'BINBYTES' ? 4 : 8, `the length of ${op}`);
        cursor.skip(n, `the bytes of ${op}`); // payloads (tensor data, arrays) are never read
        push(ANY, at);
        break;
      }
      case 'NEXT_BUFFER':
        push(ANY, at);
        break;
      case 'READONLY_BUFFER':
        top(at, op);
        break;
      case 'APPEND':
        pop(at, op);
        top(at, op);
        break;
      case 'APPENDS':
      case 'ADDITEMS':
        popMark(at, op);
        top(at, op);
        break;
      case 'LIST':
      case 'FROZENSET':
        popMark(at, op);
        push(ANY, at);
        break;
      case 'EMPTY_TUPLE':
        push({ t: 'tuple', v: [] }, at);
        break;
      case 'TUPLE':
        push(tupleOf(popMark(at, op)), at);
        break;
      case 'TUPLE1':
      case 'TUPLE2':
      case 'TUPLE3': {
        const n = op === 'TUPLE1' ? 1 : op === 'TUPLE2' ? 2 : 3;
        const items: Value[] = [];
        for (let i = 0; i < n; i++) items.unshift(pop(at, op));
        push(tupleOf(items), at);
        break;
      }
      case 'EMPTY_DICT':
        push({ t: 'dict', v: new Map() }, at);
        break;
      case 'DICT': {
        const items = popMark(at, op);
        if (items.length % 2 !== 0) malformed(at, 'DICT with an odd number of items');
        const d: Value = { t: 'dict', v: new Map() };
        setItems(d, items);
        push(d, at);
        break;
      }
      case 'SETITEM': {
        const v = pop(at, op);
        const k = pop(at, op);
        setItems(top(at, op), [k, v]);
        break;
      }
      case 'SETITEMS': {
        const items = popMark(at, op);
        if (items.length % 2 !== 0) malformed(at, 'SETITEMS with an odd number of items');
        setItems(top(at, op), items);
        break;
      }
      case 'BUILD': {
        const state = pop(at, op);
        const target = top(at, op);
        hooks.afterBuild?.(target, state, cursor);
        break;
      }
      case 'GLOBAL': {
        const module = lineText(op);
        const name = lineText(op);
        push({ t: 'global', g: addGlobal(module, name, at, op) }, at);
        break;
      }
      case 'INST': {
        const module = lineText(op);
        const name = lineText(op);
        const g = addGlobal(module, name, at, op);
        const args = popMark(at, op);
        push(call({ t: 'global', g }, tupleOf(args)), at);
        break;
      }
      case 'STACK_GLOBAL': {
        const name = pop(at, op);
        const module = pop(at, op);
        if (module.t === 'str' && name.t === 'str') {
          push({ t: 'global', g: addGlobal(module.v, name.v, at, op) }, at);
        } else {
          facts.unknown.push({ offset: at, opcode: op, detail: 'STACK_GLOBAL on values that are not known strings' });
          push(ANY, at);
        }
        break;
      }
      case 'EXT1':
      case 'EXT2':
      case 'EXT4': {
        const n = op === 'EXT1' ? cursor.u8('the argument of EXT1') : op === 'EXT2' ? cursor.uint(2, 'the argument of EXT2') : cursor.int32('the argument of EXT4');
        facts.unknown.push({ offset: at, opcode: op, detail: `extension registry code ${n} (${op})` });
        push(ANY, at);
        break;
      }
      case 'REDUCE': {
        const args = pop(at, op);
        const callee = pop(at, op);
        push(call(callee, args), at);
        break;
      }
      case 'OBJ': {
        const items = popMark(at, op);
        if (items.length === 0) malformed(at, 'OBJ without a class');
        push(call(items[0], tupleOf(items.slice(1))), at);
        break;
      }
      case 'NEWOBJ': {
        const args = pop(at, op);
        const cls = pop(at, op);
        push(call(cls, args), at);
        break;
      }
      case 'NEWOBJ_EX': {
        pop(at, op); // keyword arguments
        const args = pop(at, op);
        const cls = pop(at, op);
        push(call(cls, args), at);
        break;
      }
      case 'GET':
        memoGet(decimal(lineText(op), at, op), at, op);
        break;
      case 'BINGET':
        memoGet(cursor.u8('the argument of BINGET'), at, op);
        break;
      case 'LONG_BINGET':
        memoGet(cursor.uint(4, 'the argument of LONG_BINGET'), at, op);
        break;
      case 'PUT':
        memoPut(decimal(lineText(op), at, op), at, op);
        break;
      case 'BINPUT':
        memoPut(cursor.u8('the argument of BINPUT'), at, op);
        break;
      case 'LONG_BINPUT':
        memoPut(cursor.uint(4, 'the argument of LONG_BINPUT'), at, op);
        break;
      case 'MEMOIZE':
        memoPut(memo.size, at, op);
        break;
      default:
        // Unreachable while the table and this switch agree; a test checks that they do.
        throw new StreamProblem('unsupported', at, `opcode ${op} at offset ${at} is not handled`);
    }
  }
}
