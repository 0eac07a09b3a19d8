// Worker-thread entry of the scan pool: loads the parser once, says so, then analyses the files of
// each message in order and replies once per message.
import { parentPort } from 'worker_threads';
import { loadPython } from '../analysis/parser';
import { scanOneFile } from './scanner';
import type { WorkerReply, WorkerRequest } from './pool';

if (parentPort) {
  const port = parentPort;
  const ready = loadPython();
  ready.then(() => port.postMessage({ ready: true } satisfies WorkerReply), () => undefined);
  port.on('message', (request: WorkerRequest) => {
    ready.then(
      () => {
        const results = request.jobs.map((job) => scanOneFile(job.file, job.config, job.parseBudgetMs));
        port.postMessage({ id: request.id, results } satisfies WorkerReply);
      },
      (e) => port.postMessage({ id: request.id, error: (e as Error)?.message ?? String(e) } satisfies WorkerReply),
    ).catch((e) => port.postMessage({ id: request.id, error: (e as Error)?.message ?? String(e) } satisfies WorkerReply));
  });
}
