// Reads the configuration files mlsec honours, each into the same partial shape:
//   pyproject.toml  [tool.mlsec]   mlsec's own settings
//   pyproject.toml  [tool.bandit]  Bandit's: skips, tests, exclude_dirs, per-plugin blocks
//   .bandit         [bandit]       Bandit's INI: skips, tests, exclude (comma-separated)
// Files are read as data only. A problem (bad syntax, a wrong type, an unknown key) is reported
// with the file and line; the faulty file or key is then ignored and defaults apply.
import { MAX_CONFIG_BYTES, readTextFile } from '../workspace/safeRead';
import * as path from 'path';
// smol-toml ships a CommonJS build (its "require" export) but declares its types as ESM only.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: `import` from CommonJS would not type-check
const { parse: parseToml } = require('smol-toml') as typeof import('smol-toml');
type TomlError = import('smol-toml').TomlError;
import * as ini from 'ini';
import type { Severity } from '../analysis/types';
import type { AnalysisConfig } from './analysisConfig';
import { resolveFolderSetting } from './paths';
import { banditIdForName } from './banditTests';
import { PROFILES, Profile } from './profiles';

export interface ConfigProblem {
  file: string;
  /** 1-based line, when known. */
  line?: number;
  message: string;
}

/** What one configuration source sets. Absent keys are not set. */
export interface ConfigLayer {
  analysis: Partial<AnalysisConfig>;
  /** Exclusion globs, relative to the folder of the file that declares them. */
  exclude?: string[];
  /** Baseline file, relative to that folder. */
  baseline?: string;
  /** Model files whose findings are accepted (`allow-model-files`): globs relative to that folder. */
  allowModelFiles?: AllowedModelFile[];
}

export interface AllowedModelFile {
  path: string;
  reason: string;
}

export interface SourceResult {
  /** The file holds settings for mlsec (or could not be read, in which case defaults apply). */
  relevant: boolean;
  layers: { mlsec?: ConfigLayer; bandit?: ConfigLayer };
}

type Report = (message: string, line?: number) => void;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/**
 * Where keys are written in a config text, indexed in one pass: `lineOfKey` used to split the whole
 * text and scan it for each key, so 20,000 unknown keys in a 200 KB pyproject.toml took minutes.
 */
export class KeyLines {
  private readonly lines: string[];
  /** Key as written (quotes and blanks around it dropped) → its 0-based lines, in order. */
  private readonly keys = new Map<string, number[]>();
  /** `[header]` → the first line that is exactly it. */
  private readonly headers = new Map<string, number>();

  constructor(text: string) {
    this.lines = text.split(/\r\n|\r|\n/);
    this.lines.forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed.startsWith('[')) {
        if (!this.headers.has(trimmed)) this.headers.set(trimmed, i);
        return;
      }
      const m = /^\s*["']?([^=:]*)[=:]/.exec(line);
      if (!m) return;
      const key = m[1].replace(/\s+$/, '').replace(/["']$/, '');
      const list = this.keys.get(key);
      if (list) list.push(i);
      else this.keys.set(key, [i]);
    });
  }

  /** 1-based line of the first `key =` (or `key:`) after `[header]` (or anywhere), for messages about a value. */
  lineOf(key: string, header?: string): number | undefined {
    const from = header ? (this.headers.get(`[${header}]`) ?? 0) : 0;
    if (/[=:]/.test(key)) {
      // A key holding `=` or `:` is not what the index split on: look for it line by line.
      const re = new RegExp(`^\\s*["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*[=:]`);
      for (let i = from; i < this.lines.length; i++) if (re.test(this.lines[i])) return i + 1;
      return undefined;
    }
    const at = this.keys.get(key)?.find((i) => i >= from);
    return at === undefined ? undefined : at + 1;
  }
}

/** Past this many of one kind of problem in one file (unknown keys, say), one line says how many more. */
export const MAX_REPORTED_PROBLEMS = 20;

/** Reports the first MAX_REPORTED_PROBLEMS of a kind; `flush` adds "… and N more". */
function capped(report: Report, more: (n: number) => string): { report: Report; flush: () => void } {
  let count = 0;
  return {
    report: (message, line) => {
      if (++count <= MAX_REPORTED_PROBLEMS) report(message, line);
    },
    flush: () => {
      if (count > MAX_REPORTED_PROBLEMS) report(more(count - MAX_REPORTED_PROBLEMS));
    },
  };
}

function stringList(value: unknown, key: string, report: Report): string[] | undefined {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  report(`'${key}' must be a list of strings`);
  return undefined;
}

/** Bandit accepts test names where it expects IDs; mlsec does too. */
function banditCodes(list: string[]): string[] {
  return list.map((c) => banditIdForName(c.trim()) ?? c.trim().toUpperCase()).filter(Boolean);
}

