// The esbuild bundle runs from a folder with no node_modules above it: it must carry web-tree-sitter
// (its CommonJS build) and find both wasm files beside itself.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { TEST_CACHE_DIR } from '../helpers/cliRun';

const dist = path.resolve(__dirname, '../../../dist');

describe('bundled CLI (dist/mlsec.js)', () => {
  it('scans from an isolated folder with only the bundle and the two wasm files', () => {
    const iso = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-bundle-'));
    for (const f of ['mlsec.js', 'web-tree-sitter.wasm', 'tree-sitter-python.wasm']) fs.copyFileSync(path.join(dist, f), path.join(iso, f));
    fs.writeFileSync(path.join(iso, 'a.py'), 'from torch import load\nload(f)\n');
    const r = spawnSync(process.execPath, [path.join(iso, 'mlsec.js'), 'scan', 'a.py'], { cwd: iso, encoding: 'utf8', env: { ...process.env, MLSEC_CACHE_DIR: TEST_CACHE_DIR } });
    assert.strictEqual(r.stderr, '');
    assert.strictEqual(r.status, 1);
    assert.match(r.stdout, /^a\.py:2:1: B614 /);
  });
});
