// The CLI's project scan with workers: the workers analyse every file (this thread hands them out),
// results come back in file order and equal a scan on one thread, and the pool's crash policy holds.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { scanProject, ProjectScanStats, MIN_FILES_FOR_WORKERS } from '../../server/src/workspace/projectScan';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import type { FileResult } from '../../server/src/workspace/scanner';

function summary(results: FileResult[]): string[] {
  return results.map((r) => `${path.basename(r.file)} ${r.skipped ?? ''} ${r.findings.map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character}`).join(',')}`);
}

describe('project scan with workers', function () {
  this.timeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-projectscan-'));
  const files = Array.from({ length: MIN_FILES_FOR_WORKERS + 16 }, (_, i) => {
    const f = path.join(dir, `m${String(i).padStart(2, '0')}.py`);
    fs.writeFileSync(f, `import torch\n\ndef helper(x):\n    return x\n${'\n'.repeat(i % 5)}def load(p):\n    return torch.load(p)\n`);
    return f;
  });
  const config = defaultConfig();

  it('gives the results of a one-thread scan, in file order, with real workers', async () => {
    const one: ProjectScanStats = { files: 0, cached: 0, analysed: 0, threads: 0 };
    const two: ProjectScanStats = { files: 0, cached: 0, analysed: 0, threads: 0 };
    const alone = await scanProject(files, { threads: 1, configFor: () => config }, one);
    const together = await scanProject(files, { threads: 2, configFor: () => config }, two);
    assert.strictEqual(one.threads, 1);
    assert.strictEqual(two.threads, 2);
    assert.deepStrictEqual(summary(together), summary(alone));
    assert.strictEqual(summary(alone)[3], 'm03.py  B614@8:11');
  });

  it('hands every file to the workers and keeps file order', async () => {
    // A stand-in worker that marks what it analysed (lines: -1) and is slow to start.
    const script = path.join(dir, 'marking-worker.js');
    fs.writeFileSync(
      script,
      `
      const { parentPort } = require('worker_threads');
      setTimeout(() => parentPort.postMessage({ ready: true }), 300);
      parentPort.on('message', ({ id, jobs }) => parentPort.postMessage({ id, results: jobs.map((job) => ({ file: job.file, findings: [], lines: -1 })) }));
    `,
    );
    const stats: ProjectScanStats = { files: 0, cached: 0, analysed: 0, threads: 0 };
    const results = await scanProject(files, { threads: 2, workerScript: script, configFor: () => config }, stats);
    assert.deepStrictEqual(
      results.map((r) => r.file),
      files,
    );
    assert.deepStrictEqual(
      results.filter((r) => r.lines !== -1).map((r) => r.file),
      [],
    );
    assert.strictEqual(stats.threads, 2);
  });

  it('keeps the pool policy: a file that kills its worker twice is skipped, the rest analysed', async () => {
    const script = path.join(dir, 'crashing-worker.js');
    fs.writeFileSync(
      script,
      `
      const { parentPort } = require('worker_threads');
      parentPort.postMessage({ ready: true });
      parentPort.on('message', ({ id, jobs }) => {
        if (jobs.some((job) => job.file.endsWith('m01.py'))) process.exit(3);
        parentPort.postMessage({ id, results: jobs.map((job) => ({ file: job.file, findings: [], lines: -1 })) });
      });
    `,
    );
    const results = await scanProject(files, { threads: 2, workerScript: script, configFor: () => config });
    assert.strictEqual(results[1].skipped, 'the analysis worker crashed on this file');
    assert.ok(results.every((r, i) => i === 1 || !r.skipped));
  });
});