function codeList(list: string[]): string[] {
  return list.map((c) => c.trim().toUpperCase()).filter(Boolean);
}

/** Bandit's `exclude_dirs` / `exclude` entries as globs: a bare name excludes that folder anywhere. */
export function banditExcludeGlobs(entries: string[]): string[] {
  const out: string[] = [];
  for (const raw of entries) {
    const e = raw.trim().replace(/^\.\//, '').replace(/\/+$/, '');
    if (!e) continue;
    out.push(e.includes('/') ? e : `**/${e}`);
  }
  return out;
}

function readMlsec(table: Record<string, unknown>, keyLines: KeyLines, report: (m: string, l?: number) => void, folder: string): ConfigLayer {
  const layer: ConfigLayer = { analysis: {} };
  const a = layer.analysis;
  const unknown = capped(report, (n) => `… and ${n} more unknown keys in [tool.mlsec] (ignored)`);
  const badSeverity = capped(report, (n) => `… and ${n} more severities that are not one of ${SEVERITIES.join(', ')}`);
  for (const [key, value] of Object.entries(table)) {
    const at = (m: string) => report(m, keyLines.lineOf(key, 'tool.mlsec'));
    switch (key) {
      case 'select':
      case 'ignore': {
        const list = stringList(value, key, at);
        if (list) a[key] = codeList(list);
        break;
      }
      case 'profile':
        if (typeof value === 'string' && (PROFILES as readonly string[]).includes(value)) a.profile = value as Profile;
        else at(`'profile' must be one of ${PROFILES.map((p) => `"${p}"`).join(', ')}`);
        break;
      case 'severity': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          at('\'severity\' must be a table of code = "error" | "warning" | "information" | "hint"');
          break;
        }
        const sev: Record<string, Severity> = {};
        for (const [code, s] of Object.entries(value as Record<string, unknown>)) {
          if (typeof s === 'string' && (SEVERITIES as string[]).includes(s)) sev[code.toUpperCase()] = s as Severity;
          else badSeverity.report(`severity of '${code}' must be one of ${SEVERITIES.join(', ')}`, keyLines.lineOf(code));
        }
        a.severity = sev;
        break;
      }
      case 'exclude': {
        const list = stringList(value, key, at);
        if (list) layer.exclude = list;
        break;
      }
      case 'default-timeout':
        if (typeof value === 'number' && value > 0 && Number.isFinite(value)) a.defaultTimeout = value;
        else at("'default-timeout' must be a positive number of seconds");
        break;
      case 'tmp-dirs': {
        const list = stringList(value, key, at);
        if (list) a.tmpDirs = list;
        break;
      }
      case 'require-justification':
      case 'check-typed-exception':
      case 'ignore-suppressions':
        if (typeof value === 'boolean') {
          if (key === 'require-justification') a.requireJustification = value;
          else if (key === 'check-typed-exception') a.checkTypedException = value;
          else a.ignoreSuppressions = value;
        } else at(`'${key}' must be true or false`);
        break;
      case 'hf-cache':
        // Read-only, and only `refs/main` files under it: a forged cache can at worst propose a commit,
        // which the pin fix shows for review (it is an unsafe fix).
        if (typeof value === 'string' && value.trim()) a.hfCache = resolveFolderSetting(value.trim(), folder);
        else at("'hf-cache' must be a folder (the Hugging Face hub cache)");
        break;
      case 'baseline':
        if (typeof value === 'string' && value) layer.baseline = value;
        else at("'baseline' must be a file name");
        break;
      case 'allow-model-files': {
        // A list of { path, reason } tables: a binary file has no place for a `# nosec` and its reason.
        const entries = Array.isArray(value) ? value : [];
        const valid = entries.filter(
          (e): e is AllowedModelFile => !!e && typeof e === 'object' && typeof e.path === 'string' && e.path !== '' && typeof e.reason === 'string' && e.reason.trim() !== '',
        );
        if (!Array.isArray(value) || valid.length !== entries.length) at('\'allow-model-files\' must be a list of { path = "…", reason = "…" } tables, each with a path and a non-empty reason');
        layer.allowModelFiles = valid.map((e) => ({ path: e.path, reason: e.reason.trim() }));
        break;
      }
      default:
        unknown.report(`unknown key '${key}' in [tool.mlsec] (ignored)`, keyLines.lineOf(key, 'tool.mlsec'));
    }
  }
  badSeverity.flush();
  unknown.flush();
  return layer;
}

