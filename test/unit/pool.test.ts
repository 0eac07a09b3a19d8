// The scan pool: results from real workers, and recovery when a worker dies mid-job.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WorkerPool, defaultWorkerScript } from '../../server/src/workspace/pool';
import { defaultConfig } from '../../server/src/config/analysisConfig';

describe('worker pool', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-pool-'));

  it('analyses files in worker threads with the shared scanner', async () => {
    const files = [0, 1, 2, 3, 4].map((i) => {
      const f = path.join(dir, `f${i}.py`);
      fs.writeFileSync(f, `import torch\n${'\n'.repeat(i)}torch.load(p)\n`);
      return f;
    });
    const pool = new WorkerPool(defaultWorkerScript(), 2);
    try {
      const results = await Promise.all(files.map((file) => pool.run({ file, config: defaultConfig(), parseBudgetMs: 5000 })));
      assert.deepStrictEqual(
        results.map((r) => [path.basename(r.file), r.findings.map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character}`)]),
        [
          ['f0.py', ['B614@1:0']],
          ['f1.py', ['B614@2:0']],
          ['f2.py', ['B614@3:0']],
          ['f3.py', ['B614@4:0']],
          ['f4.py', ['B614@5:0']],
        ],
      );
      assert.strictEqual(pool.started, 2);
    } finally {
      await pool.dispose();
    }
  });

  it('replaces a worker that dies and re-queues its job; a job that kills twice is skipped', async () => {
    // A stand-in worker (the pool's protocol: `ready`, then batches of jobs, one reply per batch):
    // exits on files named crash-once.py the first time, always on crash-always.py, and logs each death.
    const script = path.join(dir, 'flaky-worker.js');
    const marker = path.join(dir, 'crashed-once');
    const deaths = path.join(dir, 'deaths.log');
    fs.writeFileSync(
      script,
      `
      const { parentPort } = require('worker_threads');
      const fs = require('fs');
      const die = () => { fs.appendFileSync(${JSON.stringify(deaths)}, 'x'); process.exit(3); };
      parentPort.postMessage({ ready: true });
      parentPort.on('message', ({ id, jobs }) => {
        for (const job of jobs) {
          if (job.file.endsWith('crash-always.py')) die();
          if (job.file.endsWith('crash-once.py') && !fs.existsSync(${JSON.stringify(marker)})) {
            fs.writeFileSync(${JSON.stringify(marker)}, '');
            die();
          }
        }
        parentPort.postMessage({ id, results: jobs.map((job) => ({ file: job.file, findings: [], lines: 1 })) });
      });
    `,
    );
    const pool = new WorkerPool(script, 1);
    try {
      const jobs = ['a.py', 'crash-once.py', 'b.py', 'crash-always.py', 'c.py'].map((f) => pool.run({ file: f, config: defaultConfig(), parseBudgetMs: 0 }));
      const results = await Promise.all(jobs);
      assert.deepStrictEqual(
        results.map((r) => [r.file, r.skipped ?? 'ok']),
        [
          ['a.py', 'ok'],
          ['crash-once.py', 'ok'],
          ['b.py', 'ok'],
          ['crash-always.py', 'the analysis worker crashed on this file'],
          ['c.py', 'ok'],
        ],
      );
      // The first worker, and one replacement per death: crash-once once, crash-always at least twice
      // alone (a batch it was part of may have died first; its files are then retried one by one).
      const died = fs.readFileSync(deaths, 'utf8').length;
      assert.ok(died >= 3, `deaths: ${died}`);
      assert.strictEqual(pool.started, 1 + died);
    } finally {
      await pool.dispose();
    }
  });

  it('stops a worker stuck on one file past its time limit; that file is skipped, its batch goes on', async function () {
    this.timeout(20000);
    // A stand-in that publishes its progress as the real worker does, and never finishes hang.py.
    const script = path.join(dir, 'hanging-worker.js');
    fs.writeFileSync(
      script,
      `
      const { parentPort, workerData } = require('worker_threads');
      const { encodeProgress, IDLE } = require(${JSON.stringify(path.resolve(__dirname, '../../server/src/workspace/pool.js'))});
      const progress = new BigInt64Array(workerData.progress);
      parentPort.postMessage({ ready: true });
      parentPort.on('message', ({ id, jobs }) => {
        const results = jobs.map((job, i) => {
          Atomics.store(progress, 0, encodeProgress(i, Date.now()));
          if (job.file === 'hang.py') for (;;) {}
          return { file: job.file, findings: [], lines: 1 };
        });
        Atomics.store(progress, 0, IDLE);
        parentPort.postMessage({ id, results });
      });
    `,
    );
    const pool = new WorkerPool(script, 1);
    try {
      const names = ['a.py', 'b.py', 'hang.py', 'c.py', 'd.py', 'e.py', 'f.py', 'g.py'];
      const results = await Promise.all(names.map((file) => pool.run({ file, config: defaultConfig(), parseBudgetMs: 100 })));
      assert.deepStrictEqual(
        results.map((r) => [r.file, r.skipped ?? 'ok']),
        names.map((n) => [n, n === 'hang.py' ? 'over its time limit: parsing and analysis took longer than 1200 ms' : 'ok']),
      );
      // Stopped at its limit (2 × 100 ms + 1 s), not left running: the message says so, the pool
      // started a second worker, and a hang would never resolve (the test's timeout bounds it).
      assert.strictEqual(pool.started, 2);
    } finally {
      await pool.dispose();
    }
  });
});
