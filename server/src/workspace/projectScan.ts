// The CLI's scan of many files: results reused from the content-hash cache where the file did not
// change, the rest analysed on worker threads (the language server's pool) when there are enough of
// them to pay for starting workers, on this thread otherwise. Results come back in file order.
import * as fs from 'fs';
import { scanOneFile, FileResult, ScanOptions, DEFAULT_PARSE_BUDGET_MS } from './scanner';
import { ScanCache, configHash, hashBytes } from './cache';
import { MAX_FILE_BYTES } from './readSource';
import { readRegularFile } from './safeRead';
import { WorkerPool, defaultWorkerScript, defaultPoolSize } from './pool';
import { loadPython } from '../analysis/parser';
import type { AnalysisConfig } from '../config/analysisConfig';

/** Below this many files to analyse, starting workers (each loads the parser) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 24;

export interface ProjectScanOptions extends ScanOptions {
  cache?: ScanCache;
  /** Worker threads for the files that must be analysed; 1 analyses on this thread. Default: the cores. */
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
    st.threads = Math.min(threads, misses.length);
    const pool = new WorkerPool(script, st.threads);
    try {
      await Promise.all(misses.map(async (m) => store(m, await pool.run({ file: m.file, config: options.configFor(m.file), parseBudgetMs: budget }))));
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
