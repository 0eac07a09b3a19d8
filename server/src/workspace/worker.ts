// Worker-thread entry of the scan pool: loads the parser once, says so, then analyses the files of
// each message in order and replies once per message. Before each file it publishes which one it is
// on and since when (pool.ts's watchdog stops a worker stuck on one file past its budget).
import { parentPort, workerData } from 'worker_threads';
import { loadPython } from '../analysis/parser';
import { scanOneFile } from './scanner';
import { encodeProgress, IDLE, type WorkerReply, type WorkerRequest } from './pool';

if (parentPort) {
  const port = parentPort;
  const shared = (workerData as { progress?: unknown } | undefined)?.progress;
  const progress = shared instanceof SharedArrayBuffer ? new BigInt64Array(shared) : undefined;
  const ready = loadPython();
  ready.then(
    () => port.postMessage({ ready: true } satisfies WorkerReply),
    () => undefined,
  );
  port.on('message', (request: WorkerRequest) => {
    ready
      .then(
        () => {
          const results = request.jobs.map((job, i) => {
            if (progress) Atomics.store(progress, 0, encodeProgress(i, Date.now()));
            return scanOneFile(job.file, job.config, job.parseBudgetMs, !!progress);
          });
          if (progress) Atomics.store(progress, 0, IDLE);
          port.postMessage({ id: request.id, results } satisfies WorkerReply);
        },
        (e) => port.postMessage({ id: request.id, error: (e as Error)?.message ?? String(e) } satisfies WorkerReply),
      )
      .catch((e) => port.postMessage({ id: request.id, error: (e as Error)?.message ?? String(e) } satisfies WorkerReply));
  });
}
