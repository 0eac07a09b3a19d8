// The opcode reader on pickles written by Python (protocols 0–5) and on hand-made streams: which
// globals it reports, where, and how it stops on truncated, malformed and over-budget input.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { OPCODES } from '../../../server/src/models/opcodes';
import { bufferSource, Cursor, StreamProblem } from '../../../server/src/models/byteSource';
import { DEFAULT_PICKLE_LIMITS, PickleFacts, readPickle } from '../../../server/src/models/pickleReader';
import { scanModelFile } from '../../../server/src/models/modelFile';
import { modelFindings } from '../../../server/src/models/verdict';
import { emptyReport, DEFAULT_MODEL_LIMITS } from '../../../server/src/models/report';
import { scanPickleSequence } from '../../../server/src/models/streams';
import { writeModelFiles } from '../../helpers/modelFiles';

/** Findings ("CODE message") for a pickle stream given as bytes. */
function findingsOf(bytes: Buffer, limits = DEFAULT_MODEL_LIMITS): string[] {
  const report = emptyReport('pickle');
  scanPickleSequence(bufferSource(bytes), report, limits);
  return modelFindings(report).map((f) => `${f.code} ${f.message}`);
}

function globalsOf(bytes: Buffer): string[] {
  const facts = new PickleFacts();
  readPickle(new Cursor(bufferSource(bytes)), facts);
  return facts.globals.map((g) => `${g.opcode} ${g.module}.${g.name}@${g.offset}`);
}

const b = (s: string) => Buffer.from(s, 'latin1');

