// A scan worker that dies on purpose, for the pool tests: it is the real worker, except that a job
// whose file name contains `die-always` kills every worker that takes it, and `die-once` kills the
// first one only (a marker file beside the job's file remembers that it happened).
import * as fs from 'fs';
import { parentPort } from 'worker_threads';
import type { WorkerRequest } from '../../server/src/workspace/pool';

parentPort?.on('message', (request: WorkerRequest) => {
  const file = request.job.file;
  if (file.includes('die-always')) process.exit(3);
  if (file.includes('die-once') && !fs.existsSync(`${file}.died`)) {
    fs.writeFileSync(`${file}.died`, '');
    process.exit(3);
  }
});

// Registered second, so it runs only when the listener above let the job live.
require('../../server/src/workspace/worker');
