// Merge policy: which fixes are applied together (fix-all in the editor, `mlsec scan --fix`), and
// which of them the syntax guard lets through. Work is O(n log n) in the number of fixes: tens of
// thousands of findings in one file must not hold the server.
import type { Finding, Fix, TextEdit } from '../analysis/types';
import { applyEdits, compareEdits, editsOverlap } from './offsets';
import { plainEdits } from './snippets';
import { SyntaxGuard } from './syntaxGuard';

export interface CandidateFix {
  finding: Finding;
  fix: Fix;
}

export interface MergeOptions {
  /** Also take unsafe fixes (the CLI's --unsafe-fixes; a per-code fix-all the user picked). */
  unsafe: boolean;
  /** Take snippet fixes with their placeholders as plain text (never for files on disk). */
  snippets?: boolean;
}

/** An LSP CancellationToken, or anything else that can say "stop". */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

/** Thrown by mergeFixes and applyFixesChecked when their cancellation was requested. */
export class FixesCancelledError extends Error {
  constructor() {
    super('mlsec: fix computation cancelled');
  }
}

function checkCancelled(token: Cancellation | undefined): void {
  if (token?.isCancellationRequested) throw new FixesCancelledError();
}

/** Identity of an edit: range and text (two fixes adding the same `import shlex` share one). */
function editKey(e: TextEdit): string {
  return `${e.range.start.line}:${e.range.start.character}:${e.range.end.line}:${e.range.end.character}:${e.newText}`;
}

/** The fix a merge would take from a finding: its first eligible one. */
export function eligibleFix(finding: Finding, options: MergeOptions): Fix | undefined {
  if (finding.suppressedBy) return undefined;
  return finding.fixes.find((f) => f.edits.length > 0 && (options.unsafe || f.safety === 'safe') && (options.snippets || !f.snippet));
}

/**
 * The edits of fixes applied together, in plain text. An edit two fixes share (both B602 fixes add
 * the same `import shlex` line) is applied once.
 */
export function combinedEdits(fixes: readonly CandidateFix[]): TextEdit[] {
  const seen = new Set<string>();
  const out: TextEdit[] = [];
  for (const c of fixes) {
    for (const e of plainEdits(c.fix)) {
      const key = editKey(e);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(e);
    }
  }
  return out;
}

/**
 * The set of edits taken so far, over a fixed order of every edit that may be taken (a Fenwick tree
 * of marks): finding the taken edits just before and after a position is O(log n).
 */
class TakenEdits {
  private readonly tree: Int32Array;
  private readonly taken: Uint8Array;
  private readonly top: number;

  constructor(private readonly order: readonly TextEdit[]) {
    this.tree = new Int32Array(order.length + 1);
    this.taken = new Uint8Array(order.length);
    let top = 1;
    while (top * 2 <= order.length) top *= 2;
    this.top = top;
  }

  has(i: number): boolean {
    return this.taken[i] === 1;
  }

  add(i: number): void {
    if (this.taken[i]) return;
    this.taken[i] = 1;
    for (let k = i + 1; k < this.tree.length; k += k & -k) this.tree[k]++;
  }

  /** How many taken edits are at indexes below `i`. */
  private countBelow(i: number): number {
    let sum = 0;
    for (let k = i; k > 0; k -= k & -k) sum += this.tree[k];
    return sum;
  }

  /** Index of the n-th taken edit (1-based n), or -1. */
  private nth(n: number): number {
    let pos = 0;
    for (let step = this.top; step > 0; step >>= 1) {
      if (pos + step < this.tree.length && this.tree[pos + step] < n) {
        pos += step;
        n -= this.tree[pos];
      }
    }
    return pos < this.order.length ? pos : -1;
  }

  /** The taken edits nearest to index `i` on either side (at most two). */
  neighbours(i: number): TextEdit[] {
    const below = this.countBelow(i);
    const out: TextEdit[] = [];
    if (below > 0) out.push(this.order[this.nth(below)]);
    const next = this.nth(below + (this.taken[i] ? 2 : 1));
    if (next !== -1) out.push(this.order[next]);
    return out;
  }
}

