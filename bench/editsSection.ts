// Section `edits`: edit → diagnostics, client-observed, on CPython's _pydecimal.py and on a generated
// class-heavy 7,000-line model module; mlsec's bundled server and `ruff server` (S rules) take the
// same seeded edits, each through a fresh independent client process (lspDriver). Then the in-process
// breakdown (the server's compute, the incremental reparse) and the wasm memory across many edits.
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { runDriver, EditsResult, ServerSpec } from './driver';
import { planEdits, EDIT_KINDS, PlannedEdit } from './editPlan';
import { loadPython, parsePython } from '../server/src/analysis/parser';
import { generateModelFile } from './modelCode';
import { generateFile } from './corpus';
import { benchInProcess } from './inProcess';
import { BenchContext, serverJs, p50, p95, mb, analysedRow } from './context';
import { Row, fmt } from './stats';

export const EDIT_SEED = 1601;
export const MODEL_FILE_SEED = 16;

/** CPython's _pydecimal.py, found through python3 (the same file on every machine with 3.11). */
export function pydecimalPath(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import _pydecimal; print(_pydecimal.__file__)'], { encoding: 'utf8' });
  const file = r.status === 0 ? r.stdout.trim() : '';
  return file && fs.existsSync(file) ? file : undefined;
}

/** The mlsec server and, with Ruff installed, `ruff server` linting with the S rules only. */
export function lspServers(ctx: BenchContext): { mlsec: ServerSpec; ruff?: ServerSpec } {
  // mlsec's workspace is an empty folder: its workspace scan has nothing to do during the edits.
  const mlsecRoot = path.join(ctx.work, 'lsp', 'mlsec');
  const ruffRoot = path.join(ctx.work, 'lsp', 'ruff');
  fs.mkdirSync(mlsecRoot, { recursive: true });
  fs.mkdirSync(ruffRoot, { recursive: true });
  fs.writeFileSync(path.join(ruffRoot, 'ruff.toml'), '[lint]\nselect = ["S"]\n');
  return {
    mlsec: {
      name: 'mlsec',
      command: process.execPath,
      args: [serverJs(ctx), '--stdio'],
      root: mlsecRoot,
      initializationOptions: ctx.parseBudgetMs === undefined ? undefined : { parseBudgetMs: ctx.parseBudgetMs },
    },
    ruff: ctx.ruff ? { name: 'ruff', command: ctx.ruff.path, args: ['server'], root: ruffRoot } : undefined,
  };
}

function all(r: EditsResult): number[] {
  return r.samples.map((s) => s.ms);
}

function byKind(r: EditsResult): string {
  return EDIT_KINDS.map((k) => {
    const xs = r.samples.filter((s) => s.kind === k).map((s) => s.ms);
    return xs.length ? `${k} ${fmt(p50(xs), 1)}` : '';
  })
    .filter(Boolean)
    .join(' · ');
}

