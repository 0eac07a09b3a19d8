// Section `scan`: cold scans as a user runs them, each tool a process timed from spawn to exit on the
// same trees in the same run — `mlsec scan --no-cache` (the bundled CLI), `ruff check --select S
// --no-cache` and `bandit -r -q` (slow: once per tree) — on the Python stdlib (tests left out), the
// generated 1M-line corpus and a ~30k-line slice of it. mlsec and Ruff alternate, and each ratio is
// the median of back-to-back pairs (this machine's speed drifts). Start-up is measured apart: Node
// alone, `mlsec scan` of an empty folder, of one small file (wasm instantiated, one parse), and the
// scan workers' spawn until ready.
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { writeCorpus } from './corpus';
import { stdlibDir, stdlibFiles } from './stdlib';
import { BenchContext, cliJs, p50 } from './context';
import { Row, fmt, spread, median } from './stats';

interface ScanTree {
  label: string;
  dir: string;
  files: number;
  lines: number;
}

function countLines(files: string[]): number {
  let n = 0;
  for (const f of files) {
    const t = fs.readFileSync(f, 'latin1');
    for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) n++;
  }
  return n;
}

/** Copies `files` (under `from`) to `to`, keeping their relative paths; reused when already there. */
function copyTree(files: string[], from: string, to: string): string[] {
  const stamp = path.join(to, '.bench-tree.json');
  const want = JSON.stringify({ from, files: files.length });
  const out = files.map((f) => path.join(to, path.relative(from, f)));
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return out;
  fs.rmSync(to, { recursive: true, force: true });
  files.forEach((f, i) => {
    fs.mkdirSync(path.dirname(out[i]), { recursive: true });
    fs.copyFileSync(f, out[i]);
  });
  fs.writeFileSync(stamp, want);
  return out;
}

function trees(ctx: BenchContext): ScanTree[] {
  const out: ScanTree[] = [];
  const std = stdlibDir();
  if (std) {
    const files = copyTree(stdlibFiles(std), std, path.join(ctx.work, 'trees', 'stdlib'));
    out.push({ label: 'Python stdlib', dir: path.join(ctx.work, 'trees', 'stdlib'), files: files.length, lines: countLines(files) });
  } else {
    ctx.log('python3 not found: the stdlib tree is skipped');
  }
  const genDir = path.join(ctx.work, 'generated');
  ctx.log(`scan: writing the generated corpus in ${genDir} (reused when unchanged)`);
  const gen = writeCorpus(genDir);
  // A small repository: the corpus's first files up to ~30k lines.
  const slice: string[] = [];
  let sliceLines = 0;
  for (const f of gen) {
    if (sliceLines >= 30_000) break;
    slice.push(f);
    sliceLines += countLines([f]);
  }
  const repoDir = path.join(ctx.work, 'trees', 'repo30k');
  copyTree(slice, genDir, repoDir);
  out.push({ label: '30k-line repo (corpus slice)', dir: repoDir, files: slice.length, lines: sliceLines });
  out.push({ label: 'generated 1M-line corpus', dir: genDir, files: gen.length, lines: countLines(gen) });
  return out;
}

/** Wall time of a process, spawn to exit (ms); its stdout and stderr are discarded. */
function timed(cmd: string, args: string[], ok: number[], env: NodeJS.ProcessEnv = process.env): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env, maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  if (r.status === null || !ok.includes(r.status)) throw new Error(`${path.basename(cmd)} ${args.join(' ')} exited ${r.status ?? r.signal}: ${String(r.stderr).slice(-2000)}`);
  return ms;
}