function readBanditTable(table: Record<string, unknown>, keyLines: KeyLines, report: Report): ConfigLayer {
  const layer: ConfigLayer = { analysis: {} };
  const at = (key: string) => (m: string) => report(m, keyLines.lineOf(key, 'tool.bandit'));
  if (table.skips !== undefined) {
    const list = stringList(table.skips, 'skips', at('skips'));
    if (list) layer.analysis.ignore = banditCodes(list);
  }
  if (table.tests !== undefined) {
    const list = stringList(table.tests, 'tests', at('tests'));
    // Bandit's `tests` limits Bandit's checks; it cannot speak about mlsec's own ML codes, which stay on.
    if (list) layer.analysis.select = [...banditCodes(list), 'ML'];
  }
  if (table.exclude_dirs !== undefined) {
    const list = stringList(table.exclude_dirs, 'exclude_dirs', at('exclude_dirs'));
    if (list) layer.exclude = banditExcludeGlobs(list);
  }
  const tmp = table.hardcoded_tmp_directory as Record<string, unknown> | undefined;
  if (tmp && typeof tmp === 'object' && tmp.tmp_dirs !== undefined) {
    const list = stringList(tmp.tmp_dirs, 'hardcoded_tmp_directory.tmp_dirs', at('tmp_dirs'));
    if (list) layer.analysis.tmpDirs = list;
  }
  for (const plugin of ['try_except_pass', 'try_except_continue']) {
    const block = table[plugin] as Record<string, unknown> | undefined;
    if (!block || typeof block !== 'object' || block.check_typed_exception === undefined) continue;
    if (typeof block.check_typed_exception === 'boolean') {
      layer.analysis.checkTypedException ??= block.check_typed_exception;
    } else at('check_typed_exception')(`'${plugin}.check_typed_exception' must be true or false`);
  }
  return layer;
}

/** A config file's text: a FIFO, a device or an oversized file is refused (safeRead.ts), never read. */
function readText(file: string, problem: (p: ConfigProblem) => void): string | undefined {
  const read = readTextFile(file, MAX_CONFIG_BYTES);
  if (read === undefined) return undefined;
  if ('problem' in read) {
    problem({ file, message: `${read.problem}; using defaults` });
    return '';
  }
  return read.text;
}

/** `pyproject.toml`: undefined when the file does not exist. */
export function readPyproject(file: string, problem: (p: ConfigProblem) => void): SourceResult | undefined {
  const text = readText(file, problem);
  if (text === undefined) return undefined;
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    const err = e as TomlError;
    const first = String(err.message)
      .split('\n')[0]
      .replace(/^Invalid TOML document: /, '');
    problem({ file, line: err.line, message: `invalid TOML: ${first}; using defaults for this file` });
    return { relevant: true, layers: {} };
  }
  const tool = doc.tool as Record<string, unknown> | undefined;
  const mlsec = tool?.mlsec as Record<string, unknown> | undefined;
  const bandit = tool?.bandit as Record<string, unknown> | undefined;
  if (!mlsec && !bandit) return { relevant: false, layers: {} };
  const report = (message: string, line?: number) => problem({ file, line, message });
  const keyLines = new KeyLines(text);
  return {
    relevant: true,
    layers: {
      mlsec: mlsec && typeof mlsec === 'object' ? readMlsec(mlsec, keyLines, report, path.dirname(path.resolve(file))) : undefined,
      bandit: bandit && typeof bandit === 'object' ? readBanditTable(bandit, keyLines, report) : undefined,
    },
  };
}

/** `.bandit` (INI, section `[bandit]`): undefined when the file does not exist. */
export function readBanditIni(file: string, problem: (p: ConfigProblem) => void): SourceResult | undefined {
  const text = readText(file, problem);
  if (text === undefined) return undefined;
  // The `ini` parser accepts anything; catch the mistakes it would silently turn into keys.
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].trim();
    if (!l || l.startsWith('#') || l.startsWith(';')) continue;
    if (l.startsWith('[') ? !/^\[[^\]]+\]$/.test(l) : !l.includes('=')) {
      problem({ file, line: i + 1, message: `invalid line '${l}'; using defaults for this file` });
      return { relevant: true, layers: {} };
    }
  }
  const section = (ini.parse(text) as Record<string, unknown>).bandit as Record<string, unknown> | undefined;
  if (!section) return { relevant: false, layers: {} };
  const layer: ConfigLayer = { analysis: {} };
  const list = (key: string): string[] | undefined => {
    const v = section[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      problem({ file, line: new KeyLines(text).lineOf(key), message: `'${key}' must be a comma-separated list` });
      return undefined;
    }
    return v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  };
  const skips = list('skips');
  if (skips) layer.analysis.ignore = banditCodes(skips);
  const tests = list('tests');
  if (tests) layer.analysis.select = [...banditCodes(tests), 'ML'];
  const exclude = list('exclude');
  if (exclude) layer.exclude = banditExcludeGlobs(exclude);
  return { relevant: true, layers: { bandit: layer } };
}