async function oneFile(ctx: BenchContext, rows: Row[], label: string, name: string, text: string, count: number, inProcessEdits: number): Promise<void> {
  const servers = lspServers(ctx);
  const plan = planEdits(text, count, EDIT_SEED);
  const warmup = planEdits(text, ctx.quick ? 5 : 10, EDIT_SEED + 1);
  const lines = text.split('\n').length - 1;
  const section = `edit → diagnostics: ${label} (${lines.toLocaleString('en-US')} lines)`;
  const scenario = (server: ServerSpec) => ({ kind: 'edits' as const, server, file: path.join(server.root, name), text, edits: plan, warmup, timeoutMs: 120_000 });

  ctx.log(`edits: mlsec on ${label}, ${count} edits + undos`);
  const m = await runDriver<EditsResult>(scenario(servers.mlsec));
  const mAll = all(m);
  const matched = m.samples.filter((s) => s.answeredVersion === s.version).length;
  rows.push({ section, measure: `mlsec: ${count} edits + ${count} undos, client-observed p50 (ms)`, value: fmt(p50(mAll), 1), target: '≤ 5', met: p50(mAll) <= 5 });
  rows.push({ section, measure: 'mlsec: p95 (ms)', value: fmt(p95(mAll), 1), target: '≤ 15', met: p95(mAll) <= 15 });
  rows.push({
    section,
    measure: 'mlsec: edits p50 · undos p50 (ms)',
    value: `${fmt(p50(m.samples.filter((s) => s.phase === 'apply').map((s) => s.ms)), 1)} · ${fmt(p50(m.samples.filter((s) => s.phase === 'undo').map((s) => s.ms)), 1)}`,
  });
  rows.push({ section, measure: 'mlsec: p50 by kind, edit and undo (ms)', value: byKind(m) });
  rows.push({
    section,
    measure: `mlsec: diagnostics said they were for the version sent (${m.pull ? 'pull' : 'push'})`,
    value: `${matched} of ${m.samples.length}`,
    target: 'all',
    met: matched === m.samples.length,
  });
  rows.push({ section, measure: 'mlsec: also pushed during the edits (publishDiagnostics)', value: String(m.pushes) });
  rows.push({ section, measure: 'mlsec: didOpen → first diagnostics (ms) · findings', value: `${fmt(m.openMs, 0)} · ${m.items} (${m.codes.join(' ') || 'none'})` });
  rows.push(analysedRow(section, 'the file', m.codes));

  if (servers.ruff) {
    ctx.log(`edits: ruff server on ${label}`);
    const r = await runDriver<EditsResult>(scenario(servers.ruff));
    const rAll = all(r);
    rows.push({ section, measure: `ruff server ${r.serverVersion ?? ''} (S rules, ${r.pull ? 'pull' : 'push'}): p50 · p95 (ms)`, value: `${fmt(p50(rAll), 1)} · ${fmt(p95(rAll), 1)}` });
    rows.push({ section, measure: 'ruff server: p50 by kind, edit and undo (ms)', value: byKind(r) });
    rows.push({ section, measure: 'ruff server: S diagnostics on the opened file · pushes during edits', value: `${r.items} (${r.codes.join(' ') || 'none'}) · ${r.pushes}` });
    rows.push({ section, measure: 'mlsec p50 ÷ ruff server p50', value: fmt(p50(mAll) / p50(rAll), 2), target: '< 1', met: p50(mAll) < p50(rAll) });
    if (label.startsWith('class-heavy') && !r.codes.some((c) => c.startsWith('S'))) {
      throw new Error(`ruff server reported no S diagnostic on the class-heavy file (codes: ${r.codes.join(' ') || 'none'}): its ruff.toml was not applied`);
    }
  } else {
    rows.push({ section, measure: 'ruff server', value: 'not installed (../shared/tools/install-peers.sh .cache/peers)' });
  }

  ctx.log(`edits: in-process breakdown on ${label} (${inProcessEdits} edits)`);
  const ip = await benchInProcess(text, plan.slice(0, inProcessEdits), 0);
  rows.push({ section, measure: `of which server compute, in process (first ${inProcessEdits} edits + undos): p50 · p95 (ms)`, value: `${fmt(p50(ip.compute), 1)} · ${fmt(p95(ip.compute), 1)}` });
  rows.push({ section, measure: 'of which incremental reparse, bare parser: p50 · p95 (ms)', value: `${fmt(p50(ip.reparse), 2)} · ${fmt(p95(ip.reparse), 2)}` });
  rows.push({ section, measure: 'edits after which the store re-checked the whole file', value: `${ip.fullRechecks} of ${inProcessEdits}` });
}

/** `count` edits typing `x` at the end of a name that is not a definition's, spread over the file. */
async function identifierEnds(text: string, count: number): Promise<PlannedEdit[]> {
  await loadPython();
  const tree = parsePython(text);
  try {
    const ids = tree.rootNode.descendantsOfType('identifier').filter((n) => n?.parent && !['function_definition', 'class_definition', 'dotted_name', 'aliased_import'].includes(n.parent.type));
    return Array.from({ length: count }, (_, k) => ({ kind: 'identifier char' as const, offset: ids[Math.floor(((k + 0.5) * ids.length) / count)]!.endIndex, text: 'x' }));
  } finally {
    tree.delete();
  }
}

export async function editsSection(ctx: BenchContext, rows: Row[]): Promise<void> {
  const count = ctx.quick ? 50 : 200;
  const inProcess = ctx.quick ? 20 : 50;
  const model = generateModelFile(MODEL_FILE_SEED, { lines: 7000, unsafeSites: 6 });
  await oneFile(ctx, rows, 'class-heavy model module (4 classes)', 'ranking_pipeline.py', model, count, inProcess);
  const dec = pydecimalPath();
  if (dec) await oneFile(ctx, rows, '_pydecimal.py', '_pydecimal.py', fs.readFileSync(dec, 'utf8'), count, inProcess);
  else rows.push({ section: 'edit → diagnostics: _pydecimal.py', measure: 'skipped', value: 'python3 cannot import _pydecimal' });

  // Wasm memory across many edits, on a file of many small functions, typing at the ends of names
  // (fast to edit in process; the question is only whether trees are freed).
  const leak = ctx.quick ? 1000 : 4000;
  ctx.log(`edits: wasm memory across ${leak} edits and undos`);
  const small = generateFile(7, 'hf', 7000, 0.05);
  const ip = await benchInProcess(small, await identifierEnds(small, 100), leak);
  const grew = ip.wasmAfter - ip.wasmBefore;
  rows.push({
    section: 'edit → diagnostics: in process',
    measure: `wasm memory before → after ${leak.toLocaleString('en-US')} edits and undos (MB)`,
    value: `${fmt(mb(ip.wasmBefore), 1)} → ${fmt(mb(ip.wasmAfter), 1)}`,
    target: 'no growth',
    met: grew <= 0,
  });
}
