// The CLI's content-hash scan cache: what is reused, what is analysed again, and what voids it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { scanProject, ProjectScanStats } from '../../server/src/workspace/projectScan';
import { ScanCache, projectCacheDir } from '../../server/src/workspace/cache';
import { defaultConfig, AnalysisConfig } from '../../server/src/config/analysisConfig';
import { runCliCaptured as cli, TEST_CACHE_DIR } from '../helpers/cliRun';

const OLD = new Date('2024-01-02T03:04:05Z');

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-cache-'));
  fs.writeFileSync(path.join(dir, 'a.py'), 'import torch\nx = torch.load(f)\n');
  fs.writeFileSync(path.join(dir, 'b.py'), 'import requests\nrequests.get(u, timeout=5)\n');
  fs.writeFileSync(path.join(dir, 'c.py'), 'def add(a, b):\n    return a + b\n');
  // Old mtimes: entries are trusted by (mtime, size) only for files not modified in the last seconds.
  for (const f of ['a.py', 'b.py', 'c.py']) fs.utimesSync(path.join(dir, f), OLD, OLD);
  return dir;
}

async function scan(dir: string, config: AnalysisConfig = defaultConfig()) {
  const cache = ScanCache.open(path.join(dir, 'cache'));
  const files = ['a.py', 'b.py', 'c.py'].map((f) => path.join(dir, f));
  const stats: ProjectScanStats = { files: 0, cached: 0, analysed: 0, threads: 0 };
  const results = await scanProject(files, { cache, threads: 1, configFor: () => config }, stats);
  assert.strictEqual(cache.save(), undefined);
  return { stats, codes: results.map((r) => r.findings.map((f) => `${f.code}@${f.range.start.line + 1}:${f.range.start.character + 1}`)) };
}

describe('scan cache (per-user folder)', () => {
  it('reuses every result of an unchanged project and reports the same findings', async () => {
    const dir = project();
    const cold = await scan(dir);
    assert.deepStrictEqual(cold.stats, { files: 3, cached: 0, analysed: 3, threads: 1 });
    assert.deepStrictEqual(cold.codes, [['B614@2:5'], [], []]);
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'cache')), ['scan-v2.json']);
    assert.strictEqual(fs.statSync(path.join(dir, 'cache')).mode & 0o777, 0o700);
    const warm = await scan(dir);
    assert.deepStrictEqual(warm.stats, { files: 3, cached: 3, analysed: 0, threads: 0 });
    assert.deepStrictEqual(warm.codes, cold.codes);
  });

  it('analyses a changed file again, and only that file', async () => {
    const dir = project();
    await scan(dir);
    fs.writeFileSync(path.join(dir, 'b.py'), 'import requests\nrequests.get(u)\n');
    fs.utimesSync(path.join(dir, 'b.py'), OLD, new Date('2024-05-06T07:08:09Z'));
    const after = await scan(dir);
    assert.strictEqual(after.stats.analysed, 1);
    assert.deepStrictEqual(after.codes, [['B614@2:5'], ['B113@2:1'], []]);
  });

  it('a touched file with the same content is matched by its hash, not analysed', async () => {
    const dir = project();
    await scan(dir);
    const now = new Date();
    fs.utimesSync(path.join(dir, 'a.py'), now, now);
    const after = await scan(dir);
    assert.deepStrictEqual([after.stats.cached, after.stats.analysed], [3, 0]);
    assert.deepStrictEqual(after.codes[0], ['B614@2:5']);
  });

  it('a recently written file is checked by hash even when its size and mtime look unchanged', async () => {
    const dir = project();
    const file = path.join(dir, 'c.py');
    const stamp = new Date();
    fs.utimesSync(file, stamp, stamp);
    await scan(dir);
    // Same size, same mtime, different content: only the hash can tell.
    fs.writeFileSync(file, 'import torch\ny = torch.load(g)\n'.padEnd(fs.statSync(file).size, ' ').slice(0, fs.statSync(file).size));
    fs.utimesSync(file, stamp, stamp);
    const after = await scan(dir);
    assert.strictEqual(after.stats.analysed, 1);
    assert.deepStrictEqual(after.codes[2], ['B614@2:5']);
  });

  it('a different configuration, or another version or rule set, voids the entries', async () => {
    const dir = project();
    await scan(dir);
    const other = { ...defaultConfig(), ignore: ['B614'] };
    const reconfigured = await scan(dir, other);
    assert.deepStrictEqual([reconfigured.stats.analysed, reconfigured.codes[0]], [3, []]);
    const foreign = ScanCache.open(path.join(dir, 'cache'), 'another-version');
    assert.strictEqual(foreign.byStat(path.join(dir, 'a.py'), fs.statSync(path.join(dir, 'a.py')), 'x'), undefined);
  });

  it("the CLI writes the cache in the per-user folder, keyed by the project's real path, and --no-cache writes nothing", async () => {
    const dir = project();
    const projectCache = projectCacheDir(TEST_CACHE_DIR, fs.realpathSync(dir));
    const first = await cli(['scan', '--no-cache', '-q', '.'], dir);
    assert.strictEqual(first.code, 1);
    assert.ok(!fs.existsSync(projectCache));
    const second = await cli(['scan', '-q', '.'], dir);
    assert.deepStrictEqual(fs.readdirSync(projectCache), ['scan-v2.json']);
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['a.py', 'b.py', 'c.py']); // nothing written into the project
    const third = await cli(['scan', '-q', '.'], dir);
    assert.deepStrictEqual([second.code, third.code], [1, 1]);
    assert.strictEqual(third.stdout, second.stdout);
    assert.strictEqual(second.stdout, first.stdout);
    assert.strictEqual(third.stderr, '');
  });
});
