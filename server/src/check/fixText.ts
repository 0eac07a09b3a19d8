// The fix engine shared by `mlsec scan --fix` and the editor's workspace commands: fix → re-analyse
// over a few rounds so overlapping fixes converge instead of colliding; safe fixes only unless unsafe
// ones are asked for; never a snippet placeholder; never a result that parses worse than the text did.
import { rulesForText } from '../analysis/engine';
import { analyzeSourceSync } from './source';
import type { AnalysisConfig } from '../config/analysisConfig';
import type { Finding, Fix, TextEdit } from '../analysis/types';
import type { Rule } from '../rules/rule';
import { applyFixesChecked, mergeFixes } from '../fixes/merge';
import { DEFAULT_PARSE_BUDGET_MS } from '../analysis/parser';
import { configuredRules } from './source';
import { applyEdits, documentOf } from '../fixes/offsets';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export const MAX_FIX_ROUNDS = 4;

export interface FixOptions {
  unsafe: boolean;
  /** Rules to run (tests); the enabled rules of the registry by default. */
  rules?: readonly Rule[];
  rounds?: number;
  parseBudgetMs?: number;
}

export interface TextFixResult {
  text: string;
  counts: Map<string, number>;
  total: number;
  /** Fixes left out because the text would no longer parse. */
  refused: number;
  /** Findings left that only an unsafe fix would fix (when unsafe fixes were not allowed). */
  unsafeFixable: number;
}

/** Fixes `text` in memory: fix → re-analyse, until nothing more applies or the rounds run out. */
export function fixText(text: string, config: AnalysisConfig, options: FixOptions): TextFixResult {
  const counts = new Map<string, number>();
  let total = 0;
  let refused = 0;
  const rules = options.rules ?? configuredRules(config);
  const analyse = (t: string): Finding[] => {
    const forText = rulesForText(t, rules, config);
    if (forText.length === 0) return [];
    // Parse and analysis both under the scan's budget: a hostile file cannot hold `--fix` forever (it is
    // left unfixed, and the report after the fixes shows it as ML900).
    const budget = options.parseBudgetMs ?? DEFAULT_PARSE_BUDGET_MS;
    const analysis = analyzeSourceSync(t, { config, rules: forText, parseBudgetMs: budget, budgetMs: budget });
    return analysis.skipped ? [] : analysis.findings;
  };
  let findings = analyse(text);
  for (let round = 0; round < (options.rounds ?? MAX_FIX_ROUNDS); round++) {
    const merged = mergeFixes(findings, { unsafe: options.unsafe });
    if (merged.length === 0) break;
    const result = applyFixesChecked(text, merged);
    refused = result.refused.length; // the last round's count: earlier refusals may have been retried
    if (result.applied.length === 0 || result.text === text) break;
    for (const c of result.applied) counts.set(c.finding.code, (counts.get(c.finding.code) ?? 0) + 1);
    total += result.applied.length;
    text = result.text;
    findings = analyse(text);
  }
  const usable = (f: Fix) => f.edits.length > 0 && !f.snippet;
  const unsafeFixable = options.unsafe
    ? 0
    : findings.filter((f) => !f.suppressedBy && !f.fixes.some((x) => usable(x) && x.safety === 'safe') && f.fixes.some((x) => usable(x) && x.safety === 'unsafe')).length;
  return { text, counts, total, refused, unsafeFixable };
}

/** The one edit between the common prefix and the common suffix of two texts (undefined when equal). */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  return spanEdit(before, after, 0, before.length, 0, after.length, documentOf(before));
}

/** How far ahead (in lines, on each side) a hunk looks for the texts to agree again. */
const RESYNC_WINDOW = 64;

/**
 * The edits from `before` to `after`, one per changed stretch of lines, each trimmed to what changed:
 * what a reviewer sees in the editor's refactor preview, instead of one span from the first change in
 * the file to the last. Lines are compared whole; after a difference, the next place where two
 * consecutive lines agree (within RESYNC_WINDOW lines on each side) ends the hunk. The edits are
 * checked to give `after` exactly; otherwise the one minimal edit is returned.
 */
export function changedHunks(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = linesOf(before);
  const b = linesOf(after);
  const doc = documentOf(before);
  const edits: TextEdit[] = [];
  let i = 0;
  let j = 0;
  let ao = 0;
  let bo = 0;
  const same = (x: number, y: number) => (x >= a.length && y >= b.length) || (x < a.length && y < b.length && a[x] === b[y]);
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ao += a[i++].length;
      bo += b[j++].length;
      continue;
    }
    // A hunk starts here: find the nearest (di, dj) where both texts agree for two lines (or both end).
    let resync: [number, number] | undefined;
    for (let d = 1; d <= 2 * RESYNC_WINDOW && !resync; d++) {
      for (let di = Math.max(0, d - RESYNC_WINDOW); di <= Math.min(d, RESYNC_WINDOW); di++) {
        const dj = d - di;
        if (same(i + di, j + dj) && same(i + di + 1, j + dj + 1)) {
          resync = [di, dj];
          break;
        }
      }
    }
    const [di, dj] = resync ?? [a.length - i, b.length - j];
    let aEnd = ao;
    for (let k = 0; k < di; k++) aEnd += a[i + k].length;
    let bEnd = bo;
    for (let k = 0; k < dj; k++) bEnd += b[j + k].length;
    const edit = spanEdit(before, after, ao, aEnd, bo, bEnd, doc);
    if (edit) edits.push(edit);
    i += di;
    j += dj;
    ao = aEnd;
    bo = bEnd;
  }
  try {
    if (applyEdits(before, edits) === after) return edits;
  } catch {
    /* overlapping: fall back */
  }
  const one = minimalEdit(before, after);
  return one ? [one] : [];
}

/** Lines with their terminators (`\r\n`, `\n` or a lone `\r`), so that they join back to the text. */
function linesOf(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) {
      out.push(text.slice(start, k + 1));
      start = k + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/**
 * The edit replacing before[aStart, aEnd) by after[bStart, bEnd), trimmed of what the two share at
 * either end — never splitting a CRLF or a surrogate pair. Undefined when the stretches are equal.
 */
function spanEdit(before: string, after: string, aStart: number, aEnd: number, bStart: number, bEnd: number, doc: TextDocument): TextEdit | undefined {
  let start = 0;
  const max = Math.min(aEnd - aStart, bEnd - bStart);
  while (start < max && before.charCodeAt(aStart + start) === after.charCodeAt(bStart + start)) start++;
  if (start > 0 && isPairStart(before, aStart + start - 1)) start--;
  let end = 0;
  while (end < max - start && before.charCodeAt(aEnd - 1 - end) === after.charCodeAt(bEnd - 1 - end)) end++;
  if (end > 0 && isPairStart(before, aEnd - end - 1)) end--;
  const from = aStart + start;
  const to = aEnd - end;
  const newText = after.slice(bStart + start, bEnd - end);
  if (from === to && newText === '') return undefined;
  return { range: { start: doc.positionAt(from), end: doc.positionAt(to) }, newText };
}

function isPairStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c === 13 && text.charCodeAt(i + 1) === 10) || (c >= 0xd800 && c <= 0xdbff);
}
