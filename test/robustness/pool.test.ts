// Worker death in the scan pool: the dead worker is replaced, its job re-queued; a file that kills
// every worker that takes it is given up on (skipped with a reason) instead of looping; the pool and
// the other files carry on.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { WorkerPool } from '../../server/src/workspace/pool';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { project } from './helpers';

const VULNERABLE = 'import torch\ntorch.load("m.pt")\n';

describe('robustness: worker pool', function () {
  this.timeout(30000);

  it('replaces a worker that dies, re-queues its file, and gives up on a file that kills every worker', async () => {
    const dir = project({ 'a.py': VULNERABLE, 'die-once.py': VULNERABLE, 'die-always.py': VULNERABLE, 'b.py': VULNERABLE });
    const pool = new WorkerPool(path.resolve(__dirname, 'dyingWorker.js'), 2);
    try {
      const job = (name: string) => pool.run({ file: path.join(dir, name), config: defaultConfig(), parseBudgetMs: 5000 });
      const results = await Promise.all(['a.py', 'die-once.py', 'die-always.py', 'b.py'].map(job));
      assert.deepStrictEqual(
        results.map((r) => [path.basename(r.file), r.skipped ?? null, r.findings.map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character}`)]),
        [
          ['a.py', null, ['B614@1:0']],
          ['die-once.py', null, ['B614@1:0']], // analysed on its second attempt
          ['die-always.py', 'the analysis worker crashed on this file', []], // two workers lost, then given up
          ['b.py', null, ['B614@1:0']],
        ],
      );
      assert.ok(fs.existsSync(path.join(dir, 'die-once.py.died')), 'the first worker did die');
      // Three workers died (die-once once, die-always twice); each was replaced as long as work remained.
      assert.ok(pool.started >= 4, `workers started: ${pool.started}`);
      // And the pool still serves.
      const after = await job('a.py');
      assert.deepStrictEqual(
        after.findings.map((f) => f.code),
        ['B614'],
      );
    } finally {
      await pool.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
