// The CLI's on-disk scan cache: one JSON file per project in a per-user cache folder
// (`$MLSEC_CACHE_DIR`, else `$XDG_CACHE_HOME/mlsec`, else `~/.cache/mlsec`), in a subfolder named by a
// hash of the project's real path. It holds each file's result keyed by its content hash. A file whose
// (mtime, size) match its entry is not even read; otherwise it is read and hashed, and only a changed
// hash is analysed again. The whole cache is void when mlsec's version, any of its code (every file
// of server/src: rules, analysis, suppressions, fixes, …) or the cache format change; an entry is void when the configuration that applies to its
// file changes. The folder is safe to delete.
//
// Why not in the project: a scanned repository is not trusted. A cache inside it could be committed
// with entries saying "no findings" for a file that has some, or committed as a link that makes mlsec
// write elsewhere. The per-user folder is one the repository cannot write; mlsec creates it with mode
// 0700 and refuses it when it, or a link among its parents, belongs to someone else.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import type { FileResult } from './scanner';
import { MAX_CACHE_BYTES, readRegularFile } from './safeRead';
import type { AnalysisConfig } from '../config/analysisConfig';
import { VERSION } from '../version';

/** Set by scripts/bundle.js: codeTreeHash of the .ts files of server/src when the bundles were built. */
declare const MLSEC_CODE_HASH: string | undefined;

const FORMAT = 2;
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

/**
 * A hash of every code file below `root` (names ending in `ext`, `.d.ts` and source maps left out),
 * by relative path and content, in a fixed order. Hashing the files rather than chosen functions
 * leaves nothing out: a rule, a fix builder, the anchors or a helper edited without a version bump
 * voids the cache as surely as the engine. (Below 1 MB of code: a few milliseconds, once per process.)
 */
export function codeTreeHash(root: string, ext: '.js' | '.ts'): string {
  const files: string[] = [];
  const visit = (dir: string, rel: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) visit(path.join(dir, e.name), r);
      else if (e.isFile() && e.name.endsWith(ext) && !e.name.endsWith('.d.ts')) files.push(r);
    }
  };
  visit(root, '');
  const h = crypto.createHash('sha256');
  for (const r of files)
    h.update(`${r}\0`)
      .update(fs.readFileSync(path.join(root, r)))
      .update('\0');
  return h.digest('hex');
}

let codeSalt: string | undefined;

/**
 * What the results depend on besides the file and its configuration: the cache format, the version
 * and the code. In a bundle the code hash was taken of the sources at build time (the CLI and the
 * server bundles carry the same value, so the editor and the CLI keep one cache); run from the
 * compiled tree (out/, tests and development) it is taken of the compiled files beside this one.
 */
