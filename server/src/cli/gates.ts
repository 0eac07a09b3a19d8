// The gates of `mlsec scan`, named after Bandit's: `--severity-threshold` (Bandit's -l/-ll/-lll) and
// `--confidence-threshold` (-i/-ii/-iii). As in Bandit, a finding below either threshold is not
// reported at all, so it neither shows nor fails the run. mlsec's four LSP severities map onto
// Bandit's three levels: error = HIGH, warning = MEDIUM, information and hint = LOW.
import type { Finding, Severity } from '../analysis/types';
import type { FileResult } from '../workspace/scanner';

export type BanditLevel = 'low' | 'medium' | 'high';
export const BANDIT_LEVELS: readonly BanditLevel[] = ['low', 'medium', 'high'];
export const SEVERITY_LEVEL: Record<Severity, BanditLevel> = { error: 'high', warning: 'medium', information: 'low', hint: 'low' };
const RANK: Record<BanditLevel, number> = { low: 1, medium: 2, high: 3 };

export interface Thresholds {
  severity: BanditLevel;
  confidence: BanditLevel;
}

/** `low`, `medium`, `high` (any case), or Bandit's `all` (= low); undefined for anything else. */
export function parseLevel(value: string): BanditLevel | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'all') return 'low';
  return (BANDIT_LEVELS as readonly string[]).includes(v) ? (v as BanditLevel) : undefined;
}

/** Bandit's counted flags: -l → low, -ll → medium, -lll (or more) → high. */
export function levelFromCount(count: number): BanditLevel {
  return BANDIT_LEVELS[Math.min(count, 3) - 1];
}

export function meetsThresholds(f: Pick<Finding, 'severity' | 'confidence'>, t: Thresholds): boolean {
  return RANK[SEVERITY_LEVEL[f.severity]] >= RANK[t.severity] && RANK[f.confidence] >= RANK[t.confidence];
}

/** The results with the findings below a threshold dropped (files stay, so they still count as scanned). */
export function applyThresholds(results: FileResult[], t: Thresholds): FileResult[] {
  if (t.severity === 'low' && t.confidence === 'low') return results;
  return results.map((r) => ({ ...r, findings: r.findings.filter((f) => meetsThresholds(f, t)) }));
}

export interface ThresholdFlags {
  severityThreshold?: string;
  confidenceThreshold?: string;
  /** How many times Bandit's -l was given (-ll = 2). */
  levelCount?: number;
  /** How many times Bandit's -i was given (-ii = 2). */
  confidenceCount?: number;
}

/** The thresholds the flags ask for, or an error message for a bad value or two flags that disagree. */
export function thresholdsFromFlags(flags: ThresholdFlags): Thresholds | string {
  const pick = (long: string, value: string | undefined, short: string, count: number | undefined): BanditLevel | string => {
    const fromCount = count ? levelFromCount(count) : undefined;
    if (value === undefined) return fromCount ?? 'low';
    const level = parseLevel(value);
    if (!level) return `--${long} wants low, medium or high, not '${value}'`;
    if (fromCount && fromCount !== level) return `--${long} ${value} and -${short.repeat(count!)} disagree`;
    return level;
  };
  const severity = pick('severity-threshold', flags.severityThreshold, 'l', flags.levelCount);
  const confidence = pick('confidence-threshold', flags.confidenceThreshold, 'i', flags.confidenceCount);
  if (!parseLevel(severity)) return severity;
  if (!parseLevel(confidence)) return confidence;
  return { severity: severity as BanditLevel, confidence: confidence as BanditLevel };
}
