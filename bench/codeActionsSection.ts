// Section `codeactions`: textDocument/codeAction per cursor move, client-observed, on the class-heavy
// model module seeded with ~100 findings — empty ranges, no `only` (VS Code on a selection change),
// once with no diagnostic in the context and once with the diagnostic at the cursor — and one file
// with 20,000 findings: one fix-all request (`only: source.fixAll`) and one cursor request.
// `ruff server` takes the same cursor moves (its S diagnostics, so fewer of them).
import * as path from 'path';
import { runDriver, CodeActionsResult, ServerSpec } from './driver';
import { generateModelFile } from './modelCode';
import { generateManyFindings } from './manyFindings';
import { lspServers, MODEL_FILE_SEED } from './editsSection';
import { BenchContext, p50, p95, analysedRow } from './context';
import { rng } from './random';
import { Row, fmt } from './stats';

/** Unsafe call sites that give the model module about 100 mlsec findings. */
const UNSAFE_SITES = 92;

export async function codeActionsSection(ctx: BenchContext, rows: Row[]): Promise<void> {
  const text = generateModelFile(MODEL_FILE_SEED, { lines: 7000, unsafeSites: UNSAFE_SITES });
  const r = rng(1602);
  const moves = ctx.quick ? 50 : 200;
  const cursors = Array.from({ length: moves }, () => Math.floor(r() * text.length));
  const many = ctx.quick ? 5000 : 20000;
  const big = { name: 'many_findings.py', text: generateManyFindings(many) };
  const servers = lspServers(ctx);
  const scenario = (server: ServerSpec, withBig: boolean) => ({
    kind: 'codeActions' as const,
    server,
    file: path.join(server.root, 'ranking_pipeline.py'),
    text,
    cursors,
    atDiagnostics: moves,
    big: withBig ? { file: path.join(server.root, big.name), text: big.text } : undefined,
    timeoutMs: 600_000,
  });
  const section = `code actions: class-heavy module (${(text.split('\n').length - 1).toLocaleString('en-US')} lines)`;

  ctx.log(`code actions: mlsec, ${moves} + ${moves} cursor moves, then a file with ${many} findings`);
  const m = await runDriver<CodeActionsResult>(scenario(servers.mlsec, true));
  const empty = m.empty.map((s) => s.ms);
  const withD = m.withDiagnostic.map((s) => s.ms);
  rows.push({ section, measure: 'mlsec findings on the file', value: `${m.items} (${m.codes.join(' ')})`, target: '~100' });
  rows.push(analysedRow(section, 'the file', m.codes));
  rows.push({ section, measure: `mlsec: cursor move, no diagnostic in context: p50 · p95 (ms)`, value: `${fmt(p50(empty), 1)} · ${fmt(p95(empty), 1)}`, target: 'p50 ≤ 5', met: p50(empty) <= 5 });
  rows.push({
    section,
    measure: `mlsec: cursor on a finding, its diagnostic in context: p50 · p95 (ms)`,
    value: `${fmt(p50(withD), 1)} · ${fmt(p95(withD), 1)}`,
    target: 'p50 ≤ 5',
    met: p50(withD) <= 5,
  });
  rows.push({
    section,
    measure: 'mlsec: actions per request, without · with diagnostic (median)',
    value: `${fmt(p50(m.empty.map((s) => s.actions)), 0)} · ${fmt(p50(m.withDiagnostic.map((s) => s.actions)), 0)}`,
  });
  if (servers.ruff) {
    ctx.log('code actions: ruff server, the same cursor moves');
    const rr = await runDriver<CodeActionsResult>(scenario(servers.ruff, false));
    const re = rr.empty.map((s) => s.ms);
    const rd = rr.withDiagnostic.map((s) => s.ms);
    rows.push({ section, measure: `ruff server: S diagnostics · cursor move p50 · p95, no diagnostic (ms)`, value: `${rr.items} · ${fmt(p50(re), 1)} · ${fmt(p95(re), 1)}` });
    rows.push({ section, measure: 'ruff server: cursor on a finding: p50 · p95 (ms)', value: `${fmt(p50(rd), 1)} · ${fmt(p95(rd), 1)}` });
  }
  if (m.big) {
    const bs = `code actions: ${many.toLocaleString('en-US')} findings in one file`;
    rows.push({ section: bs, measure: 'mlsec: diagnostics pulled · didOpen → diagnostics (ms)', value: `${m.big.findings} · ${fmt(m.big.openMs, 0)}` });
    rows.push(analysedRow(bs, 'the file', m.big.codes));
    rows.push({
      section: bs,
      measure: 'mlsec: one request, only source.fixAll (ms) · edits in it',
      value: `${fmt(m.big.fixAll.ms, 0)} · ${m.big.fixAll.edits}`,
      target: many === 20000 ? '< 1,000' : '(20,000 in a full run)',
      met: many === 20000 ? m.big.fixAll.ms < 1000 : undefined,
    });
    rows.push({
      section: bs,
      measure: 'mlsec: one cursor request without only, diagnostic in context (ms)',
      value: fmt(m.big.cursor.ms, 0),
      target: many === 20000 ? '< 1,000' : '',
      met: many === 20000 ? m.big.cursor.ms < 1000 : undefined,
    });
  }
}
