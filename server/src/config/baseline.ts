// Baselines: known findings recorded once, so a legacy codebase can adopt mlsec and see only new
// problems. A finding is matched by its file's path relative to the baseline's folder, its code and
// the text of its line with whitespace collapsed: not by line number, so edits elsewhere in the file
// do not break the match. The same (path, code, text) found N times in the baseline matches at most
// N findings: a second copy of a known problem is new.
//
// File format (JSON, UTF-8):
//   {
//     "tool": "mlsec",
//     "baselineVersion": 1,
//     "findings": [ { "path": "src/train.py", "code": "B614", "line": "state = torch.load(p)" }, … ]
//   }
// `findings` is sorted by path, code, line; a finding seen twice is listed twice.
import * as path from 'path';
import type { FileResult } from '../workspace/scanner';
import type { Finding } from '../analysis/types';
import { findingLinesOf } from '../notebook/lines';
import { MAX_BASELINE_BYTES, readRegularFile } from '../workspace/safeRead';
import { writeFileViaRename } from '../workspace/safeWrite';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  path: string;
  code: string;
  line: string;
}

export interface Baseline {
  file: string;
  entries: BaselineEntry[];
}

export class BaselineError extends Error {}

export function normalizeLineText(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

function relPath(baseDir: string, file: string): string {
  return path.relative(baseDir, file).split(path.sep).join('/');
}

function key(e: BaselineEntry): string {
  return `${e.path}\u0000${e.code}\u0000${e.line}`;
}

/** Reads the source lines of a scanned file (again) to key its findings: a notebook's per cell. */
function lineTextOf(file: string): (f: Finding) => string {
  const linesOf = findingLinesOf(file);
  return (f) => linesOf(f)[f.range.start.line] ?? '';
}

/** Baseline entries for the active (not suppressed) findings, paths relative to `baseDir`. */
export function baselineEntries(results: FileResult[], baseDir: string): BaselineEntry[] {
  const entries: BaselineEntry[] = [];
  for (const r of results) {
    const active = r.findings.filter((f) => !f.suppressedBy);
    if (active.length === 0) continue;
    const lineOf = lineTextOf(r.file);
    for (const f of active) entries.push({ path: relPath(baseDir, r.file), code: f.code, line: normalizeLineText(lineOf(f)) });
  }
  return entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function writeBaseline(file: string, results: FileResult[]): number {
  const entries = baselineEntries(results, path.dirname(path.resolve(file)));
  writeFileViaRename(file, JSON.stringify({ tool: 'mlsec', baselineVersion: BASELINE_VERSION, findings: entries }, null, 2) + '\n');
  return entries.length;
}

export function loadBaseline(file: string): Baseline {
  // Read safely (a baseline may be a committed link to /dev/zero), and never quoted back: a path
  // such as /etc/passwd given as a baseline must not have its content echoed into a CI log.
  const read = readRegularFile(file, MAX_BASELINE_BYTES);
  if (!read.ok) throw new BaselineError(`${file}: cannot read baseline: ${read.code === 'ENOENT' ? 'ENOENT' : read.reason}`);
  let doc: unknown;
  try {
    doc = JSON.parse(read.bytes.toString('utf8'));
  } catch {
    throw new BaselineError(`${file}: not a JSON baseline`);
  }
  const d = doc as { tool?: unknown; baselineVersion?: unknown; findings?: unknown };
  if (!d || typeof d !== 'object' || d.tool !== 'mlsec' || !Array.isArray(d.findings)) {
    throw new BaselineError(`${file}: not an mlsec baseline (expected {"tool": "mlsec", "baselineVersion": ${BASELINE_VERSION}, "findings": [...]})`);
  }
  if (d.baselineVersion !== BASELINE_VERSION) {
    throw new BaselineError(`${file}: baseline version ${String(d.baselineVersion)} is not supported (this mlsec reads version ${BASELINE_VERSION})`);
  }
  const entries: BaselineEntry[] = [];
  for (const [i, e] of (d.findings as unknown[]).entries()) {
    const x = e as Partial<BaselineEntry>;
    if (!x || typeof x.path !== 'string' || typeof x.code !== 'string' || typeof x.line !== 'string') {
      throw new BaselineError(`${file}: finding #${i + 1} needs string "path", "code" and "line"`);
    }
    entries.push({ path: x.path, code: x.code, line: normalizeLineText(x.line) });
  }
  return { file: path.resolve(file), entries };
}

/**
 * Drops the findings a baseline already lists (suppressed findings shown in audit mode are left
 * as they are). Returns the filtered results and how many findings matched.
 */
export function filterByBaseline(results: FileResult[], baseline: Baseline): { results: FileResult[]; matched: number } {
  const remaining = new Map<string, number>();
  for (const e of baseline.entries) remaining.set(key(e), (remaining.get(key(e)) ?? 0) + 1);
  const baseDir = path.dirname(baseline.file);
  let matched = 0;
  const out = results.map((r) => {
    if (!r.findings.some((f) => !f.suppressedBy)) return r;
    const lineOf = lineTextOf(r.file);
    const findings = r.findings.filter((f) => {
      if (f.suppressedBy) return true;
      const k = key({ path: relPath(baseDir, r.file), code: f.code, line: normalizeLineText(lineOf(f)) });
      const n = remaining.get(k) ?? 0;
      if (n === 0) return true;
      remaining.set(k, n - 1);
      matched++;
      return false;
    });
    return { ...r, findings };
  });
  return { results: out, matched };
}

export interface BaselineOptions {
  /** `--baseline FILE` (absolute): applies to every file; an unreadable file is an error. */
  baseline?: string;
  /** `--write-baseline FILE` (absolute): record the findings; nothing is filtered. */
  writeBaseline?: string;
  /** The baseline a file's project config names (`[tool.mlsec] baseline`), if any. */
  projectBaseline: (file: string) => string | undefined;
  /** Progress and problems for stderr. */
  note: (message: string) => void;
}

/**
 * The CLI's baseline step: write a baseline, or filter by the one given on the command line, or by
 * those the projects' configs name (a missing or broken one is reported and skipped).
 * Throws BaselineError when the baseline named on the command line cannot be used.
 */
export function applyBaselineOptions(results: FileResult[], opts: BaselineOptions): FileResult[] {
  if (opts.writeBaseline) {
    const n = writeBaseline(opts.writeBaseline, results);
    opts.note(`wrote ${n} finding${n === 1 ? '' : 's'} to the baseline ${opts.writeBaseline}`);
    return results;
  }
  let matched = 0;
  if (opts.baseline) {
    const r = filterByBaseline(results, loadBaseline(opts.baseline));
    results = r.results;
    matched = r.matched;
  } else {
    const byBaseline = new Map<string, FileResult[]>();
    for (const r of results) {
      const b = opts.projectBaseline(r.file);
      if (!b) continue;
      const list = byBaseline.get(b);
      if (list) list.push(r);
      else byBaseline.set(b, [r]);
    }
    const replaced = new Map<FileResult, FileResult>();
    for (const [file, group] of byBaseline) {
      let baseline: Baseline;
      try {
        baseline = loadBaseline(file);
      } catch (e) {
        opts.note(`${(e as Error).message}; findings of its project are not filtered`);
        continue;
      }
      const r = filterByBaseline(group, baseline);
      r.results.forEach((x, i) => replaced.set(group[i], x));
      matched += r.matched;
    }
    results = results.map((r) => replaced.get(r) ?? r);
  }
  if (matched > 0) opts.note(`${matched} finding${matched === 1 ? '' : 's'} matched the baseline and ${matched === 1 ? 'is' : 'are'} not shown`);
  return results;
}
