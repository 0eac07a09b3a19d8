// Directory walks never leave the scanned folder (links to / or /proc/self are not followed), never
// loop, and are bounded in depth and entries with a visible trace when a bound is hit.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { hostileRepo, runBundled } from '../helpers/hostileRepo';
import { discoverFiles } from '../../server/src/workspace/discovery';

const LOAD = 'import torch\nstate = torch.load("m.pt")\n';

describe('bounded, cycle-safe walks that stay in the scanned folder', function () {
  this.timeout(60000);

  it('links to /, /proc/self and the parent folder are not followed (one stderr line each); the scan returns promptly', () => {
    const h = hostileRepo({ 'a.py': LOAD, root: { link: '/' }, proc: { link: '/proc/self' }, up: { link: '..' }, 'sub/loop': { link: '..' } }, { 'outside.py': LOAD });
    const r = runBundled(['scan', '.'], { cwd: h.repo, timeoutMs: 20000 });
    assert.strictEqual(r.timedOut, false, 'the walk did not stop');
    assert.strictEqual(r.code, 1, r.stderr);
    assert.deepStrictEqual(
      r.stdout
        .split('\n')
        .filter((l) => / B614 /.test(l))
        .map((l) => l.split(' ')[0]),
      ['a.py:2:9:'],
    );
    assert.deepStrictEqual(r.stderr.split('\n').filter(Boolean).sort(), [
      'mlsec: proc: not followed: link leaves the scanned folder',
      'mlsec: root: not followed: link leaves the scanned folder',
      'mlsec: up: not followed: link leaves the scanned folder',
    ]);
  });

  it('a folder nested deeper than 100 levels is reported as ML900 instead of walked', () => {
    const deep = Array.from({ length: 103 }, () => 'd').join('/');
    const h = hostileRepo({ 'a.py': LOAD, [`${deep}/hidden.py`]: LOAD });
    const r = runBundled(['scan', '.'], { cwd: h.repo, timeoutMs: 20000 });
    assert.strictEqual(r.code, 1);
    const at101 = Array.from({ length: 101 }, () => 'd').join('/');
    assert.match(r.stdout, new RegExp(`^${at101}:1:1: ML900 file not analysed: folder nested more than 100 levels deep below the scanned folder; not walked$`, 'm'));
  });

  it('a walk over its entry budget stops and says where', () => {
    const h = hostileRepo({ 'a/1.py': LOAD, 'a/2.py': LOAD, 'b/3.py': LOAD, 'b/4.py': LOAD });
    const found = discoverFiles([h.repo], { maxEntries: 5 });
    assert.deepStrictEqual(
      found.files.map((f) => path.relative(h.repo, f)),
      ['a/1.py', 'a/2.py'],
    );
    assert.deepStrictEqual(found.notAnalysed, [{ path: path.join(h.repo, 'b'), reason: 'the walk stopped after 5 entries; the rest of this folder and the folders after it were not walked' }]);
    assert.ok(fs.existsSync(path.join(h.repo, '.git')));
  });
});
