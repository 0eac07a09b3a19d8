// `npm run bench`: builds, then measures every performance figure of issue 9 on this machine and
// prints one table (medians, with min–max where runs are repeated). Corpora are generated (or
// found) at run time in the OS temp folder — outside any repository, so that .gitignore files do not
// hide them from discovery. `--quick` runs fewer repetitions.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeCorpus, DEFAULT_CORPUS } from './corpus';
import { stdlibDir, stdlibFiles } from './stdlib';
import { parseOnly } from './parseOnly';
import { benchEdits, p50, p95 } from './edits';
import { benchServer } from './server';
import { notebookThroughput } from './notebooks';
import { Row, printTable, fmt, spread, median } from './stats';
import { scanProject, ProjectScanStats } from '../server/src/workspace/projectScan';
import { discoverPythonFiles } from '../server/src/workspace/discovery';
import { rulesForText } from '../server/src/analysis/engine';
import { defaultConfig } from '../server/src/config/analysisConfig';
import { spawnSync } from 'child_process';
import { benchModelFiles } from './models';
import { PassThrough } from 'stream';
import { configuredRules } from '../server/src/check/source';

const root = path.resolve(__dirname, '../..');
const work = path.join(os.tmpdir(), 'mlsec-bench');
/** The per-user scan cache of the bench's CLI runs (a cold scan starts by deleting it). */
const benchCache = path.join(work, 'cache');
const quick = process.argv.includes('--quick');
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);
const mb = (bytes: number) => bytes / 1048576;

async function coldScan(rows: Row[], name: string, files: string[], cores: number): Promise<void> {
  const section = `cold scan: ${name}`;
  const reps = quick ? 2 : 5;
  const parses: number[] = [];
  const scans: number[] = [];
  const ratios: number[] = [];
  let lines = 0;
  let analysed = 0;
  const config = defaultConfig();
  for (let i = 0; i < reps; i++) {
    // Interleaved, so that machine noise hits both alike.
    const p = await parseOnly(files, cores);
    parses.push(p.ms);
    lines = p.lines;
    const stats: ProjectScanStats = { files: 0, cached: 0, analysed: 0, threads: 0 };
    const t0 = performance.now();
    await scanProject(files, { threads: cores, configFor: () => config }, stats);
    scans.push(performance.now() - t0);
    // Each scan against the parse-only run just before it: this machine's speed drifts between
    // runs (other tenants), and a pair measured back to back drifts least.
    ratios.push(scans[i] / parses[i]);
    analysed = stats.analysed;
  }
  const rules = configuredRules(config);
  let skipped = 0;
  let ruleRuns = 0;
  for (const f of files) {
    const n = rulesForText(fs.readFileSync(f, 'utf8'), rules, config).length;
    if (n === 0) skipped++;
    ruleRuns += n;
  }
  const scan = median(scans);
  const ratio = median(ratios);
  rows.push({ section, measure: 'files / lines', value: `${files.length} / ${lines.toLocaleString('en-US')}` });
  rows.push({ section, measure: `parse-only, ${cores} worker threads (ms)`, value: spread(parses, 0) });
  rows.push({ section, measure: `scan, ${cores} worker threads (ms)`, value: spread(scans, 0) });
  rows.push({ section, measure: 'lines/s · files/s', value: `${fmt(lines / (scan / 1000), 0)} · ${fmt(files.length / (scan / 1000), 0)}` });
  rows.push({ section, measure: `scan ÷ parse-only (median of ${reps} back-to-back pairs)`, value: spread(ratios, 2), target: '≤ 1.3', met: ratio <= 1.3 });
  rows.push({ section, measure: 'pre-filter: files skipped · rules run per file (of ' + rules.length + ')', value: `${skipped} · ${fmt(ruleRuns / files.length, 1)}` });
  if (analysed !== files.length) throw new Error(`scan analysed ${analysed} of ${files.length} files`);
}

/** `mlsec scan` of the bundle (dist/mlsec.js), run in this process: everything but Node's start-up. */
async function bundledCli(cwd: string, args: string[]): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runCli } = require(path.join(root, 'dist', 'mlsec.js')) as { runCli: (argv: string[], io: unknown) => Promise<number> };
  const sink = new PassThrough();
  sink.resume();
  return runCli(['scan', '-q', ...args], { stdout: sink, stderr: sink, cwd, env: { MLSEC_CACHE_DIR: benchCache } });
}

async function warmScan(rows: Row[], dir: string): Promise<void> {
  const section = 'warm re-scan: generated';
  fs.rmSync(benchCache, { recursive: true, force: true });
  const args = ['-f', 'json', '-o', path.join(work, 'out.json'), '.'];
  const timed = async () => {
    const t0 = performance.now();
    await bundledCli(dir, args);
    return performance.now() - t0;
  };
  const cold = await timed();
  const victim = discoverPythonFiles([dir])[7];
  const original = fs.readFileSync(victim, 'utf8');
  const changed: number[] = [];
  const unchanged: number[] = [];
  const cliRuns: number[] = [];
  const cli = path.join(root, 'dist', 'mlsec.js');
  try {
    for (let i = 0; i < (quick ? 3 : 7); i++) {
      fs.writeFileSync(victim, `${original}\n# edit ${i}\n`);
      changed.push(await timed());
      unchanged.push(await timed());
    }
    // The same as a process, Node's start-up included.
    for (let i = 0; i < 3; i++) {
      fs.writeFileSync(victim, `${original}\n# cli edit ${i}\n`);
      const t0 = performance.now();
      spawnSync(process.execPath, [cli, 'scan', '-q', ...args], { cwd: dir, env: { ...process.env, MLSEC_CACHE_DIR: benchCache } });
      cliRuns.push(performance.now() - t0);
    }
  } finally {
    fs.writeFileSync(victim, original);
  }
  rows.push({ section, measure: `cold \`mlsec scan\`, cache written (ms, 2,000 files)`, value: fmt(cold, 0) });
  const m = median(changed);
  rows.push({ section, measure: 'one file changed: `mlsec scan` in process (ms)', value: spread(changed, 1), target: '≤ 100', met: m <= 100 });
  rows.push({ section, measure: 'nothing changed: in process (ms)', value: spread(unchanged, 1) });
  rows.push({ section, measure: 'one file changed: `mlsec scan` as a process (ms)', value: spread(cliRuns, 0) });
}

