// `node -r out/test/robustness/preloadDyingWorkers.js server.js`: inside the server's scan worker
// threads (which inherit the preload), a job for a file named `die-always…` kills the worker every
// time and `die-once…` the first time only (a marker file remembers). The main thread is untouched.
import * as fs from 'fs';
import { isMainThread, parentPort } from 'worker_threads';

if (!isMainThread && parentPort) {
  // The pool sends a worker one message until it says it is ready, and a worker handles one message
  // at a time: dying on receipt is dying while working on that message.
  parentPort.on('message', (request: { jobs?: { file?: string }[] }) => {
    for (const job of request?.jobs ?? []) {
      const file = job?.file ?? '';
      if (file.includes('die-always')) process.exit(3);
      if (file.includes('die-once') && !fs.existsSync(`${file}.died`)) {
        fs.writeFileSync(`${file}.died`, '');
        process.exit(3);
      }
    }
  });
}
