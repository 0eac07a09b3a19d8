// The pre-commit hooks, run by Debian's real `pre-commit` in a throwaway git repository, with the
// `repo: local` configuration the README gives (the `mlsec` command pointed at the bundle,
// `node dist/mlsec.js`) and the hooks of .pre-commit-hooks.yaml, which must say the same. pre-commit
// cannot fetch Node here, so the `language: node` install path is not exercised.
// Needs `pre-commit` on PATH; with MLSEC_PRECOMMIT=1 (set by .ci/run) it is installed with apt when
// missing, otherwise the test is skipped.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { parse, stringify } from 'yaml';

const root = path.resolve(__dirname, '../../..');
const BIN = path.join(root, 'dist/mlsec.js');

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  types: string[];
  require_serial?: boolean;
  args?: string[];
  stages?: string[];
}

function hasPreCommit(): boolean {
  return spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** The YAML block after `<!-- test/cli/precommit: local -->` in the README. */
function readmeLocalConfig(): { repos: { repo: string; hooks: Hook[] }[] } {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const m = /<!-- test\/cli\/precommit: local -->\n```yaml\n([\s\S]*?)```/.exec(readme);
  assert.ok(m, 'README.md lacks the repo: local pre-commit snippet');
  return parse(m[1]);
}

const B614_A = 'a.py:2:9: B614 `torch.load` without `weights_only=True` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`';

describe('pre-commit hooks (real pre-commit, repo: local)', function () {
  this.timeout(180000);
  let repo: string;
  let env: NodeJS.ProcessEnv;
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
  };
  const preCommit = (...args: string[]) => {
    const r = spawnSync('pre-commit', ['run', '--color', 'never', ...args], { cwd: repo, env, encoding: 'utf8', timeout: 120000 });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  };
  const read = (f: string) => fs.readFileSync(path.join(repo, f), 'utf8');

  before(function () {
    if (!hasPreCommit()) {
      if (process.env.MLSEC_PRECOMMIT !== '1') {
        console.log('    (pre-commit is not installed: skipped; MLSEC_PRECOMMIT=1 installs it)');
        this.skip();
      }
      const r = spawnSync('bash', [path.join(root, 'scripts/install-precommit.sh')], { stdio: 'inherit' });
      assert.strictEqual(r.status, 0, 'scripts/install-precommit.sh failed');
    }
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-precommit-'));
    repo = path.join(tmp, 'repo');
    fs.mkdirSync(repo);
    fs.mkdirSync(path.join(tmp, 'home'));
    env = { PATH: process.env.PATH, HOME: path.join(tmp, 'home'), PRE_COMMIT_HOME: path.join(tmp, 'cache'), GIT_CONFIG_NOSYSTEM: '1', LANG: 'C.UTF-8' };
    git('init', '-q');
  });
  after(() => {
    if (repo) fs.rmSync(path.dirname(repo), { recursive: true, force: true });
  });

  it('the README configuration and .pre-commit-hooks.yaml declare the same hooks', () => {
    const local = readmeLocalConfig().repos[0];
    assert.strictEqual(local.repo, 'local');
    const published = parse(fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
    const shape = (h: Hook) => ({ id: h.id, name: h.name, entry: h.entry, types: h.types, require_serial: h.require_serial });
    assert.deepStrictEqual(
      local.hooks.map(shape).sort((a, b) => a.id.localeCompare(b.id)),
      published.map(shape).sort((a, b) => a.id.localeCompare(b.id)),
    );
    assert.deepStrictEqual(
      published.map((h) => [h.id, h.language]),
      [
        ['mlsec', 'node'],
        ['mlsec-fix', 'node'],
      ],
    );
    assert.deepStrictEqual(
      local.hooks.map((h) => h.language),
      ['system', 'system'],
    );
  });

  it('fails with the exact finding, fixes, then passes; only the staged Python files are passed', () => {
    const config = readmeLocalConfig();
    const hooks = config.repos[0].hooks.map((h) => ({ ...h, entry: h.entry.replace(/^mlsec /, `node ${JSON.stringify(BIN)} `) }));
    // A manual-stage copy of the fix hook with --unsafe-fixes (torch.load's fix is unsafe).
    hooks.push({ ...hooks.find((h) => h.id === 'mlsec-fix')!, id: 'mlsec-unsafe-fix', args: ['--unsafe-fixes'], stages: ['manual'] });
    fs.writeFileSync(path.join(repo, '.pre-commit-config.yaml'), stringify({ repos: [{ repo: 'local', hooks }] }));
    fs.writeFileSync(path.join(repo, 'a.py'), 'import torch\nstate = torch.load(p)\n');
    fs.writeFileSync(path.join(repo, 'b.py'), 'import requests\nr = requests.get(url)\n');
    fs.writeFileSync(path.join(repo, 'tool'), '#!/usr/bin/env python3\nimport requests\nrequests.post(u)\n', { mode: 0o755 });
    fs.writeFileSync(path.join(repo, 'notes.txt'), 'torch.load(p)\n');
    fs.writeFileSync(path.join(repo, 'untracked.py'), 'import torch\ntorch.load(q)\n');
    git('add', '.pre-commit-config.yaml', 'a.py', 'b.py', 'tool', 'notes.txt');

    // 1. Both hooks on all tracked files: the fix hook fixes b.py and tool (safe timeouts) and so
    //    fails; the scan fails on a.py with the exact line. 3 files scanned: a.py, b.py and the
    //    python script `tool`, not notes.txt, not the untracked file.
    const first = preCommit('--all-files');
    assert.strictEqual(first.status, 1, first.out);
    assert.match(first.out, /^mlsec \(safe fixes\)\.+Failed\n- hook id: mlsec-fix\n- files were modified by this hook\n/m);
    assert.match(first.out, /^mlsec\.+Failed\n- hook id: mlsec\n- exit code: 1\n/m);
    assert.ok(first.out.includes(`\n${B614_A}\n\nFound 1 problem (1 error) in 1 of 3 files.\n`), first.out);
    assert.ok(!first.out.includes('untracked.py') && !first.out.includes('notes.txt'), first.out);
    assert.strictEqual(read('b.py'), 'import requests\nr = requests.get(url, timeout=30)\n');
    assert.strictEqual(read('tool'), '#!/usr/bin/env python3\nimport requests\nrequests.post(u, timeout=30)\n');
    assert.strictEqual(read('a.py'), 'import torch\nstate = torch.load(p)\n');

    // 2. The unsafe fix for torch.load, through the hook's args.
    git('add', '-u');
    const unsafe = preCommit('--hook-stage', 'manual', 'mlsec-unsafe-fix', '--all-files');
    assert.strictEqual(unsafe.status, 1, unsafe.out);
    assert.strictEqual(read('a.py'), 'import torch\nstate = torch.load(p, weights_only=True)\n');

    // 3. Everything fixed and staged: both hooks pass.
    git('add', '-u');
    const clean = preCommit('--all-files');
    assert.strictEqual(clean.status, 0, clean.out);
    assert.match(clean.out, /^mlsec \(safe fixes\)\.+Passed$/m);
    assert.match(clean.out, /^mlsec\.+Passed$/m);

    // 4. Without --all-files only the staged files are passed: after a commit, one new file.
    git('-c', 'user.name=mlsec test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'fixed');
    fs.writeFileSync(path.join(repo, 'new.py'), 'import torch\nmodel = torch.load(f)\n');
    git('add', 'new.py');
    const staged = preCommit('mlsec');
    assert.strictEqual(staged.status, 1, staged.out);
    assert.ok(
      staged.out.includes(
        '\nnew.py:2:9: B614 `torch.load` without `weights_only=True` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`\n\nFound 1 problem (1 error) in 1 of 1 file.\n',
      ),
      staged.out,
    );
  });
});

// The published hooks themselves (`language: node`), installed by pre-commit from this repository's
// last commit: npm installs the dev dependencies and `npm pack` bundles (≈ 3 min the first time,
// with the registry). Opt-in: MLSEC_PRECOMMIT_NODE=1.
describe('pre-commit hooks (real pre-commit, language: node from this repository)', function () {
  this.timeout(600000);
  it('installs the mlsec hook with npm and fails on the exact finding', function () {
    if (process.env.MLSEC_PRECOMMIT_NODE !== '1' || !hasPreCommit()) {
      console.log('    (opt-in: MLSEC_PRECOMMIT_NODE=1, with pre-commit installed)');
      this.skip();
    }
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-precommit-node-'));
    const repo = path.join(tmp, 'repo');
    fs.mkdirSync(repo);
    // The user's HOME stays: npm needs its configuration (registry, certificates) to install.
    const env = { ...process.env, PRE_COMMIT_HOME: path.join(tmp, 'cache'), LANG: 'C.UTF-8' };
    const rev = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
    fs.writeFileSync(path.join(repo, '.pre-commit-config.yaml'), stringify({ repos: [{ repo: root, rev, hooks: [{ id: 'mlsec' }] }] }));
    fs.writeFileSync(path.join(repo, 'a.py'), 'import torch\nstate = torch.load(p)\n');
    for (const args of [
      ['init', '-q'],
      ['add', '.'],
    ])
      assert.strictEqual(spawnSync('git', args, { cwd: repo, env }).status, 0);
    const r = spawnSync('pre-commit', ['run', '--color', 'never', '--all-files'], { cwd: repo, env, encoding: 'utf8', timeout: 580000 });
    const out = `${r.stdout}${r.stderr}`;
    assert.strictEqual(r.status, 1, out);
    assert.ok(out.includes(`\n${B614_A}\n\nFound 1 problem (1 error) in 1 of 1 file.\n`), out);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
