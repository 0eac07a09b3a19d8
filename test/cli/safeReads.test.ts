// Every file mlsec reads is opened without blocking, checked to be a regular file and read with a size
// cap: committed links to /dev/zero (or FIFOs) as configuration, ignore file, baseline or cache return
// at once with a visible message. And nothing read is echoed raw: a baseline such as /etc/passwd is
// not quoted, and file names with newlines or ANSI escapes cannot forge report lines.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { hostileRepo, runBundled } from '../helpers/hostileRepo';
import { projectCacheDir } from '../../server/src/workspace/cache';

const LOAD = 'import torch\nstate = torch.load("m.pt")\n';
const ZERO = { link: '/dev/zero' };
const DEVICE = 'not a regular file (a character device)';

describe('safe reads: links to devices, FIFOs, oversized files', function () {
  this.timeout(60000);

  it('pyproject.toml, .bandit and .gitignore linked to /dev/zero: a prompt scan, one message each, findings intact', () => {
    const h = hostileRepo({ 'pyproject.toml': ZERO, '.bandit': ZERO, '.gitignore': ZERO, 'a.py': LOAD });
    const r = runBundled(['scan', '.'], { cwd: h.repo, timeoutMs: 20000 });
    assert.strictEqual(r.timedOut, false, 'the scan hung');
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stdout, /^a\.py:2:9: B614 /m);
    assert.deepStrictEqual(r.stderr.split('\n').filter(Boolean).sort(), [
      `mlsec: .bandit: ${DEVICE}; using defaults`,
      `mlsec: .gitignore: ${DEVICE}; ignored`,
      `mlsec: pyproject.toml: ${DEVICE}; using defaults`,
    ]);
  });

  it('a FIFO as pyproject.toml and an oversized .gitignore are refused without blocking', function () {
    const h = hostileRepo({ 'a.py': LOAD, '.gitignore': `${'# x\n'.repeat(300000)}` });
    if (spawnSync('mkfifo', [path.join(h.repo, 'pyproject.toml')]).status !== 0) this.skip();
    const r = runBundled(['scan', '.'], { cwd: h.repo, timeoutMs: 20000 });
    assert.strictEqual(r.timedOut, false, 'the scan hung');
    assert.strictEqual(r.code, 1, r.stderr);
    assert.deepStrictEqual(r.stderr.split('\n').filter(Boolean).sort(), [
      'mlsec: .gitignore: file is 1.1 MB, over the 1 MB limit; ignored',
      'mlsec: pyproject.toml: not a regular file (a FIFO); using defaults',
    ]);
  });

  it('a baseline linked to /dev/zero (named by the project or on the command line) and a cache file linked to it return promptly', () => {
    const h = hostileRepo({ 'pyproject.toml': '[tool.mlsec]\nbaseline = "base.json"\n', 'base.json': ZERO, 'zero.json': ZERO, 'a.py': LOAD });
    const project = runBundled(['scan', '.'], { cwd: h.repo, cacheHome: h.cache, timeoutMs: 20000 });
    assert.strictEqual(project.timedOut, false);
    assert.strictEqual(project.code, 1);
    assert.match(project.stderr, new RegExp(`^mlsec: ${path.join(h.repo, 'base.json')}: cannot read baseline: ${DEVICE.replace(/[()]/g, '\\$&')}; findings of its project are not filtered$`, 'm'));

    const named = runBundled(['scan', '--baseline', 'zero.json', '.'], { cwd: h.repo, cacheHome: h.cache, timeoutMs: 20000 });
    assert.strictEqual(named.timedOut, false);
    assert.strictEqual(named.code, 2);
    assert.match(named.stderr, /zero\.json: cannot read baseline: not a regular file \(a character device\)$/m);

    // The user's own cache file turned into a link to /dev/zero: ignored, then replaced by a real file.
    const cacheFile = path.join(projectCacheDir(path.join(h.cache, 'mlsec'), h.repo), 'scan-v2.json');
    fs.rmSync(cacheFile, { force: true });
    fs.symlinkSync('/dev/zero', cacheFile);
    const cached = runBundled(['scan', '--baseline', 'pyproject.toml', '.'], { cwd: h.repo, cacheHome: h.cache, timeoutMs: 20000 });
    assert.strictEqual(cached.timedOut, false);
    assert.match(cached.stderr, new RegExp(`^mlsec: warning: scan cache ${cacheFile} not read: not a regular file \\(a character device\\); starting afresh$`, 'm'));
    assert.ok(fs.lstatSync(cacheFile).isFile());
  });
});

describe('nothing read is echoed raw', function () {
  this.timeout(60000);

  it('a baseline outside the repository such as /etc/passwd is refused without quoting it', () => {
    const h = hostileRepo({ 'a.py': LOAD });
    const r = runBundled(['scan', '--baseline', '/etc/passwd', '.'], { cwd: h.repo });
    assert.strictEqual(r.code, 2);
    assert.deepStrictEqual(r.stderr.split('\n').filter(Boolean), ['mlsec: /etc/passwd: not a JSON baseline']);
  });

  it('file names with a newline or ANSI escapes are escaped in the report and on stderr', () => {
    const forged = 'x.py\nfake.py:1:1: B614 forged.py';
    const ansi = '\u001b[2J\u001b[31mred.py';
    const h = hostileRepo({ [forged.replace(/\//g, '_')]: LOAD, [ansi]: Buffer.from([0x00, 0x01]) });
    const r = runBundled(['scan', '.'], { cwd: h.repo });
    assert.strictEqual(r.code, 1);
    assert.ok(!r.stdout.includes('\u001b') && !r.stderr.includes('\u001b'));
    assert.deepStrictEqual(r.stdout.trimEnd().split('\n'), [
      '\\x1b[2J\\x1b[31mred.py:1:1: ML900 file not analysed: binary content (NUL bytes), not Python source: Python refuses NUL bytes too',
      'x.py\\nfake.py:1:1: B614 forged.py:2:9: B614 `torch.load` without `weights_only=True` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`',
      '',
      'Found 2 problems (2 errors) in 2 of 2 files, 1 skipped.',
    ]);
    assert.deepStrictEqual(r.stderr.split('\n').filter(Boolean), ['mlsec: \\x1b[2J\\x1b[31mred.py: skipped: binary content (NUL bytes), not Python source: Python refuses NUL bytes too']);
  });
});
