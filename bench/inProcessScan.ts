// Sections `parse` and `warm` (issue 9's figures, in process): the scan against a parse-only
// baseline on the same worker threads (scan ÷ parse-only, median of back-to-back pairs), with the
// pre-filter's counts; and the warm re-scan of the CLI after one file changed, with its disk cache.
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { PassThrough } from 'stream';
import { parseOnly } from './parseOnly';
import { Row, fmt, spread, median } from './stats';
import { scanProject, ProjectScanStats } from '../server/src/workspace/projectScan';
import { discoverPythonFiles } from '../server/src/workspace/discovery';
import { rulesForText } from '../server/src/analysis/engine';
import { configuredRules } from '../server/src/check/source';
import { defaultConfig } from '../server/src/config/analysisConfig';
import type { BenchContext } from './context';

export async function coldScanInProcess(ctx: BenchContext, rows: Row[], name: string, files: string[]): Promise<void> {
  const { quick, cores } = ctx;
  const section = `scan ÷ parse-only, in process: ${name}`;
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
async function bundledCli(ctx: BenchContext, cwd: string, args: string[]): Promise<number> {
  const benchCache = path.join(ctx.work, 'cache');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runCli } = require(path.join(ctx.root, 'dist', 'mlsec.js')) as { runCli: (argv: string[], io: unknown) => Promise<number> };
  const sink = new PassThrough();
  sink.resume();
  return runCli(['scan', '-q', ...args], { stdout: sink, stderr: sink, cwd, env: { MLSEC_CACHE_DIR: benchCache } });
}

export async function warmScan(ctx: BenchContext, rows: Row[], dir: string): Promise<void> {
  const { quick, work, root } = ctx;
  const benchCache = path.join(work, 'cache');
  const section = 'warm re-scan: generated';
  fs.rmSync(benchCache, { recursive: true, force: true });
  const args = ['-f', 'json', '-o', path.join(work, 'out.json'), '.'];
  const timed = async () => {
    const t0 = performance.now();
    await bundledCli(ctx, dir, args);
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
