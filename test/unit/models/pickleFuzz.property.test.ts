// Fuzzing the opcode reader: random bytes, random opcode sequences and mutations of real pickles
// (bytes flipped, inserted, deleted, cut). Whatever the input, the reader ends within its step
// budget, throws nothing but a StreamProblem, and the whole-file scan never throws at all.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { bufferSource, Cursor, StreamProblem } from '../../../server/src/models/byteSource';
import { DEFAULT_PICKLE_LIMITS, PickleFacts, readPickle } from '../../../server/src/models/pickleReader';
import { OPCODES } from '../../../server/src/models/opcodes';
import { emptyReport, DEFAULT_MODEL_LIMITS } from '../../../server/src/models/report';
import { scanPickleSequence } from '../../../server/src/models/streams';
import { modelFindings } from '../../../server/src/models/verdict';
import { writeModelFiles } from '../../helpers/modelFiles';

const LIMITS = { ...DEFAULT_PICKLE_LIMITS, maxSteps: 5000, maxStackItems: 2000, maxMemoEntries: 2000 };
const MODEL_LIMITS = { ...DEFAULT_MODEL_LIMITS, pickle: LIMITS };
const OPCODE_BYTES = OPCODES.flatMap((o, i) => (o ? [i] : []));

/** Runs the reader on `bytes`: returns what stopped it, asserting the invariants on the way. */
function walk(bytes: Uint8Array): void {
  const facts = new PickleFacts();
  const cursor = new Cursor(bufferSource(bytes));
  try {
    while (!cursor.atEnd()) readPickle(cursor, facts, LIMITS);
  } catch (error) {
    if (!(error instanceof StreamProblem)) throw error;
    assert.ok(error.offset >= 0 && error.offset <= bytes.length, `offset ${error.offset} of ${bytes.length}`);
  }
  assert.ok(facts.steps <= LIMITS.maxSteps + 1, `steps ${facts.steps}`);
  for (const g of facts.globals) assert.ok(g.offset >= 0 && g.offset < bytes.length);
  // The whole-file path (sequence, hooks, verdict) never throws either.
  const report = emptyReport('pickle');
  scanPickleSequence(bufferSource(bytes), report, MODEL_LIMITS);
  modelFindings(report);
}

describe('model files: opcode reader fuzz (property)', function () {
  this.timeout(120000);
  let seeds: Buffer[] = [];
  before(() => {
    const dir = writeModelFiles(`
for p in range(6):
    write('evil%d.pkl' % p, pickle.dumps([Evil(), {'k': (1, 'x', b'y', 2.5, None, True)}, {1, 2}, frozenset([3])], protocol=p))
write('legacy.pt', torch_legacy(state_dict()))
write('model.joblib', joblib_bytes([Array((3,), '<f8'), Evil()]))
`);
    seeds = fs
      .readdirSync(dir)
      .sort()
      .map((f) => fs.readFileSync(path.join(dir, f)));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => walk(bytes)),
      { numRuns: 1000 },
    );
  });

  it('random opcode sequences (each opcode byte followed by random argument bytes)', () => {
    const op = fc.tuple(fc.constantFrom(...OPCODE_BYTES), fc.uint8Array({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => walk(Buffer.concat(ops.flatMap(([o, arg]) => [Buffer.from([o]), Buffer.from(arg)])))),
      { numRuns: 1000 },
    );
  });

  it('mutations of real pickles: flipped, inserted and deleted bytes, cuts', () => {
    const mutation = fc.record({
      seed: fc.nat(),
      edits: fc.array(fc.tuple(fc.constantFrom('flip', 'insert', 'delete'), fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
      cut: fc.option(fc.nat()),
    });
    fc.assert(
      fc.property(mutation, ({ seed, edits, cut }) => {
        const bytes = [...seeds[seed % seeds.length]];
        for (const [kind, at, value] of edits) {
          const i = at % (bytes.length + 1);
          if (kind === 'flip' && i < bytes.length) bytes[i] = value;
          else if (kind === 'insert') bytes.splice(i, 0, value);
          else if (kind === 'delete' && i < bytes.length) bytes.splice(i, 1);
        }
        walk(Uint8Array.from(cut === null ? bytes : bytes.slice(0, cut % (bytes.length + 1))));
      }),
      { numRuns: 1500 },
    );
  });

  it('the step budget holds on streams built to loop long (a million opcodes)', () => {
    const facts = new PickleFacts();
    assert.throws(() => readPickle(new Cursor(bufferSource(Buffer.from('N0'.repeat(500_000) + 'N.', 'latin1'))), facts, LIMITS), /more than 5000 opcodes/);
    assert.strictEqual(facts.steps, 5001); // the step budget, not the clock, stopped it
  });
});
