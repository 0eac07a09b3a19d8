// The settings that change what analysis reports. Everything else (where they come from:
// pyproject, .bandit, LSP settings, CLI flags) is merged into this one shape before analysis runs.
import type { Severity } from '../analysis/types';
import { banditCodeOf, inProfile, Profile } from './profiles';

export interface AnalysisConfig {
  /** Which rules run when `select` is empty, and which codes a selection may reach (config/profiles.ts). */
  profile: Profile;
  /** Codes to run; empty means the profile's. Prefixes allowed (`ML1` selects ML101…ML106); `ALL` is every rule. */
  select: string[];
  /** Codes not to run (prefixes allowed). */
  ignore: string[];
  /** Per-code severity overrides. */
  severity: Record<string, Severity>;
  /** Seconds inserted by the timeout fixes. */
  defaultTimeout: number;
  /** Directory prefixes B108 treats as shared temporary directories. */
  tmpDirs: string[];
  /** ML902 reports a nosec without a justification as a warning (otherwise information). */
  requireJustification: boolean;
  /** Audit mode: report findings even where a suppression comment silences them. */
  ignoreSuppressions: boolean;
  /** B110/B112: also report `except SomeError: pass` (Bandit's check_typed_exception). */
  checkTypedException: boolean;
  /**
   * The Hugging Face hub cache folder the pin fixes read (`hf-cache` in [tool.mlsec], the editor's
   * mlsec.huggingFaceCache); absent: `$HF_HUB_CACHE`, `$HF_HOME/hub`, `~/.cache/huggingface/hub`.
   */
  hfCache?: string;
}

export function defaultConfig(): AnalysisConfig {
  return {
    profile: 'default',
    select: [],
    ignore: [],
    severity: {},
    defaultTimeout: 30,
    tmpDirs: ['/tmp', '/var/tmp', '/dev/shm'],
    requireJustification: false,
    ignoreSuppressions: false,
    checkTypedException: false,
  };
}

function matchesCode(code: string, patterns: string[]): boolean {
  return patterns.some((p) => code === p || (p.length > 0 && code.startsWith(p)));
}

/**
 * Whether a rule code is enabled by the profile and select/ignore. In the bandit profile only Bandit's
 * checks run, and a code Bandit reports under another ID follows that ID (`skips = ["B615"]` also
 * skips ML101).
 */
export function isCodeEnabled(code: string, config: AnalysisConfig): boolean {
  const profile = config.profile ?? 'default';
  const all = config.select.includes('ALL');
  if (profile === 'bandit' && !all && !inProfile(code, 'bandit')) return false;
  // In the bandit profile a selection speaks Bandit's IDs: ML101 is selected through B615 only.
  const selectedAs = profile === 'bandit' ? (banditCodeOf(code) ?? code) : code;
  if (config.select.length === 0) {
    if (!inProfile(code, profile)) return false;
  } else if (!all && !matchesCode(selectedAs, config.select)) return false;
  return !matchesCode(code, config.ignore) && !matchesCode(selectedAs, config.ignore);
}
