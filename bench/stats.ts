// Small statistics and table printing for the benchmark: medians and ranges, never means.
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export function fmt(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return '—';
  if (Math.abs(n) >= 10000) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(digits);
}

/** "median (min–max)" of repeated measurements. */
export function spread(values: readonly number[], digits = 1): string {
  if (values.length === 1) return fmt(values[0], digits);
  return `${fmt(median(values), digits)} (${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)})`;
}

export interface Row {
  section: string;
  measure: string;
  value: string;
  target?: string;
  /** true met, false missed, undefined no target. */
  met?: boolean;
}

export function printTable(rows: readonly Row[], out: (s: string) => void = (s) => process.stdout.write(s)): void {
  const head = ['section', 'measure', 'value', 'target', ''];
  const cells = rows.map((r) => [r.section, r.measure, r.value, r.target ?? '', r.met === undefined ? '' : r.met ? 'met' : 'MISSED']);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |\n`;
  out(line(head));
  out(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
  for (const c of cells) out(line(c));
}

/** Runs `fn` `n` times and returns each duration in ms. */
export async function timeRuns(n: number, fn: () => Promise<unknown> | unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}
