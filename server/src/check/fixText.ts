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

/**
 * One edit that turns `before` into `after`: the span between their common prefix and suffix. What a
 * workspace edit carries, so an open editor keeps its cursor and the preview shows only that span.
 */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a CRLF or a surrogate pair: back off to the pair's first unit.
  if (start > 0 && isPairStart(before, start - 1)) start--;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && isPairStart(before, before.length - end - 1)) end--;
  return { range: { start: positionAt(before, start), end: positionAt(before, before.length - end) }, newText: after.slice(start, after.length - end) };
}

function isPairStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c === 13 && text.charCodeAt(i + 1) === 10) || (c >= 0xd800 && c <= 0xdbff);
}

/** Line and UTF-16 column of an offset; `\r\n`, `\r` and `\n` each end a line, as in LSP. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}
