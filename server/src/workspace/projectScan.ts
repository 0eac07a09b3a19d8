// The CLI's scan of many files: results reused from the content-hash cache where the file did not
// change, the rest analysed on this thread or, when there are enough of them and more than one thread
// is asked for, on that many worker threads (the language server's pool). Results come back in file order.
import * as fs from 'fs';
import { scanOneFile, FileResult, ScanOptions } from './scanner';
import { ScanCache, configHash, hashBytes } from './cache';
import { MAX_FILE_BYTES } from './readSource';
import { readRegularFile } from './safeRead';
import { WorkerPool, defaultWorkerScript, defaultPoolSize } from './pool';
import { loadPython, DEFAULT_PARSE_BUDGET_MS } from '../analysis/parser';
import type { AnalysisConfig } from '../config/analysisConfig';

/** Below this many files to analyse, starting workers (each loads the parser) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 24;

/**
 * Below this much source the CLI scans on one thread unless `--jobs` says otherwise: measured here
 * (2 cores), one thread was faster on every tree up to 4 MB (30k lines: 663 against 768 ms; 4 MB,
 * ~110k lines: 1.43 against 1.58 s), level on the stdlib (12.8 MB) and slower on 37 MB. The
 * language server does not use it: its workers keep its own thread free for the editor.
 */
export const MIN_BYTES_FOR_CLI_WORKERS = 4_000_000;

export interface ProjectScanOptions extends ScanOptions {
  cache?: ScanCache;
  /** Threads for the files that must be analysed: 1 analyses on this thread, more are workers. Default: the cores. */
  threads?: number;
  workerScript?: string;
}

export interface ProjectScanStats {
  files: number;
  /** Results reused from the cache. */
  cached: number;
  analysed: number;
  threads: number;
}

interface Miss {
  index: number;
  file: string;
  store: (r: FileResult) => void;
}

/**
 * Looks `file` up in `cache`: by (mtime, size) without reading it, else by content hash. On a miss,
 * `store` puts the result computed for the content just hashed (unless it was skipped).
 */
export function cachedResult(cache: ScanCache, file: string, config: AnalysisConfig): { result: FileResult } | { store: (r: FileResult) => void } {
  const key = configHash(config);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { store: () => undefined };
  }
  // Not a regular file (a FIFO would block the read) or too big to analyse: the scan says why; never cached.
  if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return { store: () => undefined };
  const byStat = cache.byStat(file, stat, key);
  if (byStat) return { result: { file, ...byStat } };
  // Hashed through a non-blocking, size-capped read: the file may have become a FIFO since the stat.
  const read = readRegularFile(file, MAX_FILE_BYTES);
  if (!read.ok) return { store: () => undefined };
  const hash = hashBytes(read.bytes);
  const byHash = cache.byHash(file, stat, hash, key);
  if (byHash) return { result: { file, ...byHash } };
  return { store: (r) => (r.skipped ? undefined : cache.set(file, stat, hash, key, r)) };
}

export async function scanProject(files: string[], options: ProjectScanOptions, stats?: ProjectScanStats): Promise<FileResult[]> {
  const { cache } = options;
  const results: FileResult[] = new Array(files.length);
  const misses: Miss[] = [];
  const st: ProjectScanStats = stats ?? { files: 0, cached: 0, analysed: 0, threads: 1 };
  st.files = files.length;
  let done = 0;
  const finish = (index: number, result: FileResult) => {
    results[index] = result;
    options.onFile?.(result, ++done, files.length);
  };
  const noStore = () => undefined;
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const hit = cache ? cachedResult(cache, file, options.configFor(file)) : { store: noStore };
    if ('result' in hit) {
      st.cached++;
      finish(i, hit.result);
    } else {
      misses.push({ index: i, file, store: hit.store });
    }
  }

  st.analysed = misses.length;
  const store = (m: Miss, r: FileResult) => {
    m.store(r);
    finish(m.index, r);
  };
  const threads = Math.max(1, options.threads ?? defaultPoolSize());
  const script = options.workerScript ?? defaultWorkerScript();
  const budget = options.parseBudgetMs ?? DEFAULT_PARSE_BUDGET_MS;
  if (threads > 1 && misses.length >= MIN_FILES_FOR_WORKERS && fs.existsSync(script)) {
    // Workers only: this thread hands out files and takes results. Measured on the stdlib and the
    // 1M-line corpus, two workers beat this thread analysing beside one by ~5 % (it was slow to feed
    // the worker while it analysed); a small tree never gets here from the CLI (MIN_BYTES_FOR_CLI_WORKERS).
    st.threads = Math.min(threads, misses.length);
    const pool = new WorkerPool(script, st.threads);
    try {
      await Promise.all(misses.map((m) => pool.run({ file: m.file, config: options.configFor(m.file), parseBudgetMs: budget }).then((r) => store(m, r))));
    } finally {
      await pool.dispose();
    }
  } else {
    st.threads = misses.length > 0 ? 1 : 0;
    await loadPython();
    for (const m of misses) store(m, scanOneFile(m.file, options.configFor(m.file), budget));
  }
  return results;
}
