// The findings of one analysis, indexed for code actions: a cursor move looks up the few findings of
// the diagnostics it was sent, never scans them all. Built once per findings array — the document
// store hands out the same array for every request until the next analysis replaces it, and nothing
// changes one in place — so a request costs the same with 100 or 20,000 findings in the file.
import type { Finding, Fix, Range } from '../analysis/types';
import { eligibleFix } from '../fixes/merge';

export interface FindingIndex {
  /** Every finding (suppressed ones too), by code and start line. */
  byCodeLine: Map<string, Finding[]>;
  /** Unsuppressed findings, in the array's order. */
  active: Finding[];
  /** Unsuppressed findings by code, in the array's order. */
  activeByCode: Map<string, Finding[]>;
  /** Findings whose fix the document-wide fix-all would take (safe, no placeholder). */
  safeFixable: number;
  /** Per code: findings whose fix "fix all of this code" would take (unsafe too, no placeholder). */
  fixableByCode: Map<string, number>;
}

const cache = new WeakMap<readonly Finding[], FindingIndex>();

function codeLineKey(code: string, line: number): string {
  return `${code}\n${line}`;
}

export function findingIndex(findings: readonly Finding[]): FindingIndex {
  const cached = cache.get(findings);
  if (cached) return cached;
  const index: FindingIndex = { byCodeLine: new Map(), active: [], activeByCode: new Map(), safeFixable: 0, fixableByCode: new Map() };
  for (const f of findings) {
    const key = codeLineKey(f.code, f.range.start.line);
    const list = index.byCodeLine.get(key);
    if (list) list.push(f);
    else index.byCodeLine.set(key, [f]);
    if (f.suppressedBy) continue;
    index.active.push(f);
    const ofCode = index.activeByCode.get(f.code);
    if (ofCode) ofCode.push(f);
    else index.activeByCode.set(f.code, [f]);
    if (eligibleFix(f, { unsafe: false })) index.safeFixable++;
    if (eligibleFix(f, { unsafe: true })) index.fixableByCode.set(f.code, (index.fixableByCode.get(f.code) ?? 0) + 1);
  }
  cache.set(findings, index);
  return index;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * The findings a diagnostic the client sent back stands for: same code and range. Some clients send
 * back columns they converted (Neovim 0.7 echoes byte columns on non-ASCII lines): then the one
 * finding of this code on the same lines, but never a guess among several. None for a diagnostic
 * computed for an older text.
 */
export function findingsOfDiagnostic(index: FindingIndex, code: string, range: Range): Finding[] {
  const sameLine = index.byCodeLine.get(codeLineKey(code, range.start.line)) ?? [];
  const exact = sameLine.filter((f) => sameRange(f.range, range));
  if (exact.length > 0) return exact;
  const sameLines = sameLine.filter((f) => f.range.end.line === range.end.line);
  return sameLines.length === 1 ? sameLines : [];
}

/** Whether fixes sent back by a client (any shape) are the same as a finding's. */
export function sameFixes(ours: readonly Fix[], theirs: unknown): boolean {
  if (!Array.isArray(theirs) || theirs.length !== ours.length) return false;
  return ours.every((fix, i) => {
    const other = theirs[i] as Partial<Fix> | null;
    if (!other || other.title !== fix.title || other.safety !== fix.safety || !!other.snippet !== !!fix.snippet) return false;
    if (!Array.isArray(other.edits) || other.edits.length !== fix.edits.length) return false;
    return fix.edits.every((e, k) => {
      const o = other.edits![k] as Partial<typeof e> | null;
      return !!o && o.newText === e.newText && !!o.range && !!o.range.start && !!o.range.end && sameRange(o.range, e.range);
    });
  });
}
