// The pickle opcodes of protocols 0–5, written from the format's documented facts: each opcode's
// byte, its name, the protocol that introduced it and the shape of the argument that follows it in
// the stream. The reader (pickleReader.ts) only needs the argument shape to step over an opcode and
// the name to decide what the opcode does to its symbolic stack.

/** How an opcode's argument is laid out after the opcode byte. */
export type ArgKind =
  | 'none'
  | 'u1' // one unsigned byte
  | 'u2' // two bytes, little-endian unsigned
  | 'i4' // four bytes, little-endian signed
  | 'u4' // four bytes, little-endian unsigned
  | 'u8' // eight bytes, little-endian unsigned
  | 'line' // text up to a newline (decimal numbers, quoted or raw-unicode-escaped strings)
  | 'line2' // two newline-terminated lines: module, then name
  | 'bytes1' // a one-byte length, then that many bytes
  | 'bytes4s' // a signed four-byte length, then that many bytes (negative: malformed)
  | 'bytes4' // an unsigned four-byte length, then that many bytes
  | 'bytes8'; // an eight-byte length, then that many bytes

export interface OpcodeInfo {
  code: number;
  name: string;
  proto: number;
  arg: ArgKind;
}

const TABLE: [string, string, number, ArgKind][] = [
  // protocol 0 and 1
  ['(', 'MARK', 0, 'none'],
  ['.', 'STOP', 0, 'none'],
  ['0', 'POP', 0, 'none'],
  ['1', 'POP_MARK', 1, 'none'],
  ['2', 'DUP', 0, 'none'],
  ['F', 'FLOAT', 0, 'line'],
  ['I', 'INT', 0, 'line'],
  ['J', 'BININT', 1, 'i4'],
  ['K', 'BININT1', 1, 'u1'],
  ['L', 'LONG', 0, 'line'],
  ['M', 'BININT2', 1, 'u2'],
  ['N', 'NONE', 0, 'none'],
  ['P', 'PERSID', 0, 'line'],
  ['Q', 'BINPERSID', 1, 'none'],
  ['R', 'REDUCE', 0, 'none'],
  ['S', 'STRING', 0, 'line'],
  ['T', 'BINSTRING', 1, 'bytes4s'],
  ['U', 'SHORT_BINSTRING', 1, 'bytes1'],
  ['V', 'UNICODE', 0, 'line'],
  ['X', 'BINUNICODE', 1, 'bytes4'],
  ['a', 'APPEND', 0, 'none'],
  ['b', 'BUILD', 0, 'none'],
  ['c', 'GLOBAL', 0, 'line2'],
  ['d', 'DICT', 0, 'none'],
  ['}', 'EMPTY_DICT', 1, 'none'],
  ['e', 'APPENDS', 1, 'none'],
  ['g', 'GET', 0, 'line'],
  ['h', 'BINGET', 1, 'u1'],
  ['i', 'INST', 0, 'line2'],
  ['j', 'LONG_BINGET', 1, 'u4'],
  ['l', 'LIST', 0, 'none'],
  [']', 'EMPTY_LIST', 1, 'none'],
  ['o', 'OBJ', 1, 'none'],
  ['p', 'PUT', 0, 'line'],
  ['q', 'BINPUT', 1, 'u1'],
  ['r', 'LONG_BINPUT', 1, 'u4'],
  ['s', 'SETITEM', 0, 'none'],
  ['t', 'TUPLE', 0, 'none'],
  [')', 'EMPTY_TUPLE', 1, 'none'],
  ['u', 'SETITEMS', 1, 'none'],
  ['G', 'BINFLOAT', 1, 'u8'],
  // protocol 2
  ['\x80', 'PROTO', 2, 'u1'],
  ['\x81', 'NEWOBJ', 2, 'none'],
  ['\x82', 'EXT1', 2, 'u1'],
  ['\x83', 'EXT2', 2, 'u2'],
  ['\x84', 'EXT4', 2, 'i4'],
  ['\x85', 'TUPLE1', 2, 'none'],
  ['\x86', 'TUPLE2', 2, 'none'],
  ['\x87', 'TUPLE3', 2, 'none'],
  ['\x88', 'NEWTRUE', 2, 'none'],
  ['\x89', 'NEWFALSE', 2, 'none'],
  ['\x8a', 'LONG1', 2, 'bytes1'],
  ['\x8b', 'LONG4', 2, 'bytes4s'],
  // protocol 3
  ['B', 'BINBYTES', 3, 'bytes4'],
  ['C', 'SHORT_BINBYTES', 3, 'bytes1'],
  // protocol 4
  ['\x8c', 'SHORT_BINUNICODE', 4, 'bytes1'],
  ['\x8d', 'BINUNICODE8', 4, 'bytes8'],
  ['\x8e', 'BINBYTES8', 4, 'bytes8'],
  ['\x8f', 'EMPTY_SET', 4, 'none'],
  ['\x90', 'ADDITEMS', 4, 'none'],
  ['\x91', 'FROZENSET', 4, 'none'],
  ['\x92', 'NEWOBJ_EX', 4, 'none'],
  ['\x93', 'STACK_GLOBAL', 4, 'none'],
  ['\x94', 'MEMOIZE', 4, 'none'],
  ['\x95', 'FRAME', 4, 'u8'],
  // protocol 5
  ['\x96', 'BYTEARRAY8', 5, 'bytes8'],
  ['\x97', 'NEXT_BUFFER', 5, 'none'],
  ['\x98', 'READONLY_BUFFER', 5, 'none'],
];

/** Opcode information by byte value; undefined for a byte that is no opcode. */
export const OPCODES: readonly (OpcodeInfo | undefined)[] = (() => {
  const byByte: (OpcodeInfo | undefined)[] = new Array(256).fill(undefined);
  for (const [ch, name, proto, arg] of TABLE) {
    const code = ch.charCodeAt(0);
    if (byByte[code]) throw new Error(`duplicate opcode ${code}`);
    byByte[code] = { code, name, proto, arg };
  }
  return byByte;
})();

/** The highest pickle protocol this reader knows. */
export const HIGHEST_PROTOCOL = 5;