async function main(): Promise<void> {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const rows: Row[] = [];
  const started = performance.now();
  fs.mkdirSync(work, { recursive: true });
  if (process.argv.includes('--notebooks')) {
    // Only the notebook section (`npm run bench -- --notebooks`).
    await notebookThroughput(rows, writeCorpus(path.join(work, 'generated')).slice(0, 400), path.join(work, 'notebooks'), cores, quick ? 2 : 5);
    printTable(rows);
    return;
  }

  if (process.argv.includes('--models')) {
    // `npm run bench -- --models`: the model-file section alone.
    await benchModelFiles(work, rows, log);
    process.stdout.write(`\nmlsec bench (model files) — Node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}\n\n`);
    printTable(rows);
    return;
  }

  log('edit latency (7,000-line file)');
  const e = await benchEdits(7000, 200, quick ? 2000 : 10000);
  const es = `edit → diagnostics (${e.lines} lines)`;
  rows.push({ section: es, measure: 'type 1 char, 200 spots: p50 (ms)', value: fmt(p50(e.typing), 2), target: '≤ 5', met: p50(e.typing) <= 5 });
  rows.push({ section: es, measure: 'type 1 char, 200 spots: p95 (ms)', value: fmt(p95(e.typing), 2), target: '≤ 15', met: p95(e.typing) <= 15 });
  rows.push({ section: es, measure: 'undo of it: p50 · p95 (ms)', value: `${fmt(p50(e.undo), 2)} · ${fmt(p95(e.undo), 2)}` });
  rows.push({ section: es, measure: 'of which incremental reparse: p50 · p95 (ms)', value: `${fmt(p50(e.reparseOnly), 2)} · ${fmt(p95(e.reparseOnly), 2)}` });
  rows.push({ section: es, measure: 'typing edits that re-checked the whole file', value: String(e.fullRechecks) });
  rows.push({ section: es, measure: '50-line paste (ms)', value: spread(e.paste, 1) });
  rows.push({ section: es, measure: 'import line changed (ms)', value: spread(e.importEdit, 1) });
  const grew = e.wasmAfter - e.wasmBefore;
  rows.push({ section: es, measure: `wasm memory before → after ${quick ? '2,000' : '10,000'} edits (MB)`, value: `${fmt(mb(e.wasmBefore), 1)} → ${fmt(mb(e.wasmAfter), 1)}`, target: 'no growth', met: grew <= 0 });

  log(`generating the corpus (${DEFAULT_CORPUS.files} files) in ${work}`);
  const genDir = path.join(work, 'generated');
  const gen = writeCorpus(genDir);
  log('cold scan: generated');
  await coldScan(rows, 'generated', gen, cores);
  const std = stdlibDir();
  if (std) {
    log(`cold scan: stdlib (${std})`);
    await coldScan(rows, 'Python stdlib', stdlibFiles(std), cores);
  } else {
    log('python3 not found: the stdlib corpus is skipped');
  }

  log('notebooks vs .py');
  await notebookThroughput(rows, gen.slice(0, 400), path.join(work, 'notebooks'), cores, quick ? 2 : 5);

  log('warm re-scan');
  await warmScan(rows, genDir);

  log('language server: start-up, workspace scan, memory');
  const s = await benchServer(path.join(root, 'dist', 'server.js'), genDir, quick ? 3 : 5);
  rows.push({ section: 'language server', measure: 'start-up: initialize → first diagnostics (ms)', value: spread(s.startup, 0), target: '≤ 250', met: median(s.startup) <= 250 });
  rows.push({ section: 'language server', measure: 'start-up: process spawn → first diagnostics (ms)', value: spread(s.spawnToDiagnostics, 0) });
  rows.push({ section: 'language server', measure: `workspace scan, ${s.files} files (ms)`, value: fmt(s.scanMs, 0) });
  rows.push({ section: 'language server', measure: 'workspace re-scan, nothing changed (ms)', value: fmt(s.rescanMs, 0) });
  rows.push({ section: 'language server', measure: 'RSS 1 s after the scan (workers released) (MB)', value: fmt(mb(s.rssAfterScan), 0), target: '≤ 120', met: mb(s.rssAfterScan) <= 120 });

  await benchModelFiles(work, rows, log);

  process.stdout.write(`\nmlsec bench — ${cores} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; ${fmt((performance.now() - started) / 1000, 0)} s\n\n`);
  printTable(rows);
}

main().catch((e) => {
  process.stderr.write(`bench: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
