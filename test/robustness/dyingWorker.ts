// A scan worker that dies on purpose, for the pool tests: it is the real worker, except that a file
// whose name contains `die-always` kills every worker that takes it, and `die-once` kills the first
// one only (a marker file beside it remembers that it happened). It dies when it comes to the
// message, in order, as a real crash would: the pool may have sent it the next message already,
// and that one must not be blamed.
import * as fs from 'fs';
import { parentPort } from 'worker_threads';
import type { WorkerRequest } from '../../server/src/workspace/pool';
import { loadPython } from '../../server/src/analysis/parser';

const ready = loadPython();
parentPort?.on('message', (request: WorkerRequest) => {
  void ready.then(() => {
    for (const { file } of request.jobs) {
      if (file.includes('die-always')) process.exit(3);
      if (file.includes('die-once') && !fs.existsSync(`${file}.died`)) {
        fs.writeFileSync(`${file}.died`, '');
        process.exit(3);
      }
    }
  });
});

// Registered second, so that for each job the check above runs first (the real worker, too,
// handles a job once the parser is ready, in the order the jobs came).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- after the handler above: an import would be hoisted before it
require('../../server/src/workspace/worker');
