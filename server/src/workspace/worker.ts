// Worker-thread entry of the scan pool: loads the parser once, then analyses one file per message.
import { parentPort } from 'worker_threads';
import { loadPython } from '../analysis/parser';
import { scanOneFile } from './scanner';
import type { WorkerReply, WorkerRequest } from './pool';

if (parentPort) {
  const port = parentPort;
  const ready = loadPython();
  port.on('message', (request: WorkerRequest) => {
    ready.then(
      () => {
        const { file, config, parseBudgetMs } = request.job;
        const reply: WorkerReply = { id: request.id, result: scanOneFile(file, config, parseBudgetMs) };
        port.postMessage(reply);
      },
      (e) => port.postMessage({ id: request.id, error: (e as Error)?.message ?? String(e) } satisfies WorkerReply),
    ).catch((e) => port.postMessage({ id: request.id, error: (e as Error)?.message ?? String(e) } satisfies WorkerReply));
  });
}
