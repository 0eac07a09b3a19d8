// The editor settings (`mlsec.*`, read per resource with workspace/configuration) and how they
// combine with the project's configuration files. One shape shared by the server and the client.
import { compileGlob, GlobError } from './glob';
import type { Severity } from '../analysis/types';
import type { AnalysisConfig } from './analysisConfig';
import { resolveFolderSetting } from './paths';

export type SeverityName = 'Error' | 'Warning' | 'Information' | 'Hint';

export interface MlsecSettings {
  /** Analyse at all. */
  enable: boolean;
  /** Per-code severity override. */
  severity: Record<string, SeverityName>;
  /** Only these codes (prefixes allowed); empty: the project's selection. */
  select: string[];
  /** Codes to skip, added to the project's. */
  ignore: string[];
  /** Globs of files not to analyse (relative to the workspace folder, or absolute). */
  ignorePatterns: string[];
  /** Scan every Python file of the workspace at start-up. */
  workspaceScan: boolean;
  /** Seconds inserted by timeout fixes; 0: the project's value (default 30). */
  defaultTimeout: number;
  /** Report a nosec without a justification as a warning (either this or the project turns it on). */
  requireJustification: boolean;
  /** The Hugging Face hub cache folder for the pin fixes; '' : the project's `hf-cache`, else the environment. */
  huggingFaceCache: string;
  /** Offer `source.fixAll.mlsec` (fix all safe problems of a file, e.g. on save). */
  fixAll: boolean;
  /** Per-diagnostic code actions, as Ruff's `codeAction.*.enable`: the rule's fixes, the nosec comment. */
  codeAction: { fixViolation: boolean; suppressViolation: boolean };
  /** How much the server writes to the output channel. */
  logLevel: LogLevel;
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

export function defaultSettings(): MlsecSettings {
  return {
    enable: true,
    severity: {},
    select: [],
    ignore: [],
    ignorePatterns: [],
    workspaceScan: true,
    defaultTimeout: 0,
    requireJustification: false,
    huggingFaceCache: '',
    fixAll: true,
    codeAction: { fixViolation: true, suppressViolation: true },
    logLevel: 'info',
  };
}

const SEVERITY_NAMES: Record<string, Severity> = { error: 'error', warning: 'warning', information: 'information', info: 'information', hint: 'hint' };

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.map((v: string) => v.trim()).filter(Boolean) : undefined;
}

/**
 * Reads whatever the client sent (null, a partial object, wrong types) into settings; values of the
 * wrong type fall back to the default and are listed in `problems` so the user can be told.
 */
export function normalizeSettings(raw: unknown, problems: string[] = []): MlsecSettings {
  const s = defaultSettings();
  if (raw === null || raw === undefined) return s;
  if (typeof raw !== 'object') {
    problems.push('mlsec settings must be an object');
    return s;
  }
  const r = raw as Record<string, unknown>;
  const bool = (key: 'enable' | 'workspaceScan' | 'requireJustification' | 'fixAll') => {
    if (r[key] === undefined || r[key] === null) return;
    if (typeof r[key] === 'boolean') s[key] = r[key] as boolean;
    else problems.push(`mlsec.${key} must be true or false`);
  };
  bool('enable');
  bool('workspaceScan');
  bool('requireJustification');
  bool('fixAll');
  readCodeActionToggles(r.codeAction, s, problems);
  if (r.huggingFaceCache !== undefined && r.huggingFaceCache !== null) {
    if (typeof r.huggingFaceCache === 'string') s.huggingFaceCache = r.huggingFaceCache.trim();
    else problems.push('mlsec.huggingFaceCache must be a folder path');
  }
  if (r.logLevel !== undefined && r.logLevel !== null) {
    if (typeof r.logLevel === 'string' && (LOG_LEVELS as string[]).includes(r.logLevel)) s.logLevel = r.logLevel as LogLevel;
    else problems.push(`mlsec.logLevel must be one of ${LOG_LEVELS.join(', ')}`);
  }
  for (const key of ['select', 'ignore', 'ignorePatterns'] as const) {
    if (r[key] === undefined || r[key] === null) continue;
    const list = stringList(r[key]);
    if (list) s[key] = key === 'ignorePatterns' ? list : list.map((c) => c.toUpperCase());
    else problems.push(`mlsec.${key} must be a list of strings`);
  }
  if (r.defaultTimeout !== undefined && r.defaultTimeout !== null) {
    if (typeof r.defaultTimeout === 'number' && Number.isFinite(r.defaultTimeout) && r.defaultTimeout >= 0) s.defaultTimeout = r.defaultTimeout;
    else problems.push('mlsec.defaultTimeout must be a number of seconds');
  }
  if (r.severity !== undefined && r.severity !== null) {
    if (typeof r.severity === 'object' && !Array.isArray(r.severity)) {
      for (const [code, value] of Object.entries(r.severity as Record<string, unknown>)) {
        const sev = typeof value === 'string' ? SEVERITY_NAMES[value.toLowerCase()] : undefined;
        if (sev) s.severity[code.toUpperCase()] = (sev[0].toUpperCase() + sev.slice(1)) as SeverityName;
        else problems.push(`mlsec.severity.${code} must be Error, Warning, Information or Hint`);
      }
    } else problems.push('mlsec.severity must be an object of code → severity');
  }
  return s;
}

