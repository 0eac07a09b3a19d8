// The CLI's scan of many files: results reused from the content-hash cache where the file did not
// change, the rest analysed on worker threads (the language server's pool) when there are enough of
// them to pay for starting workers, on this thread otherwise. Results come back in file order.
import * as fs from 'fs';
import { scanOneFile, FileResult, ScanOptions, DEFAULT_PARSE_BUDGET_MS } from './scanner';
import { ScanCache, configHash, hashBytes } from './cache';
import { WorkerPool, defaultWorkerScript, defaultPoolSize } from './pool';
import { loadPython } from '../analysis/parser';

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
  /** Reused without reading the file ((mtime, size) matched). */
  unchanged: number;
  /** Read and hashed, and the hash matched. */
  sameContent: number;
  analysed: number;
  threads: number;
}

interface Miss {
  index: number;
  file: string;
  stat?: { mtimeMs: number; size: number };
  hash?: string;
  config: string;
}

export async function scanProject(files: string[], options: ProjectScanOptions, stats?: ProjectScanStats): Promise<FileResult[]> {
  const { cache } = options;
  const results: FileResult[] = new Array(files.length);
  const misses: Miss[] = [];
  const st: ProjectScanStats = stats ?? { files: 0, unchanged: 0, sameContent: 0, analysed: 0, threads: 1 };
  st.files = files.length;
  let done = 0;
  const finish = (index: number, result: FileResult) => {
    results[index] = result;
    options.onFile?.(result, ++done, files.length);
  };

  if (!cache) {
    for (let i = 0; i < files.length; i++) misses.push({ index: i, file: files[i], config: '' });
  } else {
    for (let i = 0; i < files.length; i++) {
      const file = files[i];
      const config = configHash(options.configFor(file));
      let stat: fs.Stats;
      try {
        stat = fs.statSync(file);
      } catch {
        misses.push({ index: i, file, config }); // the scan reports why it cannot be read
        continue;
      }
      const byStat = cache.byStat(file, stat, config);
      if (byStat) {
        st.unchanged++;
        finish(i, { file, ...byStat });
        continue;
      }
      let hash: string | undefined;
      try {
        hash = hashBytes(fs.readFileSync(file));
      } catch {
        /* unreadable: analysed below, which reports why */
      }
      const byHash = hash ? cache.byHash(file, stat, hash, config) : undefined;
      if (byHash) {
        st.sameContent++;
        finish(i, { file, ...byHash });
        continue;
      }
      misses.push({ index: i, file, stat: { mtimeMs: stat.mtimeMs, size: stat.size }, hash, config });
    }
  }

  st.analysed = misses.length;
  const store = (m: Miss, r: FileResult) => {
    // A skipped file (unreadable, or over the parse budget on a busy machine) is tried again next time.
    if (cache && m.stat && m.hash && !r.skipped) cache.set(m.file, m.stat, m.hash, m.config, r);
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
    await loadPython();
    for (const m of misses) store(m, scanOneFile(m.file, options.configFor(m.file), budget));
  }
  return results;
}
