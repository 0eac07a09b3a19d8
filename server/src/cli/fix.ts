// `mlsec scan --fix` / `--unsafe-fixes`: applies the rules' fixes to files on disk. Safe fixes only
// unless unsafe ones are asked for; never a snippet placeholder (a `revision="COMMIT_SHA"` written to
// disk is not a fix); never a result that parses worse than the file did. Fixes that overlap are
// applied over a few rounds of fix → re-analyse, so they converge instead of colliding.
import * as fs from 'fs';
import { loadPython } from '../analysis/parser';
import type { AnalysisConfig } from '../config/analysisConfig';
import { fixText, FixOptions } from '../fixes/fixText';
import { decodeSource } from '../workspace/readSource';
import { displayPath } from './formats/text';

// The engine lives in fixes/ (the editor's workspace commands use it too); re-exported for callers.
export { fixText, MAX_FIX_ROUNDS } from '../fixes/fixText';
export type { FixOptions, TextFixResult } from '../fixes/fixText';

export interface FileFixResult {
  file: string;
  /** Fixes applied, per rule code. */
  counts: Map<string, number>;
  total: number;
  /** Fixes left out because the file would no longer parse. */
  refused: number;
  /** Findings left that `--unsafe-fixes` would fix. */
  unsafeFixable: number;
  /** Why the file was not fixed, when it was not (unreadable, not written). */
  problem?: string;
}

const BOM = '\uFEFF';

/** Fixes one file on disk, keeping its byte-order mark; writes only when something changed. */
export function fixFile(file: string, config: AnalysisConfig, options: FixOptions): FileFixResult {
  const empty = { file, counts: new Map<string, number>(), total: 0, refused: 0, unsafeFixable: 0 };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { ...empty, problem: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  const read = decodeSource(bytes);
  if (!read.ok) return { ...empty, problem: read.reason };
  const fixed = fixText(read.text, config, options);
  if (fixed.total === 0) return { ...empty, refused: fixed.refused, unsafeFixable: fixed.unsafeFixable };
  const hadBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    fs.writeFileSync(file, (hadBom ? BOM : '') + fixed.text, 'utf8');
  } catch (e) {
    return { ...empty, problem: `cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  return { file, counts: fixed.counts, total: fixed.total, refused: fixed.refused, unsafeFixable: fixed.unsafeFixable };
}

export async function fixFiles(files: string[], configFor: (file: string) => AnalysisConfig, options: FixOptions): Promise<FileFixResult[]> {
  await loadPython();
  return files.map((file) => fixFile(file, configFor(file), options));
}

/** `path: fixed N (B113×2, B614×1)` for each changed file, then a total. */
export function formatFixSummary(results: FileFixResult[], cwd: string): string {
  let out = '';
  let total = 0;
  let files = 0;
  for (const r of results) {
    if (r.total === 0) continue;
    const parts = [...r.counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([code, n]) => `${code}×${n}`);
    out += `${displayPath(r.file, cwd)}: fixed ${r.total} (${parts.join(', ')})\n`;
    total += r.total;
    files++;
  }
  out += total === 0 ? 'No fixes applied.\n' : `Fixed ${total} problem${total === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}.\n`;
  const unsafe = results.reduce((n, r) => n + r.unsafeFixable, 0);
  if (unsafe > 0) out += `${unsafe} more ${unsafe === 1 ? 'problem has an unsafe fix' : 'problems have unsafe fixes'}: review them, or rerun with --unsafe-fixes.\n`;
  const refused = results.reduce((n, r) => n + r.refused, 0);
  if (refused > 0) out += `${refused} fix${refused === 1 ? ' was' : 'es were'} not applied: the file would no longer parse.\n`;
  return out;
}
