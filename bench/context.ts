// What every section of `npm run bench` shares: where things are, the flags, the peers, the log.
import * as os from 'os';
import * as path from 'path';
import type { Peer } from './peers';
import { quantile } from './stats';

export interface BenchContext {
  /** The repository (dist/ holds the bundle measured). */
  root: string;
  /** The bench's scratch folder in the OS temp folder (outside any repository). */
  work: string;
  quick: boolean;
  cores: number;
  ruff?: Peer;
  bandit?: Peer;
  log: (s: string) => void;
  /** `--parse-budget <ms>`: the editor budget handed to mlsec's server (initializationOptions); default: its own. */
  parseBudgetMs?: number;
}

export const serverJs = (ctx: BenchContext) => path.join(ctx.root, 'dist', 'server.js');
export const cliJs = (ctx: BenchContext) => path.join(ctx.root, 'dist', 'mlsec.js');
export const p50 = (xs: number[]) => quantile(xs, 0.5);
export const p95 = (xs: number[]) => quantile(xs, 0.95);
export const mb = (bytes: number) => bytes / 1048576;
export const loadAverage = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

/** A row that fails loudly when the server gave up on the file (ML900: over its time budget): the
 *  timings next to it then measure a server that did not analyse. */
export function analysedRow(section: string, what: string, codes: string[]): { section: string; measure: string; value: string; target: string; met: boolean } {
  const gaveUp = codes.includes('ML900');
  return { section, measure: `mlsec analysed ${what} (no ML900 "not analysed")`, value: gaveUp ? 'no: ML900, the figures here do not measure analysis' : 'yes', target: 'yes', met: !gaveUp };
}