describe('model files: pickle opcode reader', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = writeModelFiles(`
for p in range(6):
    write('evil%d.pkl' % p, pickle.dumps({'a': Evil(), 'b': [1, 2, 'x' * 300, b'y' * 300]}, protocol=p))
    write('data%d.pkl' % p, pickle.dumps({'ints': [1, -2, 2**40, 2**80], 'f': 1.5, 's': 'é', 't': (None, True, False), 'n': {'k': [{}]}}, protocol=p))
    write('set%d.pkl' % p, pickle.dumps({1, 2}, protocol=p))
`);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('knows the same opcodes as Python (byte, name, protocol), checked against pickletools', function () {
    let listed: [number, string, number][];
    try {
      listed = JSON.parse(execFileSync('python3', ['-c', 'import pickletools, json; print(json.dumps([[ord(o.code), o.name, o.proto] for o in pickletools.opcodes]))']).toString());
    } catch {
      this.skip();
      return;
    }
    const ours = OPCODES.filter((o) => o !== undefined).map((o) => [o!.code, o!.name, o!.proto]);
    assert.deepStrictEqual(
      ours.sort((x, y) => Number(x[0]) - Number(y[0])),
      listed.sort((x, y) => x[0] - y[0]),
    );
  });

  it('protocols 0–5: the __reduce__ payload is reported with the opcode that imports it and its offset', async () => {
    const seen: string[] = [];
    for (let p = 0; p <= 5; p++) {
      const file = path.join(dir, `evil${p}.pkl`);
      const report = await scanModelFile(file);
      seen.push(`${p}: ${report.globals.map((g) => `${g.opcode} ${g.module}.${g.name}@${g.offset}`).join(' ')} called=${report.called.join(',')}`);
      assert.deepStrictEqual(
        modelFindings(report).map((f) => [f.code, f.severity, f.range, f.message.replace(/ \(at offset \d+\)/, '')]),
        [['ML301', 'error', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'pickle imports posix.system: loading this file runs code']],
      );
    }
    assert.deepStrictEqual(seen, [
      // protocols 0–2 write bytes as _codecs.encode(text, 'latin1'): allow-listed, not in the finding
      '0: GLOBAL posix.system@11 GLOBAL _codecs.encode@372 called=posix.system,_codecs.encode',
      '1: GLOBAL posix.system@12 GLOBAL _codecs.encode@369 called=posix.system,_codecs.encode',
      '2: GLOBAL posix.system@14 GLOBAL _codecs.encode@370 called=posix.system,_codecs.encode',
      '3: GLOBAL posix.system@14 called=posix.system',
      '4: STACK_GLOBAL posix.system@35 called=posix.system',
      '5: STACK_GLOBAL posix.system@35 called=posix.system',
    ]);
  });

  it('protocols 0–5: plain data imports nothing (bytes and sets of old protocols import allow-listed helpers)', async () => {
    for (let p = 0; p <= 5; p++) {
      const data = await scanModelFile(path.join(dir, `data${p}.pkl`));
      assert.deepStrictEqual([data.globals.length, data.notInspected, data.pickles], [0, [], 1], `data${p}`);
      const set = await scanModelFile(path.join(dir, `set${p}.pkl`));
      // Python writes Python 2 names below protocol 3 (fix_imports): __builtin__.set
      assert.deepStrictEqual(
        set.globals.map((g) => `${g.module}.${g.name}`),
        p < 3 ? ['__builtin__.set'] : p < 4 ? ['builtins.set'] : [],
        `set${p}`,
      );
      assert.deepStrictEqual(modelFindings(set), []);
    }
  });

  it('STACK_GLOBAL follows strings through the memo (MEMOIZE, BINPUT, LONG_BINPUT, PUT, and their GETs)', () => {
    // \x8c os MEMOIZE \x8c system MEMOIZE POP POP BINGET 0 BINGET 1 STACK_GLOBAL ) REDUCE STOP
    assert.deepStrictEqual(globalsOf(b('\x80\x04\x8c\x02os\x94\x8c\x06system\x9400h\x00h\x01\x93)R.')), ['STACK_GLOBAL os.system@22']);
    // X (BINUNICODE) + BINPUT / LONG_BINPUT, then LONG_BINGET
    assert.deepStrictEqual(globalsOf(b('X\x08\x00\x00\x00builtinsq\x07X\x04\x00\x00\x00evalr\x09\x00\x00\x0000j\x07\x00\x00\x00j\x09\x00\x00\x00\x93.')), ['STACK_GLOBAL builtins.eval@41']);
    // protocol 0 strings: V (UNICODE) with PUT / GET
    assert.deepStrictEqual(globalsOf(b('Vsubprocess\np1\n0Vcall\np2\n0g1\ng2\n\x93.')), ['STACK_GLOBAL subprocess.call@32']);
    // GLOBAL and INST name their globals in the stream; INST calls it
    assert.deepStrictEqual(globalsOf(b("(S'echo'\nios\nsystem\n.")), ['INST os.system@9']);
    assert.deepStrictEqual(globalsOf(b('cbuiltins\nexec\n(Vprint(1)\ntR.')), ['GLOBAL builtins.exec@0']);
  });

  it('a STACK_GLOBAL on values that are not known strings, and EXT codes, are unnamed globals: ML301', () => {
    assert.deepStrictEqual(findingsOf(b('\x80\x04K\x01K\x02\x93.')), [
      'ML301 pickle imports an unnamed global (STACK_GLOBAL on values that are not known strings) (at offset 6): loading this file runs code',
    ]);
    assert.deepStrictEqual(findingsOf(b('\x80\x02\x82\x2a)R.')), ['ML301 pickle imports an unnamed global (extension registry code 42 (EXT1)) (at offset 2): loading this file runs code']);
    assert.deepStrictEqual(findingsOf(b('\x80\x02\x83\x01\x02)R.')), ['ML301 pickle imports an unnamed global (extension registry code 513 (EXT2)) (at offset 2): loading this file runs code']);
    // a string too long to keep is not a known string either
    const long = 'm'.repeat(5000);
    assert.deepStrictEqual(findingsOf(Buffer.concat([b('\x80\x04X'), Buffer.from([0x88, 0x13, 0, 0]), b(long), b('\x8c\x01x\x93.')])), [
      'ML301 pickle imports an unnamed global (STACK_GLOBAL on values that are not known strings) (at offset 5010): loading this file runs code',
    ]);
  });

  it('OBJ, NEWOBJ and NEWOBJ_EX targets count as calls', () => {
    const facts = new PickleFacts();
    readPickle(new Cursor(bufferSource(b('\x80\x04(cos\nsystem\nVecho\no\x8c\x02io\x8c\x06FileIO\x93)\x81\x8c\x03pty\x8c\x05spawn\x93)}\x92\x85.'))), facts);
    assert.deepStrictEqual([...facts.called], ['os.system', 'io.FileIO', 'pty.spawn']);
  });

  it('truncated at every length: reported with the offset where the stream ends; globals read before stay reported', async () => {
    const whole = fs.readFileSync(path.join(dir, 'evil4.pkl'));
    for (let n = 0; n < whole.length; n++) {
      const report = emptyReport('pickle');
      scanPickleSequence(bufferSource(whole.subarray(0, n)), report, DEFAULT_MODEL_LIMITS);
      assert.strictEqual(report.notInspected.length, 1, `length ${n}`);
      assert.strictEqual(report.notInspected[0].kind, 'truncated', `length ${n}`);
      assert.match(report.notInspected[0].message, new RegExp(`^stream ends at offset ${n} `), `length ${n}`);
      assert.deepStrictEqual(
        report.globals.map((g) => g.name),
        n > 35 ? ['system'] : [],
        `length ${n}`,
      );
    }
    assert.deepStrictEqual(findingsOf(whole.subarray(0, whole.length - 1)), [
      'ML301 pickle imports posix.system (at offset 35): loading this file runs code',
      `ML303 model file only partly inspected: stream ends at offset ${whole.length - 1} before the pickle's STOP`,
    ]);
  });

  it('malformed streams are reported as such, with the offset, never guessed past', () => {
    assert.deepStrictEqual(findingsOf(b('\x80\x04\xff.')), ['ML303 model file not inspected: byte 0xff is no pickle opcode at offset 2']);
    assert.deepStrictEqual(findingsOf(b('\x80\x04R.')), ['ML303 model file not inspected: REDUCE on an empty stack at offset 2']);
    assert.deepStrictEqual(findingsOf(b('\x80\x04h\x05.')), ['ML303 model file not inspected: BINGET of memo entry 5, which was never stored at offset 2']);
    assert.deepStrictEqual(findingsOf(b('\x80\x04t.')), ['ML303 model file not inspected: TUPLE without a MARK at offset 2']);
    assert.deepStrictEqual(findingsOf(b('\x80\x09N.')), ['ML303 model file not inspected: pickle protocol 9 at offset 0 is newer than protocol 5']);
    assert.deepStrictEqual(findingsOf(b('\x80\x02T\xff\xff\xff\xffN.')), ['ML303 model file not inspected: BINSTRING with a negative length at offset 2']);
    // the second pickle of a stream is malformed: the first one's payload is still reported
    assert.deepStrictEqual(findingsOf(b('cos\nsystem\n.\xff')), [
      'ML301 pickle imports os.system (at offset 0): loading this file runs code',
      'ML303 model file only partly inspected: byte 0xff is no pickle opcode at offset 12',
    ]);
  });

  it('hostile lengths: a payload declared larger than the file is truncation, nothing is allocated for it', () => {
    // BINBYTES8 / BINUNICODE8 / BYTEARRAY8 declaring 2^60 bytes
    for (const op of ['\x8e', '\x8d', '\x96']) {
      assert.deepStrictEqual(findingsOf(Buffer.concat([b(`\x80\x05${op}`), Buffer.from([0, 0, 0, 0, 0, 0, 0, 0x10]), b('.')])), [
        `ML303 model file not inspected: stream ends at offset 12 inside the bytes of ${op === '\x8e' ? 'BINBYTES8' : op === '\x8d' ? 'BINUNICODE8' : 'BYTEARRAY8'}`,
      ]);
    }
    // a protocol 0 line longer than the limit
    assert.deepStrictEqual(findingsOf(b(`c${'a'.repeat(70000)}\nb\n.`)), ['ML303 model file not inspected: the argument of GLOBAL at offset 1 is longer than 65536 bytes']);
  });

  it('budgets: steps, stack items and memo entries are bounded and reported', () => {
    const tight = { ...DEFAULT_MODEL_LIMITS, pickle: { ...DEFAULT_PICKLE_LIMITS, maxSteps: 100, maxStackItems: 50, maxMemoEntries: 10 } };
    assert.deepStrictEqual(findingsOf(b(`${'N0'.repeat(60)}N.`), tight), ['ML303 model file not inspected: more than 100 opcodes (the step budget) at offset 100']);
    assert.deepStrictEqual(findingsOf(b(`${'N'.repeat(51)}.`), tight), ['ML303 model file not inspected: more than 50 items on the pickle stack at offset 50']);
    assert.deepStrictEqual(findingsOf(b(`N${'\x94'.repeat(11)}.`), tight), ['ML303 model file not inspected: more than 10 memo entries at offset 11']);
    // the step budget is shared by all the pickles of one file
    assert.deepStrictEqual(findingsOf(b('N.'.repeat(60)), tight), ['ML303 model file only partly inspected: more than 100 opcodes (the step budget) at offset 100']);
  });

  it('StreamProblem is the only thing the reader throws on bad input', () => {
    assert.throws(() => readPickle(new Cursor(bufferSource(b(''))), new PickleFacts()), StreamProblem);
  });
});
