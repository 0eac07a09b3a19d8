// `npm run bench`: builds, then measures the figures of issue 16 on this machine and prints one
// table with their targets: edit → diagnostics and code actions through an independent LSP client
// process driving the bundled server (and `ruff server` on the same edits), cold scans of the same
// trees by `mlsec scan`, `ruff check --select S` and Bandit, start-up apart, and the server's RSS
// after a workspace scan. Ruff and Bandit come from .cache/peers (../shared/tools/install-peers.sh);
// absent, their rows say so. Corpora are generated (or found) in the OS temp folder, outside any
// repository, so that no .gitignore hides them.
//   --quick                 fewer edits, cursor moves and repetitions (a 5,000-finding file)
//   --section <names>       only these sections (comma-separated or repeated):
//                           edits, codeactions, scan, server (the default run), and the in-process
//                           figures of issue 9: parse, notebooks, warm, models (`--section all`)
//   --notebooks, --models   the same as --section notebooks / --section models
//   --parse-budget <ms>     the language server's per-document time budget (its initializationOptions
//                           parseBudgetMs; 0: none). Default: the server's own — on a loaded machine a
//                           big file can exceed it, which the table shows as an ML900 row
//   --no-bandit             leave Bandit out (its scans take minutes)
//   --root <dir>            measure the bundle (dist/) of another checkout, built there (a before/after
//                           table: the same bench, two bundles). Process-level rows (LSP client, CLI
//                           scans, the server) measure that bundle; in-process rows still measure this one
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeCorpus } from './corpus';
import { stdlibDir, stdlibFiles } from './stdlib';
import { benchServer } from './server';
import { notebookThroughput } from './notebooks';
import { benchModelFiles } from './models';
import { Row, printTable, fmt, spread, median } from './stats';
import { BenchContext, loadAverage, mb, serverJs } from './context';
import { findPeers } from './peers';
import { editsSection } from './editsSection';
import { codeActionsSection } from './codeActionsSection';
import { scanSection } from './scanSection';
import { coldScanInProcess, warmScan } from './inProcessScan';

const DEFAULT_SECTIONS = ['edits', 'codeactions', 'scan', 'server'];
const ALL_SECTIONS = [...DEFAULT_SECTIONS, 'parse', 'notebooks', 'warm', 'models'];

export function selectedSections(argv: string[]): string[] {
  const picked: string[] = [];
  argv.forEach((a, i) => {
    if (a === '--section' && argv[i + 1]) picked.push(...argv[i + 1].split(','));
    else if (a.startsWith('--section=')) picked.push(...a.slice('--section='.length).split(','));
  });
  if (argv.includes('--notebooks')) picked.push('notebooks');
  if (argv.includes('--models')) picked.push('models');
  if (picked.includes('all')) return ALL_SECTIONS;
  const unknown = picked.filter((s) => !ALL_SECTIONS.includes(s));
  if (unknown.length > 0) throw new Error(`unknown section ${unknown.join(', ')}: use ${ALL_SECTIONS.join(', ')} or all`);
  return picked.length > 0 ? ALL_SECTIONS.filter((s) => picked.includes(s)) : DEFAULT_SECTIONS;
}

function parseBudget(argv: string[]): number | undefined {
  const i = argv.indexOf('--parse-budget');
  if (i === -1) return undefined;
  const ms = Number(argv[i + 1]);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`--parse-budget wants a whole number of ms ≥ 0, not '${argv[i + 1]}'`);
  return ms;
}

async function serverSection(ctx: BenchContext, rows: Row[]): Promise<void> {
  const genDir = path.join(ctx.work, 'generated');
  writeCorpus(genDir);
  const s = await benchServer(serverJs(ctx), genDir, ctx.quick ? 3 : 5);
  const section = 'language server (bundle, stdio)';
  rows.push({ section, measure: 'start-up: initialize → first diagnostics (ms)', value: spread(s.startup, 0), target: '≤ 250', met: median(s.startup) <= 250 });
  rows.push({ section, measure: 'start-up: process spawn → first diagnostics (ms)', value: spread(s.spawnToDiagnostics, 0) });
  rows.push({ section, measure: `workspace scan, ${s.files} files of the 1M-line corpus (ms)`, value: fmt(s.scanMs, 0) });
  rows.push({ section, measure: 'workspace re-scan, nothing changed (ms)', value: fmt(s.rescanMs, 0) });
  rows.push({ section, measure: 'RSS 1 s after the workspace scan (MB)', value: fmt(mb(s.rssAfterScan), 0), target: '≤ 150', met: mb(s.rssAfterScan) <= 150 });
}

