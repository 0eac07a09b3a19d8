// Hostile workspaces: symlink loops, unreadable files and folders, files that vanish mid-scan, and a
// huge excluded folder that must never be entered.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { cli, project, findingKeys, linesAbout } from './helpers';
import { scanFiles } from '../../server/src/workspace/scanner';
import { discoverPythonFiles } from '../../server/src/workspace/discovery';
import { defaultConfig } from '../../server/src/config/analysisConfig';

const VULNERABLE = 'import torch\ntorch.load("m.pt")\n';
const CLI_JS = path.resolve(__dirname, '../../server/src/cli/main.js');

describe('robustness: hostile workspaces', () => {
  it('follows symlinks without looping and scans each real file once', async () => {
    const dir = project({ 'pkg/a.py': VULNERABLE, 'pkg/sub/b.py': VULNERABLE });
    try {
      fs.symlinkSync('..', path.join(dir, 'pkg', 'sub', 'up')); // sub/up -> pkg: a cycle
      fs.symlinkSync('.', path.join(dir, 'pkg', 'self')); // pkg/self -> pkg
      fs.symlinkSync(path.join(dir, 'pkg'), path.join(dir, 'again')); // a second way into pkg
      fs.symlinkSync('loop2.py', path.join(dir, 'loop1.py')); // file links pointing at each other
      fs.symlinkSync('loop1.py', path.join(dir, 'loop2.py'));
      fs.symlinkSync('missing.txt', path.join(dir, 'dangling'));
      const r = await cli(['scan', '-q', '-f', 'json', '.'], dir);
      assert.strictEqual(r.code, 1, r.stderr);
      // `again` sorts before `pkg`, so the files are found through the link; each exactly once.
      assert.deepStrictEqual(findingKeys(JSON.parse(r.stdout)), ['again/a.py B614 2:1-2:11', 'again/sub/b.py B614 2:1-2:11']);
      assert.deepStrictEqual(r.stderr.split('\n').filter(Boolean).sort(), ['mlsec: loop1.py: cannot follow symbolic link: ELOOP', 'mlsec: loop2.py: cannot follow symbolic link: ELOOP']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports unreadable files and folders (run as an unprivileged user) and scans the rest', function () {
    this.timeout(30000);
    const dir = project({ 'good.py': VULNERABLE, 'secret.py': VULNERABLE, 'locked/inner.py': VULNERABLE, 'open/c.py': VULNERABLE });
    try {
      fs.chmodSync(dir, 0o755);
      for (const sub of ['open', 'locked']) fs.chmodSync(path.join(dir, sub), 0o755);
      fs.chmodSync(path.join(dir, 'secret.py'), 0o000);
      fs.chmodSync(path.join(dir, 'locked'), 0o000);
      // As root, permissions do not bite: drop to `nobody` for this one process. In CI (not root) they do.
      const command =
        process.getuid?.() === 0
          ? (['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI_JS, 'scan', '-f', 'json', '.']] as const)
          : ([process.execPath, [CLI_JS, 'scan', '-f', 'json', '.']] as const);
      const run = spawnSync(command[0], [...command[1]], { cwd: dir, encoding: 'utf8' });
      assert.strictEqual(run.status, 1, run.stderr);
      assert.deepStrictEqual(findingKeys(JSON.parse(run.stdout)), ['good.py B614 2:1-2:11', 'open/c.py B614 2:1-2:11', 'secret.py ML900 1:1-1:1']);
      assert.deepStrictEqual(linesAbout(run.stderr, 'secret.py'), ['mlsec: secret.py: skipped: permission denied']);
      assert.deepStrictEqual(linesAbout(run.stderr, 'locked'), ['mlsec: locked: cannot read folder: EACCES']);
    } finally {
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a file deleted during a scan is skipped with a reason; the files after it are still analysed', async () => {
    const dir = project({ 'a.py': VULNERABLE, 'b.py': VULNERABLE, 'c.py': VULNERABLE });
    try {
      const files = ['a.py', 'b.py', 'c.py'].map((f) => path.join(dir, f));
      const results = await scanFiles(files, {
        configFor: () => defaultConfig(),
        onFile: (r) => {
          if (r.file.endsWith('a.py')) fs.unlinkSync(path.join(dir, 'b.py'));
        },
      });
      assert.deepStrictEqual(
        results.map((r) => [path.basename(r.file), r.skipped ?? null, r.findings.length]),
        [
          ['a.py', null, 1],
          ['b.py', 'file no longer exists', 0],
          ['c.py', null, 1],
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a file named on the command line that is a FIFO is skipped, not read (which would block), and reported as ML900', async function () {
    const dir = project({ 'good.py': VULNERABLE });
    try {
      const fifo = spawnSync('mkfifo', [path.join(dir, 'pipe.py')]);
      if (fifo.status !== 0) this.skip();
      const r = await cli(['scan', '-q', '-f', 'json', 'pipe.py', 'good.py'], dir);
      assert.deepStrictEqual(findingKeys(JSON.parse(r.stdout)), ['good.py B614 2:1-2:11', 'pipe.py ML900 1:1-1:1']);
      assert.deepStrictEqual(linesAbout(r.stderr, 'pipe.py'), ['mlsec: pipe.py: skipped: not a regular file (a FIFO)']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never enters a huge excluded folder (node_modules, .gitignored): no fs call touches anything inside', () => {
    const files: Record<string, string> = { '.gitignore': 'data/\n', 'src/a.py': VULNERABLE };
    for (let i = 0; i < 100; i++) {
      files[`node_modules/pkg${i}/deep/mod.py`] = VULNERABLE;
      files[`data/shard${i}/x.py`] = VULNERABLE;
    }
    const dir = project(files);
    fs.mkdirSync(path.join(dir, '.git'));
    const touched: string[] = [];
    const spied = ['readdirSync', 'statSync', 'lstatSync', 'realpathSync', 'readFileSync', 'existsSync', 'opendirSync'] as const;
    // The module object itself (the `import * as` namespace has getters only; they read through to it).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the mutable module object, which `import` does not give
    const fsAny = require('fs') as Record<string, (...a: unknown[]) => unknown>;
    const originals = spied.map((name) => fsAny[name]);
    spied.forEach((name, i) => {
      fsAny[name] = function (this: unknown, ...args: unknown[]) {
        if (typeof args[0] === 'string') touched.push(args[0]);
        return originals[i].apply(this, args);
      };
    });
    let found: string[];
    try {
      found = discoverPythonFiles([dir]);
    } finally {
      spied.forEach((name, i) => (fsAny[name] = originals[i]));
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.deepStrictEqual(found, [path.join(dir, 'src', 'a.py')]);
    assert.ok(touched.length > 0, 'the spy saw the walk');
    const inside = touched.filter(
      (p) => p.startsWith(path.join(dir, 'node_modules') + path.sep) || p.startsWith(path.join(dir, 'data') + path.sep) || p === path.join(dir, 'data') || p === path.join(dir, 'node_modules'),
    );
    assert.deepStrictEqual(inside, []);
  });
});
