// Which rules run when the configuration names no codes. Two profiles:
//
//   default  what a reviewer acts on in the editor: every rule except the low-severity checks that
//            report a habit rather than a flaw — `assert` (B101), the `random` module (B311), imports
//            of modules whose dangerous calls other rules already report (B401–B415), and subprocess
//            calls without a shell (B603) or with a bare program name (B607).
//   bandit   exactly what Bandit 1.9.4 would run: its checks (under its IDs), the mlsec findings Bandit
//            reports under one of its IDs (ML101 is part of B615, ML201 of B310), and ML900 — a file
//            that was not analysed is never silent. A Bandit config's `tests`/`skips` select among them.
//
// `select = ["ALL"]` turns every rule on, in either profile.
import { banditParentOf, BANDIT_TEST_IDS } from './banditTests';

export type Profile = 'default' | 'bandit';
export const PROFILES: readonly Profile[] = ['default', 'bandit'];

/** Checks the default profile leaves out unless selected by name (exact code or prefix). */
export const DEFAULT_PROFILE_OFF: ReadonlySet<string> = new Set([
  'B101',
  'B311',
  'B401',
  'B402',
  'B403',
  'B404',
  'B405',
  'B406',
  'B407',
  'B408',
  'B409',
  'B410',
  'B411',
  'B412',
  'B413',
  'B415',
  'B603',
  'B607',
]);

/** The code a Bandit selection speaks about: the Bandit ID itself, or the one Bandit reports `code` under. */
export function banditCodeOf(code: string): string | undefined {
  if (BANDIT_TEST_IDS.has(code)) return code;
  return banditParentOf(code);
}

/** Whether a code runs in `profile` when the configuration selects nothing. */
export function inProfile(code: string, profile: Profile): boolean {
  if (profile === 'bandit') return code === 'ML900' || banditCodeOf(code) !== undefined;
  return !DEFAULT_PROFILE_OFF.has(code);
}