/** `--root <dir>`: the checkout whose bundle is measured (default: this one). */
function measuredRoot(argv: string[], own: string): string {
  const i = argv.indexOf('--root');
  if (i === -1) return own;
  const dir = argv[i + 1];
  if (!dir || !fs.existsSync(path.join(dir, 'dist', 'server.js'))) throw new Error(`--root wants a checkout with a built dist/server.js, not '${dir ?? ''}'`);
  return path.resolve(dir);
}

async function main(): Promise<void> {
  const own = path.resolve(__dirname, '../..');
  const root = measuredRoot(process.argv.slice(2), own);
  const sections = selectedSections(process.argv.slice(2));
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const ctx: BenchContext = {
    root,
    work: path.join(os.tmpdir(), 'mlsec-bench'),
    quick: process.argv.includes('--quick'),
    cores,
    ...findPeers(own),
    ...(process.argv.includes('--no-bandit') ? { bandit: undefined } : {}),
    log: (s) => process.stderr.write(`bench: ${s}\n`),
    parseBudgetMs: parseBudget(process.argv.slice(2)),
  };
  fs.mkdirSync(ctx.work, { recursive: true });
  if (!fs.existsSync(serverJs(ctx))) throw new Error('dist/server.js is missing: run `node scripts/bundle.js` (npm run bench does)');
  const loadBefore = loadAverage();
  const started = performance.now();
  const rows: Row[] = [];
  ctx.log(`sections: ${sections.join(', ')}; ruff ${ctx.ruff?.version ?? 'not installed'}, bandit ${ctx.bandit?.version ?? 'not installed'}; load average ${loadBefore}`);

  for (const section of sections) {
    const t0 = performance.now();
    if (section === 'edits') await editsSection(ctx, rows);
    else if (section === 'codeactions') await codeActionsSection(ctx, rows);
    else if (section === 'scan') await scanSection(ctx, rows);
    else if (section === 'server') await serverSection(ctx, rows);
    else if (section === 'parse') {
      await coldScanInProcess(ctx, rows, 'generated', writeCorpus(path.join(ctx.work, 'generated')));
      const std = stdlibDir();
      if (std) await coldScanInProcess(ctx, rows, 'Python stdlib', stdlibFiles(std));
    } else if (section === 'notebooks') {
      await notebookThroughput(rows, writeCorpus(path.join(ctx.work, 'generated')).slice(0, 400), path.join(ctx.work, 'notebooks'), cores, ctx.quick ? 2 : 5);
    } else if (section === 'warm') {
      const dir = path.join(ctx.work, 'generated');
      writeCorpus(dir);
      await warmScan(ctx, rows, dir);
    } else if (section === 'models') await benchModelFiles(ctx.work, rows, ctx.log);
    ctx.log(`${section}: ${fmt((performance.now() - t0) / 1000, 0)} s`);
  }

  const peers = `ruff ${ctx.ruff?.version ?? 'absent'}, bandit ${ctx.bandit?.version ?? 'absent'}`;
  const budget = (ctx.parseBudgetMs === undefined ? '' : ` --parse-budget ${ctx.parseBudgetMs}`) + (root === own ? '' : ` --root ${root} (in-process rows: this checkout)`);
  process.stdout.write(
    `\nmlsec bench${ctx.quick ? ' --quick' : ''}${budget} (${sections.join(', ')}) — ${cores} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${peers}; load average ${loadBefore} at start, ${loadAverage()} at end; ${fmt((performance.now() - started) / 1000, 0)} s\n\n`,
  );
  printTable(rows);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`bench: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  });
}
