// `--statistics`: one line per rule code instead of one per finding, as Ruff's `--statistics` gives:
// how many findings, and how many of them `mlsec scan --fix` would fix (a safe fix without a
// placeholder). Suppressed findings (audit mode) are not counted: they do not fail the run either.
import type { FileResult } from '../../workspace/scanner';
import type { Finding } from '../../analysis/types';

export interface CodeStatistics {
  code: string;
  name: string;
  count: number;
  fixable: number;
}

function safelyFixable(f: Finding): boolean {
  return f.fixes.some((x) => x.safety === 'safe' && !x.snippet && x.edits.length > 0);
}

/** Sorted by count (most first), then code. */
export function statisticsOf(results: FileResult[]): CodeStatistics[] {
  const byCode = new Map<string, CodeStatistics>();
  for (const r of results) {
    for (const f of r.findings) {
      if (f.suppressedBy) continue;
      const s = byCode.get(f.code) ?? { code: f.code, name: f.name, count: 0, fixable: 0 };
      s.count++;
      if (safelyFixable(f)) s.fixable++;
      byCode.set(f.code, s);
    }
  }
  return [...byCode.values()].sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export function formatStatisticsText(results: FileResult[]): string {
  const stats = statisticsOf(results);
  if (stats.length === 0) return 'No problems found.\n';
  const countWidth = Math.max(5, ...stats.map((s) => String(s.count).length));
  const codeWidth = Math.max(4, ...stats.map((s) => s.code.length));
  const nameWidth = Math.max(4, ...stats.map((s) => s.name.length));
  const row = (count: string, code: string, name: string, fixable: string) => `${count.padStart(countWidth)}  ${code.padEnd(codeWidth)}  ${name.padEnd(nameWidth)}  ${fixable.padStart(7)}`;
  const lines = [row('count', 'code', 'name', 'fixable')];
  for (const s of stats) lines.push(row(String(s.count), s.code, s.name, String(s.fixable)));
  const total = stats.reduce((n, s) => n + s.count, 0);
  const fixable = stats.reduce((n, s) => n + s.fixable, 0);
  lines.push('', `${total} problem${total === 1 ? '' : 's'}, ${fixable} fixable with \`mlsec scan --fix\`.`);
  return lines.join('\n') + '\n';
}

export function formatStatisticsJson(results: FileResult[]): string {
  return JSON.stringify(statisticsOf(results), null, 2) + '\n';
}