/** `mlsec.codeAction.fixViolation.enable` / `mlsec.codeAction.suppressViolation.enable` (nested objects). */
function readCodeActionToggles(raw: unknown, s: MlsecSettings, problems: string[]): void {
  if (raw === undefined || raw === null) return;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('mlsec.codeAction must be an object');
    return;
  }
  for (const key of ['fixViolation', 'suppressViolation'] as const) {
    const v = (raw as Record<string, unknown>)[key];
    if (v === undefined || v === null) continue;
    const enable = typeof v === 'object' ? (v as Record<string, unknown>).enable : undefined;
    if (typeof enable === 'boolean') s.codeAction[key] = enable;
    else if (enable !== undefined) problems.push(`mlsec.codeAction.${key}.enable must be true or false`);
  }
}

/**
 * Editor settings on top of the project's configuration (pyproject.toml, .bandit):
 * `ignore` lists are combined; a non-empty editor `select` replaces the project's; editor severities
 * override per code; `defaultTimeout` overrides when set (> 0); `requireJustification` is on when
 * either turns it on. Everything else comes from the project.
 */
export function mergeSettings(project: AnalysisConfig, settings: MlsecSettings): AnalysisConfig {
  const severity: Record<string, Severity> = { ...project.severity };
  for (const [code, name] of Object.entries(settings.severity)) severity[code] = SEVERITY_NAMES[name.toLowerCase()];
  return {
    ...project,
    select: settings.select.length > 0 ? [...settings.select] : project.select,
    ignore: [...new Set([...project.ignore, ...settings.ignore])],
    severity,
    defaultTimeout: settings.defaultTimeout > 0 ? settings.defaultTimeout : project.defaultTimeout,
    requireJustification: project.requireJustification || settings.requireJustification,
    // The editor's folder beats the project's `hf-cache`; '~' is expanded, a relative path is not
    // meaningful for an editor setting and is taken from the server's folder as given.
    hfCache: settings.huggingFaceCache ? resolveFolderSetting(settings.huggingFaceCache, process.cwd()) : project.hfCache,
  };
}

const ignoreMatchers = new Map<string, (path: string) => boolean>();

/**
 * Whether `relPath` (slash-separated, relative to its workspace folder) or `absPath` matches an ignore
 * pattern. Matching is linear in the path (config/glob.ts); a pattern too complex to match safely
 * matches nothing and is passed to `onBadPattern`.
 */
export function matchesIgnorePatterns(patterns: string[], relPath: string | undefined, absPath: string, onBadPattern?: (message: string) => void): boolean {
  if (patterns.length === 0) return false;
  const key = JSON.stringify(patterns);
  let isMatch = ignoreMatchers.get(key);
  if (!isMatch) {
    const matchers: ((path: string) => boolean)[] = [];
    for (const pattern of patterns) {
      try {
        matchers.push(compileGlob(pattern));
      } catch (error) {
        if (!(error instanceof GlobError)) throw error;
        onBadPattern?.(`mlsec.ignorePatterns: ${error.message}; it is not used`);
      }
    }
    isMatch = (p: string) => matchers.some((m) => m(p));
    if (ignoreMatchers.size >= 64) ignoreMatchers.clear();
    ignoreMatchers.set(key, isMatch);
  }
  return (relPath !== undefined && isMatch(relPath)) || isMatch(absPath.split('\\').join('/'));
}
