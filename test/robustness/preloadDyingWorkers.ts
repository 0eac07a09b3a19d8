// `node -r out/test/robustness/preloadDyingWorkers.js server.js`: inside the server's scan worker
// threads (which inherit the preload), a job for a file named `die-always…` kills the worker every
// time and `die-once…` the first time only (a marker file remembers). The main thread is untouched.
import * as fs from 'fs';
import { isMainThread, parentPort } from 'worker_threads';

if (!isMainThread && parentPort) {
  parentPort.on('message', (request: { job?: { file?: string } }) => {
    const file = request?.job?.file ?? '';
    if (file.includes('die-always')) process.exit(3);
    if (file.includes('die-once') && !fs.existsSync(`${file}.died`)) {
      fs.writeFileSync(`${file}.died`, '');
      process.exit(3);
    }
  });
}
