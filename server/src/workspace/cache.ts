// The CLI's on-disk scan cache: one JSON file under `.mlsec-cache/` in the project root, holding each
// file's result keyed by its content hash. A file whose (mtime, size) match its entry is not even
// read; otherwise it is read and hashed, and only a changed hash is analysed again. The whole cache
// is void when mlsec's version, its rules (their code included) or the cache format change; an entry
// is void when the configuration that applies to its file changes. The folder is safe to delete.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { FileResult } from './scanner';
import type { AnalysisConfig } from '../config/analysisConfig';
import { ALL_RULES } from '../rules';
import { analyzeTree } from '../analysis/engine';
import { evaluate } from '../analysis/scope';
import { applySuppressions } from '../suppressions';
import { VERSION } from '../version';

export const CACHE_DIR_NAME = '.mlsec-cache';
const FORMAT = 1;
const FILE_NAME = `scan-v${FORMAT}.json`;
/** Files modified more recently than this are matched by content hash only. */
const RACY_MS = 3000;

export type CachedResult = Omit<FileResult, 'file'>;

interface Entry {
  mtimeMs: number;
  size: number;
  hash: string;
  /** Hash of the configuration the result was computed with. */
  config: string;
  result: CachedResult;
}

interface CacheFile {
  format: number;
  salt: string;
  entries: Record<string, Entry>;
}

export function hashBytes(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

let codeSalt: string | undefined;

/**
 * What the results depend on besides the file and its configuration: the version, the rules'
 * metadata and the source of their checks and of the engine (so a rule edited during development,
 * without a version bump, still voids the cache).
 */
export function cacheSalt(): string {
  if (!codeSalt) {
    const h = crypto.createHash('sha256').update(`${FORMAT}\0${VERSION}\0`);
    for (const r of ALL_RULES) {
      h.update(JSON.stringify({ ...r, check: undefined, docs: undefined, match: { ...r.match, strings: typeof r.match.strings === 'function' ? r.match.strings.toString() : r.match.strings } }));
      h.update(r.check.toString());
    }
    for (const f of [analyzeTree, evaluate, applySuppressions]) h.update(f.toString());
    codeSalt = h.digest('hex').slice(0, 32);
  }
  return codeSalt;
}

const configHashes = new WeakMap<AnalysisConfig, string>();

export function configHash(config: AnalysisConfig): string {
  let h = configHashes.get(config);
  if (!h) {
    h = crypto.createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 32);
    configHashes.set(config, h);
  }
  return h;
}

const README = `This folder is mlsec's scan cache: results of \`mlsec scan\` keyed by file content.
It is safe to delete at any time; mlsec rebuilds it. Do not commit it.
`;

export class ScanCache {
  private entries: Record<string, Entry>;
  private dirty = false;

  private constructor(readonly dir: string, private readonly salt: string, entries: Record<string, Entry>) {
    this.entries = entries;
  }

  /** A cache that lives in memory only (the language server's, across workspace re-scans). */
  static inMemory(salt: string = cacheSalt()): ScanCache {
    return new ScanCache('', salt, {});
  }

  /** Opens the cache in `dir` (it need not exist); a cache from another version or rule set starts empty. */
  static open(dir: string, salt: string = cacheSalt()): ScanCache {
    let entries: Record<string, Entry> = {};
    try {
      const data = JSON.parse(fs.readFileSync(path.join(dir, FILE_NAME), 'utf8')) as CacheFile;
      if (data.format === FORMAT && data.salt === salt && data.entries && typeof data.entries === 'object') entries = data.entries;
    } catch {
      /* no cache yet, or unreadable: start afresh */
    }
    return new ScanCache(dir, salt, entries);
  }

  /** The result stored for `file` if its size and mtime are unchanged (the file need not be read). */
  byStat(file: string, stat: { mtimeMs: number; size: number }, config: string): CachedResult | undefined {
    const e = this.entries[file];
    return e && e.mtimeMs === stat.mtimeMs && e.size === stat.size && e.config === config ? e.result : undefined;
  }

  /** The result stored for `file` if its content hash is unchanged; refreshes the stored stat. */
  byHash(file: string, stat: { mtimeMs: number; size: number }, hash: string, config: string): CachedResult | undefined {
    const e = this.entries[file];
    if (!e || e.hash !== hash || e.config !== config) return undefined;
    const mtimeMs = Date.now() - stat.mtimeMs < RACY_MS ? -1 : stat.mtimeMs;
    if (e.mtimeMs !== mtimeMs || e.size !== stat.size) {
      this.entries[file] = { ...e, mtimeMs, size: stat.size };
      this.dirty = true;
    }
    return e.result;
  }

  set(file: string, stat: { mtimeMs: number; size: number }, hash: string, config: string, result: FileResult): void {
    const { file: _omit, ...rest } = result;
    void _omit;
    // A file modified in the last seconds may change again within the same mtime tick, keeping its
    // size: trust only its hash next time (git's "racy clean" problem).
    const racy = Date.now() - stat.mtimeMs < RACY_MS;
    this.entries[file] = { mtimeMs: racy ? -1 : stat.mtimeMs, size: stat.size, hash, config, result: rest };
    this.dirty = true;
  }

  /** Writes the cache if it changed (atomically: a reader never sees half a file). Errors are returned, not thrown. */
  save(): string | undefined {
    if (!this.dirty || !this.dir) return undefined;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      const readme = path.join(this.dir, 'README.txt');
      if (!fs.existsSync(readme)) {
        fs.writeFileSync(readme, README);
        // Never committed, even where the project does not ignore the folder.
        fs.writeFileSync(path.join(this.dir, '.gitignore'), '*\n');
        fs.writeFileSync(path.join(this.dir, 'CACHEDIR.TAG'), 'Signature: 8a477f597d28d172789f06886806bc55\n# mlsec scan cache\n');
      }
      const data: CacheFile = { format: FORMAT, salt: this.salt, entries: this.entries };
      const tmp = path.join(this.dir, `${FILE_NAME}.${process.pid}.tmp`);
      fs.writeFileSync(tmp, JSON.stringify(data));
      fs.renameSync(tmp, path.join(this.dir, FILE_NAME));
      this.dirty = false;
      return undefined;
    } catch (e) {
      return `cannot write the scan cache in ${this.dir}: ${(e as Error).message}`;
    }
  }
}