export async function scanSection(ctx: BenchContext, rows: Row[]): Promise<void> {
  const env = { ...process.env, MLSEC_CACHE_DIR: path.join(ctx.work, 'cache') };
  const mlsec = (dir: string) => timed(process.execPath, [cliJs(ctx), 'scan', '-q', '--no-cache', dir], [0, 1], env);
  const ruff = ctx.ruff ? (dir: string) => timed(ctx.ruff!.path, ['check', '--isolated', '--select', 'S', '--no-cache', '--exit-zero', '--output-format', 'concise', dir], [0]) : undefined;
  const bandit = ctx.bandit ? (dir: string) => timed(ctx.bandit!.path, ['-r', '-q', dir], [0, 1]) : undefined;

  // Start-up, apart.
  const empty = path.join(ctx.work, 'trees', 'empty');
  const one = path.join(ctx.work, 'trees', 'one');
  fs.mkdirSync(empty, { recursive: true });
  fs.mkdirSync(one, { recursive: true });
  fs.writeFileSync(path.join(one, 'load.py'), 'import pickle\n\n\ndef load(blob):\n    return pickle.loads(blob)\n');
  const reps = ctx.quick ? 3 : 5;
  const s = 'start-up (processes, ms)';
  const runs = (f: () => number) => Array.from({ length: reps }, f);
  rows.push({
    section: s,
    measure: 'node -e 0',
    value: spread(
      runs(() => timed(process.execPath, ['-e', '0'], [0])),
      0,
    ),
  });
  rows.push({
    section: s,
    measure: 'mlsec scan of an empty folder (node start + bundle load)',
    value: spread(
      runs(() => mlsec(empty)),
      0,
    ),
  });
  rows.push({
    section: s,
    measure: 'mlsec scan of one 5-line file (+ wasm instantiation, one parse)',
    value: spread(
      runs(() => mlsec(one)),
      0,
    ),
  });
  const spawns = runs(() => {
    const r = spawnSync(process.execPath, [path.join(__dirname, 'workerSpawn.js'), path.join(ctx.root, 'dist', 'worker.js'), String(ctx.cores)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`worker spawn bench failed: ${r.stderr}`);
    return (JSON.parse(r.stdout) as { allReadyMs: number }).allReadyMs;
  });
  rows.push({ section: s, measure: `${ctx.cores} scan workers: new Worker → all ready (in process)`, value: spread(spawns, 0) });
  if (ruff)
    rows.push({
      section: s,
      measure: 'ruff check of an empty folder',
      value: spread(
        runs(() => ruff(empty)),
        0,
      ),
    });
  if (bandit) rows.push({ section: s, measure: 'bandit -r of an empty folder', value: fmt(bandit(empty), 0) });

  for (const t of trees(ctx)) {
    const section = `cold scan: ${t.label} (${t.files} files, ${t.lines.toLocaleString('en-US')} lines)`;
    const pairs = ctx.quick ? 1 : 3;
    const m: number[] = [];
    const r: number[] = [];
    const ratios: number[] = [];
    ctx.log(`scan: ${t.label}: mlsec${ruff ? ' and ruff' : ''}, ${pairs} pair(s)`);
    for (let i = 0; i < pairs; i++) {
      m.push(mlsec(t.dir));
      if (ruff) {
        r.push(ruff(t.dir));
        ratios.push(m[i] / r[i]);
      }
    }
    rows.push({ section, measure: `mlsec scan --no-cache, ${ctx.cores} cores (ms)`, value: spread(m, 0) });
    const big = !t.label.startsWith('30k');
    if (ruff) {
      rows.push({ section, measure: `ruff ${ctx.ruff!.version} check --select S --no-cache (ms)`, value: spread(r, 0) });
      rows.push({ section, measure: 'mlsec ÷ ruff (median of back-to-back pairs)', value: spread(ratios, 2), target: big ? '≤ 2 (moonshot 1)' : '', met: big ? median(ratios) <= 2 : undefined });
    } else {
      rows.push({ section, measure: 'ruff', value: 'not installed' });
    }
    if (bandit) {
      ctx.log(`scan: ${t.label}: bandit (once)`);
      const b = bandit(t.dir);
      const ratio = b / p50(m);
      const target = t.label.startsWith('30k') ? 10 : t.label.startsWith('generated') ? 30 : undefined;
      rows.push({ section, measure: `bandit ${ctx.bandit!.version} -r -q, once (ms)`, value: fmt(b, 0) });
      rows.push({ section, measure: 'bandit ÷ mlsec', value: fmt(ratio, 1), target: target ? `≥ ${target}` : '', met: target ? ratio >= target : undefined });
    } else {
      rows.push({ section, measure: 'bandit', value: 'not installed' });
    }
  }
}