/**
 * The fixes that can be applied together: each finding's first eligible fix, safe ones only unless
 * `unsafe`, in position order; a fix whose edits overlap an edit already taken is dropped whole
 * (an identical edit is shared, not a conflict). The edits taken never conflict with each other, so
 * they have distinct starts, and an edit that conflicts with any of them conflicts with the nearest
 * one before or after it in position order: two look-ups per edit instead of a scan.
 */
export function mergeFixes(findings: readonly Finding[], options: MergeOptions, token?: Cancellation): CandidateFix[] {
  const candidates: { c: CandidateFix; edits: TextEdit[] }[] = [];
  for (const finding of findings) {
    const fix = eligibleFix(finding, options);
    if (fix) candidates.push({ c: { finding, fix }, edits: [...plainEdits(fix)].sort(compareEdits) });
  }
  checkCancelled(token);
  candidates.sort(
    (a, b) =>
      compareEdits(a.edits[0], b.edits[0]) ||
      (a.c.finding.code < b.c.finding.code ? -1 : a.c.finding.code > b.c.finding.code ? 1 : 0) ||
      (a.c.fix.title < b.c.fix.title ? -1 : a.c.fix.title > b.c.fix.title ? 1 : 0),
  );

  // Every distinct edit gets its place in position order (ties by text: identical edits are one).
  const index = new Map<string, number>();
  const order: TextEdit[] = [];
  const all = candidates.flatMap((x) => x.edits).sort((a, b) => compareEdits(a, b) || (a.newText < b.newText ? -1 : a.newText > b.newText ? 1 : 0));
  for (const e of all) {
    const key = editKey(e);
    if (!index.has(key)) {
      index.set(key, order.length);
      order.push(e);
    }
  }
  checkCancelled(token);

  const taken = new TakenEdits(order);
  const accepted: CandidateFix[] = [];
  for (let n = 0; n < candidates.length; n++) {
    if ((n & 1023) === 0) checkCancelled(token);
    const { c, edits } = candidates[n];
    // Sorted, so a fix's own edits conflict only if two neighbours do.
    let ok = edits.every((e, i) => i === 0 || !editsOverlap(edits[i - 1], e));
    const places = edits.map((e) => index.get(editKey(e))!);
    for (let i = 0; ok && i < edits.length; i++) {
      if (taken.has(places[i])) continue; // the same edit, shared
      ok = !taken.neighbours(places[i]).some((t) => editsOverlap(edits[i], t));
    }
    if (!ok) continue;
    for (const p of places) taken.add(p);
    accepted.push(c);
  }
  return accepted;
}

export interface AppliedFixes {
  /** The text with the applied fixes (computed when first read). */
  readonly text: string;
  applied: CandidateFix[];
  /** The edits of the applied fixes together (combinedEdits). */
  edits: TextEdit[];
  /** Fixes left out because the text would no longer parse (or would parse worse). */
  refused: CandidateFix[];
}

/**
 * Applies merged fixes to `text`, refusing fixes whose result has more syntax errors than the text
 * had: a quick fix never leaves a file that no longer parses. All fixes are tried together first;
 * when that result is worse, each half is tried (with the fixes accepted so far), and so on down to
 * single fixes, so k bad fixes among n cost O(k log n) parses rather than n. Every set accepted was
 * checked whole. Without a guard, fresh parses decide.
 */
export function applyFixesChecked(text: string, fixes: readonly CandidateFix[], guard?: SyntaxGuard, token?: Cancellation): AppliedFixes {
  if (fixes.length === 0) return { text, applied: [], refused: [], edits: [] };
  const own = guard ?? new SyntaxGuard(text, false);
  const applied: CandidateFix[] = [];
  const refused: CandidateFix[] = [];
  let edits: TextEdit[] = [];
  const tryGroup = (group: readonly CandidateFix[]): void => {
    checkCancelled(token);
    const candidate = combinedEdits([...applied, ...group]);
    if (own.keeps(candidate)) {
      applied.push(...group);
      edits = candidate;
      return;
    }
    if (group.length === 1) {
      refused.push(group[0]);
      return;
    }
    const half = group.length >> 1;
    tryGroup(group.slice(0, half));
    tryGroup(group.slice(half));
  };
  try {
    tryGroup(fixes);
    let after: string | undefined;
    return {
      get text() {
        return (after ??= applyEdits(text, edits));
      },
      applied,
      refused,
      edits,
    };
  } finally {
    if (!guard) own.dispose();
  }
}
