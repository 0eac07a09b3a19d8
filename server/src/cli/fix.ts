// `mlsec scan --fix` / `--unsafe-fixes`: applies the rules' fixes to files on disk. Safe fixes only
// unless unsafe ones are asked for; never a snippet placeholder (a `revision="COMMIT_SHA"` written to
// disk is not a fix); never a result that parses worse than the file did. Fixes that overlap are
// applied over a few rounds of fix → re-analyse, so they converge instead of colliding.
import * as fs from 'fs';
import { loadPython } from '../analysis/parser';
import type { AnalysisConfig } from '../config/analysisConfig';
import { fixText, FixOptions } from '../check/fixText';
import { isInsideRoot } from '../workspace/discovery';
import { decodeSource, encodeSource, MAX_FILE_BYTES } from '../workspace/readSource';
import { openRegular, readCapped } from '../workspace/safeRead';
import { replaceFile } from './replaceFile';
import { displayPath } from './formats/text';
import { isNotebookFile, decodeNotebookText } from '../notebook/read';
import { fixNotebookText } from '../notebook/fix';

// The fix loop lives in check/ (the editor's workspace commands use it too); re-exported for callers.
export { fixText } from '../check/fixText';
export type { FixOptions } from '../check/fixText';

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

/**
 * Fixes one file on disk, keeping its encoding, byte-order mark and line endings; writes only when
 * something changed, atomically (replaceFile.ts), and only if the file still holds what was analysed.
 * `root`: the real path of the scanned folder the file was found in; a file whose real path has left
 * it (a link, retargeted or not) is never written.
 */
export function fixFile(file: string, config: AnalysisConfig, options: FixOptions, root?: string): FileFixResult {
  const empty = { file, counts: new Map<string, number>(), total: 0, refused: 0, unsafeFixable: 0 };
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (e) {
    return { ...empty, problem: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  if (root !== undefined && !isInsideRoot(real, root)) return { ...empty, problem: 'link leaves the scanned folder; not written' };
  // Non-blocking open and fstat: a FIFO or a link to a device is refused at once, never read.
  const opened = openRegular(real);
  if (!opened.ok) return { ...empty, problem: opened.reason };
  let read;
  try {
    read = readCapped(opened.fd, opened.stat, MAX_FILE_BYTES);
  } finally {
    fs.closeSync(opened.fd);
  }
  if (!read.ok) return { ...empty, problem: read.reason };
  // A notebook is fixed cell by cell and only its changed `source` strings are rewritten (notebook/fix.ts).
  const notebook = isNotebookFile(file);
  const decoded = notebook ? decodeNotebookText(read.bytes) : decodeSource(read.bytes);
  if (!decoded.ok) return { ...empty, problem: decoded.reason };
  const fixed = notebook ? fixNotebookText(decoded.text, config, options) : fixText(decoded.text, config, options);
  if ('problem' in fixed) return { ...empty, problem: fixed.problem };
  if (fixed.total === 0) return { ...empty, refused: fixed.refused, unsafeFixable: fixed.unsafeFixable };
  const encoded = encodeSource(fixed.text, notebook || !('encoding' in decoded) ? { encoding: 'utf-8', bom: decoded.bom } : { encoding: decoded.encoding as string, bom: decoded.bom });
  if (!encoded.ok) return { ...empty, problem: `${encoded.reason}; not written` };
  const problem = replaceFile(real, read.bytes, read.stat, encoded.bytes);
  if (problem) return { ...empty, problem };
  return { file, counts: fixed.counts, total: fixed.total, refused: fixed.refused, unsafeFixable: fixed.unsafeFixable };
}

/** `rootOf(file)`: the real path of the scanned folder `file` was found in (see fixFile). */
export async function fixFiles(files: string[], configFor: (file: string) => AnalysisConfig, options: FixOptions, rootOf?: (file: string) => string | undefined): Promise<FileFixResult[]> {
  await loadPython();
  return files.map((file) => fixFile(file, configFor(file), options, rootOf?.(file)));
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
  if (unsafe > 0) out += `${unsafe} more ${unsafe === 1 ? 'problem has an unsafe fix' : 'problems have unsafe fixes'}: review ${unsafe === 1 ? 'it' : 'them'}, or rerun with --unsafe-fixes.\n`;
  const refused = results.reduce((n, r) => n + r.refused, 0);
  if (refused > 0) out += `${refused} fix${refused === 1 ? ' was' : 'es were'} not applied: the file would no longer parse.\n`;
  return out;
}
