// Parse-only baseline: the same files read, decoded and parsed on `threads` worker threads with
// the same batching as a scan, but no rules. The denominator of "scan ÷ parse-only".
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { ParseBatchResult } from './parseWorker';

export async function parseOnly(files: string[], threads: number, batchSize = 8): Promise<ParseBatchResult & { ms: number }> {
  const t0 = performance.now();
  const total: ParseBatchResult = { lines: 0, bytes: 0, files: 0 };
  let next = 0;
  const workers = Array.from({ length: threads }, () => new Worker(path.join(__dirname, 'parseWorker.js')));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= files.length) return resolve();
              const batch = files.slice(next, next + batchSize);
              next += batch.length;
              w.postMessage({ files: batch });
            };
            w.on('message', (r: ParseBatchResult) => {
              total.lines += r.lines;
              total.bytes += r.bytes;
              total.files += r.files;
              send();
            });
            w.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { ...total, ms: performance.now() - t0 };
}