export function cacheSalt(): string {
  if (!codeSalt) {
    const code = typeof MLSEC_CODE_HASH === 'string' ? MLSEC_CODE_HASH : codeTreeHash(path.resolve(__dirname, '..'), '.js');
    codeSalt = crypto.createHash('sha256').update(`${FORMAT}\0${VERSION}\0${code}`).digest('hex').slice(0, 32);
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

const TAG = 'Signature: 8a477f597d28d172789f06886806bc55\n# mlsec scan cache: safe to delete at any time\n';
/** Project caches not written for this long are deleted when another one is saved. */
export const CACHE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;
/** Temporary files older than this are leftovers of a run that died; deleted on the next save. */
const TMP_MAX_AGE_MS = 3600 * 1000;

/** The per-user cache folder: `--cache-dir`, `$MLSEC_CACHE_DIR`, `$XDG_CACHE_HOME/mlsec`, `~/.cache/mlsec`. */
export function userCacheBase(env: NodeJS.ProcessEnv, explicit?: string, cwd = process.cwd()): string {
  if (explicit) return path.resolve(cwd, explicit);
  if (env.MLSEC_CACHE_DIR) return path.resolve(cwd, env.MLSEC_CACHE_DIR);
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'mlsec');
  return path.join(env.HOME || os.homedir(), '.cache', 'mlsec');
}

/** The cache folder of the project whose real root is `projectRoot`, below `base`. */
export function projectCacheDir(base: string, projectRoot: string): string {
  return path.join(base, crypto.createHash('sha256').update(projectRoot).digest('hex').slice(0, 32));
}

const myUid = (): number | undefined => process.getuid?.();

/**
 * Why `dir` (and the links on the way to it) cannot be trusted as a cache folder, or undefined when it
 * can: every link among its parents belongs to the user or to root, and `dir` itself, once created
 * with mode 0700, is a real folder (not a link) owned by the user.
 */
export function checkCacheDir(dir: string): string | undefined {
  const uid = myUid();
  for (let p = path.dirname(dir); ; p = path.dirname(p)) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      if (p === path.dirname(p)) break;
      continue; // not created yet: mkdir makes it below
    }
    if (st.isSymbolicLink() && uid !== undefined && st.uid !== uid && st.uid !== 0) return `${p} is a link owned by another user`;
    if (!st.isSymbolicLink() && !st.isDirectory()) return `${p} is not a folder`;
    if (p === path.dirname(p)) break;
  }
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    return `cannot create ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
  const st = fs.lstatSync(dir);
  if (st.isSymbolicLink()) return `${dir} is a link`;
  if (!st.isDirectory()) return `${dir} is not a folder`;
  if (uid !== undefined && st.uid !== uid) return `${dir} belongs to another user`;
  if ((st.mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
  return undefined;
}

/** Deletes project caches older than CACHE_MAX_AGE_MS and temporary files left by runs that died. */
export function pruneCacheBase(base: string, now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    if (!/^[0-9a-f]{32}$/.test(name)) continue;
    const dir = path.join(base, name);
    try {
      const st = fs.lstatSync(dir);
      if (!st.isDirectory()) continue;
      for (const f of fs.readdirSync(dir)) {
        const fst = fs.lstatSync(path.join(dir, f));
        if (f.endsWith('.tmp') && now - fst.mtimeMs > TMP_MAX_AGE_MS) fs.rmSync(path.join(dir, f), { force: true });
      }
      const data = path.join(dir, FILE_NAME);
      const newest = fs.existsSync(data) ? fs.lstatSync(data).mtimeMs : st.mtimeMs;
      if (now - newest > CACHE_MAX_AGE_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      /* raced with another run: it is pruned next time */
    }
  }
}

export class ScanCache {
  private entries: Record<string, Entry>;
  private dirty = false;
  private base?: string;
  /** Why an existing cache file was not read (a FIFO, a device, too large), for a warning. */
  openProblem?: string;

  private constructor(
    readonly dir: string,
    private readonly salt: string,
    entries: Record<string, Entry>,
  ) {
    this.entries = entries;
  }

  /** A cache that lives in memory only (the language server's, across workspace re-scans). */
  static inMemory(salt: string = cacheSalt()): ScanCache {
    return new ScanCache('', salt, {});
  }

  /**
   * Opens the cache in `dir` (it need not exist); a cache from another version or rule set starts
   * empty. `base`: the per-user folder above `dir`, pruned when the cache is saved.
   */
  static open(dir: string, salt: string = cacheSalt(), base?: string): ScanCache {
    let entries: Record<string, Entry> = {};
    const read = readRegularFile(path.join(dir, FILE_NAME), MAX_CACHE_BYTES);
    try {
      const data = read.ok ? (JSON.parse(read.bytes.toString('utf8')) as CacheFile) : undefined;
      if (data && data.format === FORMAT && data.salt === salt && data.entries && typeof data.entries === 'object') entries = data.entries;
    } catch {
      /* unreadable: start afresh */
    }
    const cache = new ScanCache(dir, salt, entries);
    cache.base = base;
    if (!read.ok && read.code !== 'ENOENT' && read.code !== 'ENOTDIR') cache.openProblem = `scan cache ${path.join(dir, FILE_NAME)} not read: ${read.reason}; starting afresh`;
    return cache;
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

  /**
   * Writes the cache if it changed, atomically (a reader never sees half a file; a failed rename
   * leaves no temporary file). Errors are returned, not thrown.
   */
  save(): string | undefined {
    if (!this.dirty || !this.dir) return undefined;
    const problem = (this.base ? checkCacheDir(this.base) : undefined) ?? checkCacheDir(this.dir);
    if (problem) return `scan cache not written: ${problem}`;
    const tmp = path.join(this.dir, `${FILE_NAME}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
    try {
      if (this.base) {
        const tag = path.join(this.base, 'CACHEDIR.TAG');
        if (!fs.existsSync(tag)) fs.writeFileSync(tag, TAG, { flag: 'wx', mode: 0o600 });
        pruneCacheBase(this.base);
      }
      const data: CacheFile = { format: FORMAT, salt: this.salt, entries: this.entries };
      const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
      try {
        fs.writeFileSync(fd, JSON.stringify(data));
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, path.join(this.dir, FILE_NAME));
      this.dirty = false;
      return undefined;
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      return `cannot write the scan cache in ${this.dir}: ${(e as Error).message}`;
    }
  }
}
