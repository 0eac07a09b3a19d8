// `npx mlsec scan` from the npm package: `npm pack` ships only the bundles, the wasm files, the rule
// pages, README, LICENSE, SECURITY.md (and the VS Code strings the .vsix shares the list with); the
// tarball installs into an empty project with no network (no runtime dependencies: everything is
// bundled) and its `mlsec` bin scans.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync, SpawnSyncOptionsWithStringEncoding } from 'child_process';

const root = path.resolve(__dirname, '../../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// A registry nobody answers on: installing must not need one.
const OFFLINE = ['--offline', '--no-audit', '--no-fund', '--registry', 'http://127.0.0.1:9/'];

function run(cmd: string, args: string[], options: Omit<SpawnSyncOptionsWithStringEncoding, 'encoding'>) {
  return spawnSync(cmd, args, { encoding: 'utf8', timeout: 120000, ...options, env: { ...process.env, npm_config_update_notifier: 'false', ...options.env } });
}

describe('the npm package: npx mlsec scan', function () {
  this.timeout(180000);
  let tmp: string;
  let tarball: string;
  let packed: string[];

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-npm-'));
    // The bundles `npm test` just built; --ignore-scripts skips `prepare`, which would rebuild them.
    const r = run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], { cwd: root });
    assert.strictEqual(r.status, 0, r.stderr);
    const info = JSON.parse(r.stdout)[0];
    tarball = path.join(tmp, info.filename);
    packed = info.files.map((f: { path: string }) => f.path).sort();
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('ships exactly the bundles, wasm, rule pages, README, LICENSE, SECURITY.md, package.json and package.nls.json', () => {
    const pages = fs
      .readdirSync(path.join(root, 'docs/rules'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/rules/${f}`);
    const bundles = fs
      .readdirSync(path.join(root, 'dist'))
      .filter((f) => /\.(js|wasm)$/.test(f))
      .map((f) => `dist/${f}`);
    assert.ok(bundles.includes('dist/mlsec.js') && bundles.includes('dist/tree-sitter-python.wasm'));
    assert.deepStrictEqual(packed, [...bundles, ...pages, 'LICENSE', 'README.md', 'SECURITY.md', 'package.json', 'package.nls.json'].sort());
  });

  it('declares no runtime dependencies and points its bins at shipped files', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.strictEqual(pkg.dependencies, undefined);
    for (const bin of Object.values(pkg.bin) as string[]) assert.ok(packed.includes(bin), bin);
  });

  it('installs from the tarball with no network, and `npx mlsec scan` reports the exact finding', () => {
    const project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }\n');
    fs.writeFileSync(path.join(project, 'train.py'), 'import torch\nstate = torch.load(p)\n');
    const install = run(npm, ['install', ...OFFLINE, tarball], { cwd: project });
    assert.strictEqual(install.status, 0, `${install.stdout}\n${install.stderr}`);
    const version = run(npm, ['exec', ...OFFLINE, '--', 'mlsec', '--version'], { cwd: project });
    assert.strictEqual(version.stdout, `mlsec ${JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version}\n`, version.stderr);
    const scan = run('npx', [...OFFLINE, 'mlsec', 'scan', '--no-cache', 'train.py'], { cwd: project });
    assert.strictEqual(scan.status, 1, scan.stderr);
    assert.strictEqual(scan.stdout.split('\n')[0], 'train.py:2:9: B614 `torch.load` without `weights_only=True` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`');
  });
});
