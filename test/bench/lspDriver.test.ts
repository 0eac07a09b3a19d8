// The bench's LSP driver must keep measuring what it claims (no timing is asserted here): it runs
// as its own process against the bundled server, sends each edit and its undo with the right
// versions, gets diagnostics for exactly those versions, and its code-action scenario reaches the
// server's actions. With Ruff installed, `ruff server` really lints with the S rules only.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runDriver, EditsResult, CodeActionsResult } from '../../bench/driver';
import { planEdits, PlannedEdit, EDIT_KINDS } from '../../bench/editPlan';
import { lspServers } from '../../bench/editsSection';
import { findPeers } from '../../bench/peers';
import { generateManyFindings } from '../../bench/manyFindings';
import { generateModelFile } from '../../bench/modelCode';
import type { BenchContext } from '../../bench/context';
import { selectedSections } from '../../bench/run';

const root = path.resolve(__dirname, '../../..');
const TEXT = 'import yaml\n\n# a comment 😀 here\ndef load(s):\n    return yaml.load(s)  # the finding\n';

function context(): BenchContext {
  return { root, work: fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-bench-test-')), quick: true, cores: 1, ...findPeers(root), log: () => undefined };
}

describe('bench: the LSP driver process', function () {
  this.timeout(120_000);
  let ctx: BenchContext;
  before(function () {
    if (!fs.existsSync(path.join(root, 'dist', 'server.js'))) this.skip();
    ctx = context();
  });
  after(() => ctx && fs.rmSync(ctx.work, { recursive: true, force: true }));

  it('times 3 edits and their undos against the bundled server, each answered for its own version', async () => {
    // Inside the comment (after the emoji: UTF-16 columns), a CRLF at the end of the comment line, and
    // an identifier character typed into `load`: none of them touches the finding on line 5.
    const edits: PlannedEdit[] = [
      { kind: 'emoji', offset: TEXT.indexOf(' here'), text: '\u{1F600}' },
      { kind: 'CRLF', offset: TEXT.indexOf('\ndef'), text: '\r\n' },
      { kind: 'identifier char', offset: TEXT.indexOf('(s)'), text: 'x' },
    ];
    const servers = lspServers(ctx);
    const r = await runDriver<EditsResult>({ kind: 'edits', server: servers.mlsec, file: path.join(servers.mlsec.root, 'tiny.py'), text: TEXT, warmup: [], edits, timeoutMs: 60_000 });
    assert.strictEqual(r.pull, true);
    assert.strictEqual(r.serverName, 'mlsec');
    assert.deepStrictEqual(r.codes, ['B506']);
    assert.deepStrictEqual(
      r.samples.map((s) => [s.kind, s.phase, s.version, s.answeredVersion, s.items]),
      [
        ['emoji', 'apply', 2, 2, 1],
        ['emoji', 'undo', 3, 3, 1],
        ['CRLF', 'apply', 4, 4, 1],
        ['CRLF', 'undo', 5, 5, 1],
        ['identifier char', 'apply', 6, 6, 1],
        ['identifier char', 'undo', 7, 7, 1],
      ],
    );
    for (const s of r.samples) assert.ok(Number.isFinite(s.ms) && s.ms > 0, `time of ${s.kind} ${s.phase}: ${s.ms}`);
  });

  it('sends cursor moves with and without a diagnostic, and one fix-all on a file of many findings', async () => {
    const servers = lspServers(ctx);
    const many = generateManyFindings(30);
    const r = await runDriver<CodeActionsResult>({
      kind: 'codeActions',
      server: servers.mlsec,
      file: path.join(servers.mlsec.root, 'tiny.py'),
      text: TEXT,
      cursors: [0, TEXT.indexOf('# a comment')],
      atDiagnostics: 2,
      big: { file: path.join(servers.mlsec.root, 'many.py'), text: many },
      timeoutMs: 60_000,
    });
    assert.strictEqual(r.items, 1);
    assert.strictEqual(r.empty.length, 2);
    assert.strictEqual(r.withDiagnostic.length, 2);
    // On the finding: at least its fix or suppression and the documentation action.
    for (const s of r.withDiagnostic) assert.ok(s.actions >= 2, `actions on the finding: ${s.actions}`);
    assert.strictEqual(r.big?.findings, 30);
    assert.strictEqual(r.big?.fixAll.actions, 1);
    assert.ok((r.big?.fixAll.edits ?? 0) >= 10, `fix-all edits: ${r.big?.fixAll.edits}`);
  });

  it('ruff server, when installed, lints the same file with the S rules only (pull)', async function () {
    if (!ctx.ruff) this.skip();
    const servers = lspServers(ctx);
    const text = generateModelFile(16, { lines: 400, classes: 1, minMethods: 0, unsafeRate: 1 });
    const r = await runDriver<EditsResult>({
      kind: 'edits',
      server: servers.ruff!,
      file: path.join(servers.ruff!.root, 'model.py'),
      text,
      warmup: [],
      edits: planEdits(text, 2, 5),
      timeoutMs: 60_000,
    });
    assert.strictEqual(r.serverName, 'ruff');
    assert.ok(r.codes.length > 0 && r.codes.every((c) => /^S\d+$/.test(c)), `codes: ${r.codes.join(' ')}`);
    assert.deepStrictEqual(
      r.samples.map((s) => s.version),
      [2, 3, 4, 5],
    );
  });
});

describe('bench: the edit plan', () => {
  it('is the same for the same seed, covers every kind, and never splits a surrogate pair or a CRLF', () => {
    const text = 'a = "😀😀"\r\nb = 1\r\n' + 'def f(x):\n    return x\n'.repeat(50);
    const plan = planEdits(text, 300, 7);
    assert.deepStrictEqual(planEdits(text, 300, 7), plan);
    assert.notDeepStrictEqual(planEdits(text, 300, 8), plan);
    assert.deepStrictEqual([...new Set(plan.map((e) => e.kind))].sort(), [...EDIT_KINDS].sort());
    for (const e of plan) {
      assert.ok(e.offset >= 0 && e.offset <= text.length);
      const before = text.charCodeAt(e.offset - 1);
      assert.ok(!(before >= 0xd800 && before <= 0xdbff), `offset ${e.offset} splits a surrogate pair`);
      assert.ok(!(text[e.offset - 1] === '\r' && text[e.offset] === '\n'), `offset ${e.offset} splits a CRLF`);
      if (e.kind === 'import line') assert.ok(e.offset === 0 || text[e.offset - 1] === '\n');
    }
  });

  it('the class-heavy file has 4 classes of 40+ methods and parses the same with more unsafe sites', () => {
    const few = generateModelFile(16, { lines: 7000, unsafeSites: 6 });
    const many = generateModelFile(16, { lines: 7000, unsafeSites: 92 });
    assert.strictEqual(few.split('\n').length, many.split('\n').length);
    const classes = few.split(/^class /m).slice(1);
    assert.strictEqual(classes.length, 4);
    for (const c of classes) assert.ok((c.match(/^ {4}def /gm) ?? []).length >= 40);
    assert.ok(few.split('\n').length >= 7000);
  });
});

describe('bench: section flags', () => {
  it('runs the issue 16 sections by default, picks listed ones in a fixed order, and refuses unknown names', () => {
    assert.deepStrictEqual(selectedSections([]), ['edits', 'codeactions', 'scan', 'server']);
    assert.deepStrictEqual(selectedSections(['--quick', '--section', 'scan,edits']), ['edits', 'scan']);
    assert.deepStrictEqual(selectedSections(['--section=server', '--section', 'codeactions']), ['codeactions', 'server']);
    assert.deepStrictEqual(selectedSections(['--models']), ['models']);
    assert.deepStrictEqual(selectedSections(['--section', 'all']), ['edits', 'codeactions', 'scan', 'server', 'parse', 'notebooks', 'warm', 'models']);
    assert.throws(() => selectedSections(['--section', 'edit']), /unknown section edit/);
  });
});
