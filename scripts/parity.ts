// `npm run parity`: runs Bandit 1.9.4 and mlsec on the rule fixtures and on the parity corpus
// (scripts/parityCorpus.ts) and prints, per Bandit test ID, Bandit's findings, how many mlsec matched
// (same ID, on a line of the same node), the documented deviations, what neither explains, and what
// only mlsec reports. `--write` also records the table in docs/bandit-parity.md.
// Bandit comes from MLSEC_BANDIT or .cache/peers/bin/bandit (../shared/tools/install-peers.sh .cache/peers).
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PARITY_CORPUS } from './parityCorpus';
import { deviationFor, enclosingDefinitions } from './parityDeviations';

const ROOT = path.resolve(__dirname, '../..');

interface BanditResult {
  filename: string;
  test_id: string;
  line_number: number;
  line_range: number[];
}

interface MlsecFinding {
  path: string;
  code: string;
  line: number;
  endLine: number;
}

/** mlsec codes that Bandit reports under one of its own IDs. */
const PARENT: Record<string, string> = { ML101: 'B615', ML201: 'B310' };

export interface Row {
  code: string;
  bandit: number;
  matched: number;
  deviations: number;
  unexplained: string[];
  mlsecOnly: number;
}

/** Bandit from MLSEC_BANDIT or .cache/peers/bin/bandit, if installed. */
export function findBandit(): string | undefined {
  const candidates = [process.env.MLSEC_BANDIT, path.join(ROOT, '.cache/peers/bin/bandit')];
  return candidates.find((c): c is string => !!c && fs.existsSync(c));
}

function banditBinary(): string {
  const found = findBandit();
  if (!found) throw new Error('Bandit not found: run ../shared/tools/install-peers.sh .cache/peers (or set MLSEC_BANDIT)');
  return found;
}

/** Runs both tools on the fixtures and the corpus in a temp folder; the per-ID comparison. */
export function runParity(bandit: string): { version: string; rows: Row[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-parity-'));
  try {
    fs.mkdirSync(path.join(dir, 'corpus'));
    fs.mkdirSync(path.join(dir, 'fixtures'));
    writeCorpus(dir);
    const version = execFileSync(bandit, ['--version'], { encoding: 'utf8' }).split('\n')[0];
    return { version, rows: compare(dir, runBandit(bandit, dir), runMlsec(dir)) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function writeCorpus(dir: string): void {
  for (const [name, text] of Object.entries(PARITY_CORPUS)) fs.writeFileSync(path.join(dir, 'corpus', name), text.replace(/^\n/, ''));
  const fixtures = path.join(ROOT, 'test/fixtures/rules');
  for (const name of fs.readdirSync(fixtures).filter((f) => f.endsWith('.py'))) {
    fs.copyFileSync(path.join(fixtures, name), path.join(dir, 'fixtures', name));
  }
}

function runBandit(bandit: string, dir: string): BanditResult[] {
  const r = spawnSync(bandit, ['-r', dir, '-f', 'json', '-q'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const report = JSON.parse(r.stdout) as { results: BanditResult[]; errors: { filename: string; reason: string }[] };
  for (const e of report.errors) process.stderr.write(`bandit: ${path.relative(dir, e.filename)}: ${e.reason}\n`);
  return report.results;
}

function runMlsec(dir: string): MlsecFinding[] {
  const cli = path.join(ROOT, 'dist/mlsec.js');
  const r = spawnSync(process.execPath, [cli, 'scan', '--format', 'json', '--no-cache', '-q', '--profile', 'bandit', dir], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`mlsec scan failed (${r.status}): ${r.stderr}`);
  return (JSON.parse(r.stdout) as { findings: MlsecFinding[] }).findings;
}

export function compare(dir: string, bandit: BanditResult[], mlsec: MlsecFinding[]): Row[] {
  const rows = new Map<string, Row>();
  const row = (code: string): Row => {
    let r = rows.get(code);
    if (!r) rows.set(code, (r = { code, bandit: 0, matched: 0, deviations: 0, unexplained: [], mlsecOnly: 0 }));
    return r;
  };
  const norm = (p: string) => path.resolve(dir, p);
  const used = new Set<MlsecFinding>();
  const lines = new Map<string, string[]>();
  const source = (file: string, from: number, to: number): string => {
    if (!lines.has(file)) lines.set(file, fs.readFileSync(file, 'utf8').split(/\r?\n/));
    return lines
      .get(file)!
      .slice(from - 1, to)
      .join('\n');
  };
  for (const b of bandit) {
    const r = row(b.test_id);
    r.bandit++;
    const file = norm(b.filename);
    const first = Math.min(...b.line_range, b.line_number);
    const last = Math.max(...b.line_range, b.line_number);
    const m = mlsec.find((f) => norm(f.path) === file && (PARENT[f.code] ?? f.code) === b.test_id && f.line <= last && f.endLine >= first);
    if (m) {
      r.matched++;
      used.add(m);
      continue;
    }
    const text = source(file, first, last);
    if (deviationFor(b.test_id, text, enclosingDefinitions(lines.get(file)!, first), lines.get(file)!.join('\n'))) r.deviations++;
    else r.unexplained.push(`${path.relative(dir, file)}:${b.line_number}: ${text.split('\n')[0].trim()}`);
  }
  for (const f of mlsec) {
    if (used.has(f)) continue;
    const code = PARENT[f.code] ?? f.code;
    if (!/^B\d{3}$/.test(code)) continue;
    row(code).mlsecOnly++;
  }
  return [...rows.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}

export function renderTable(rows: Row[]): string {
  const out = ['| Bandit ID | Bandit | matched | deviations | unexplained | mlsec only | matched % |', '|---|---:|---:|---:|---:|---:|---:|'];
  let total = 0;
  let matched = 0;
  let dev = 0;
  for (const r of rows) {
    total += r.bandit;
    matched += r.matched;
    dev += r.deviations;
    const pct = r.bandit ? ((100 * (r.matched + r.deviations)) / r.bandit).toFixed(1) : '—';
    out.push(`| ${r.code} | ${r.bandit} | ${r.matched} | ${r.deviations} | ${r.unexplained.length} | ${r.mlsecOnly} | ${pct} |`);
  }
  out.push(`| **all** | ${total} | ${matched} | ${dev} | ${total - matched - dev} | ${rows.reduce((s, r) => s + r.mlsecOnly, 0)} | ${total ? ((100 * (matched + dev)) / total).toFixed(1) : '—'} |`);
  return out.join('\n');
}

function main(): void {
  const { version, rows } = runParity(banditBinary());
  const table = renderTable(rows);
  process.stdout.write(`${version}\n\n${table}\n`);
  const unexplained = rows.flatMap((r) => r.unexplained.map((u) => `${r.code} ${u}`));
  if (unexplained.length) process.stdout.write(`\nBandit findings mlsec does not report (no documented deviation):\n${unexplained.map((u) => `  ${u}`).join('\n')}\n`);
  if (process.argv.includes('--write')) {
    const doc = path.join(ROOT, 'docs/bandit-parity.md');
    const head = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8').split('<!-- parity-table -->')[0] : '# Bandit parity\n\n';
    fs.writeFileSync(
      doc,
      `${head}<!-- parity-table -->\n${version}, \`npm run parity\` on ${new Date().toISOString().slice(0, 10)}:\n\n${table}\n${unexplained.length ? `\nUnexplained:\n\n${unexplained.map((u) => `- \`${u}\``).join('\n')}\n` : ''}`,
    );
  }
}

if (require.main === module) main();
