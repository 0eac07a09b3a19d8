// mlsec never writes outside the folders it owns and never follows a link out of the scanned folder;
// the scan cache cannot be forged from the repository. Each hostile repository is a real git
// repository; the bundled CLI runs on it as a user would.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { hostileRepo, runBundled, snapshot } from '../helpers/hostileRepo';
import { pruneCacheBase, projectCacheDir, ScanCache, CACHE_MAX_AGE_MS } from '../../server/src/workspace/cache';

const LOAD = 'import torch\nstate = torch.load("m.pt")\n';
const FIXABLE = 'import requests\nr = requests.get(u)\n';
const FIXED = 'import requests\nr = requests.get(u, timeout=30)\n';

interface Report {
  findings: { path: string; code: string; line: number; message: string }[];
}
const keys = (r: Report) => r.findings.map((f) => `${f.path} ${f.code} ${f.line}`);

describe('mlsec writes only where it owns', function () {
  this.timeout(60000);

  it('a committed .mlsec-cache -> ../elsewhere gets nothing written through it; the cache goes to the per-user folder (0700)', () => {
    const h = hostileRepo({ 'a.py': LOAD, '.mlsec-cache': { link: '../outside/elsewhere' } }, { 'elsewhere/.gitignore': 'keep-me\n', 'elsewhere/notes.txt': 'mine\n' });
    const outsideBefore = snapshot(h.outside);
    const repoBefore = snapshot(h.repo);
    const r = runBundled(['scan', '-f', 'json', '.'], { cwd: h.repo, cacheHome: h.cache });
    assert.strictEqual(r.code, 1, r.stderr);
    assert.deepStrictEqual(keys(JSON.parse(r.stdout)), ['a.py B614 2']);
    assert.deepStrictEqual(snapshot(h.outside), outsideBefore);
    assert.deepStrictEqual(snapshot(h.repo), repoBefore);
    const projectDir = projectCacheDir(path.join(h.cache, 'mlsec'), h.repo);
    assert.deepStrictEqual(fs.readdirSync(projectDir), ['scan-v2.json']);
    assert.strictEqual(fs.statSync(path.join(h.cache, 'mlsec')).mode & 0o777, 0o700);
    assert.strictEqual(fs.statSync(projectDir).mode & 0o777, 0o700);
  });

  it('--fix never follows link.py -> ../outside/important.py: reported once as ML900, the outside file untouched', () => {
    const h = hostileRepo({ 'own.py': FIXABLE, 'link.py': { link: '../outside/important.py' } }, { 'important.py': FIXABLE });
    const r = runBundled(['scan', '--fix', '-f', 'json', '.'], { cwd: h.repo, cacheHome: h.cache });
    assert.strictEqual(fs.readFileSync(path.join(h.outside, 'important.py'), 'utf8'), FIXABLE);
    assert.strictEqual(fs.readFileSync(path.join(h.repo, 'own.py'), 'utf8'), FIXED);
    assert.ok(fs.lstatSync(path.join(h.repo, 'link.py')).isSymbolicLink());
    const report = JSON.parse(r.stdout) as Report;
    assert.deepStrictEqual(
      report.findings.map((f) => [f.path, f.code, f.line, f.message]),
      [['link.py', 'ML900', 1, 'file not analysed: link leaves the scanned folder']],
    );
    assert.strictEqual(r.code, 1, r.stderr);
  });

  it('a link inside the folder to a file inside it is followed, and the real file is reported (and fixed) once', () => {
    const h = hostileRepo({ 'a.py': `${LOAD}${FIXABLE}`, 'alias.py': { link: 'a.py' }, 'sub/again.py': { link: '../a.py' } });
    const r = runBundled(['scan', '--fix', '.'], { cwd: h.repo, cacheHome: h.cache });
    assert.deepStrictEqual(r.stdout.split('\n').slice(0, 2), ['a.py: fixed 1 (B113×1)', 'Fixed 1 problem in 1 file.']);
    assert.match(r.stdout, /^Found 1 problem \(1 error\) in 1 of 1 file\.$/m);
    assert.strictEqual(fs.readFileSync(path.join(h.repo, 'a.py'), 'utf8'), `${LOAD}${FIXED}`);
    assert.ok(fs.lstatSync(path.join(h.repo, 'alias.py')).isSymbolicLink());
  });

  it('a forged cache committed to the repository (old layout and new) cannot hide a torch.load finding', () => {
    const h = hostileRepo({ 'a.py': LOAD });
    // The attacker runs mlsec on their own copy, then forges every cache file it wrote: no findings.
    const first = runBundled(['scan', '-f', 'json', '.'], { cwd: h.repo, cacheHome: h.cache });
    assert.strictEqual(first.code, 1, first.stderr);
    const written = [...snapshot(h.repo).keys(), ...[...snapshot(h.cache).keys()].map((k) => path.join('..', 'cache', k))].filter((k) => /scan-v\d+\.json$/.test(k));
    assert.ok(written.length > 0, 'the first run wrote a cache somewhere');
    for (const rel of written) {
      const file = path.join(h.repo, rel);
      const data = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const e of Object.values(data.entries) as { result: { findings: unknown[] } }[]) e.result.findings = [];
      const forged = JSON.stringify(data);
      // Committed where old versions read it, and where this version's per-user layout would put it.
      for (const target of ['.mlsec-cache/scan-v1.json', path.join('.cache', path.relative(h.cache, file)), rel.startsWith('..') ? undefined : rel]) {
        if (!target) continue;
        fs.mkdirSync(path.dirname(path.join(h.repo, target)), { recursive: true });
        fs.writeFileSync(path.join(h.repo, target), forged);
      }
    }
    const victim = runBundled(['scan', '-f', 'json', '.'], { cwd: h.repo });
    assert.deepStrictEqual(keys(JSON.parse(victim.stdout)), ['a.py B614 2']);
    assert.strictEqual(victim.code, 1);
  });

  it('a per-user cache folder that is a link is refused with a warning; nothing is written through it', () => {
    const h = hostileRepo({ 'a.py': LOAD }, { 'elsewhere/keep.txt': 'mine\n' });
    fs.mkdirSync(h.cache);
    fs.symlinkSync(path.join(h.outside, 'elsewhere'), path.join(h.cache, 'mlsec'));
    const before = snapshot(h.outside);
    const r = runBundled(['scan', '.'], { cwd: h.repo, cacheHome: h.cache });
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, new RegExp(`^mlsec: warning: scan cache not written: ${path.join(h.cache, 'mlsec')} is a link$`, 'm'));
    assert.deepStrictEqual(snapshot(h.outside), before);
  });

  it('a link owned by another user on the way to the cache folder is refused', function () {
    if (process.getuid?.() !== 0) this.skip(); // only root can make a link owned by someone else
    const h = hostileRepo({ 'a.py': LOAD }, { 'elsewhere/keep.txt': 'mine\n' });
    const planted = path.join(h.base, 'planted-cache');
    fs.symlinkSync(path.join(h.outside, 'elsewhere'), planted);
    fs.lchownSync(planted, 65534, 65534);
    const before = snapshot(h.outside);
    const r = runBundled(['scan', '.'], { cwd: h.repo, env: { XDG_CACHE_HOME: planted } });
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, new RegExp(`^mlsec: warning: scan cache not written: ${planted} is a link owned by another user$`, 'm'));
    assert.deepStrictEqual(snapshot(h.outside), before);
  });

  it('--output and --write-baseline replace a committed link at that name instead of writing through it', () => {
    const h = hostileRepo(
      { 'a.py': LOAD, 'report.json': { link: '../outside/victim.txt' }, 'base.json': { link: '../outside/victim2.txt' } },
      { 'victim.txt': 'precious\n', 'victim2.txt': 'precious too\n' },
    );
    const before = snapshot(h.outside);
    const out = runBundled(['scan', '-f', 'json', '-o', 'report.json', '.'], { cwd: h.repo, cacheHome: h.cache });
    assert.strictEqual(out.code, 1, out.stderr);
    const base = runBundled(['scan', '--write-baseline', 'base.json', '.'], { cwd: h.repo, cacheHome: h.cache });
    assert.strictEqual(base.code, 0, base.stderr);
    assert.deepStrictEqual(snapshot(h.outside), before);
    assert.ok(fs.lstatSync(path.join(h.repo, 'report.json')).isFile());
    assert.deepStrictEqual(keys(JSON.parse(fs.readFileSync(path.join(h.repo, 'report.json'), 'utf8'))), ['a.py B614 2']);
    assert.strictEqual(JSON.parse(fs.readFileSync(path.join(h.repo, 'base.json'), 'utf8')).findings.length, 1);
    assert.deepStrictEqual(
      fs.readdirSync(h.repo).filter((n) => n.endsWith('.tmp')),
      [],
    );
  });

  it('prunes project caches unused for 30 days and stale temp files; a failed rename leaves no temp file', () => {
    const h = hostileRepo({});
    const base = path.join(h.cache, 'mlsec');
    const old = projectCacheDir(base, '/old/project');
    const recent = projectCacheDir(base, '/recent/project');
    for (const d of [old, recent]) {
      fs.mkdirSync(d, { recursive: true });
      fs.writeFileSync(path.join(d, 'scan-v2.json'), '{}');
    }
    fs.writeFileSync(path.join(recent, 'scan-v2.json.123.abcd.tmp'), 'left by a run that died');
    const longAgo = new Date(Date.now() - CACHE_MAX_AGE_MS - 86400000);
    fs.utimesSync(path.join(old, 'scan-v2.json'), longAgo, longAgo);
    fs.utimesSync(path.join(recent, 'scan-v2.json.123.abcd.tmp'), longAgo, longAgo);
    pruneCacheBase(base);
    assert.deepStrictEqual(fs.readdirSync(base).sort(), [path.basename(recent)]);
    assert.deepStrictEqual(fs.readdirSync(recent), ['scan-v2.json']);

    // The cache file's place is taken by a folder: the rename fails, the error is returned, no .tmp stays.
    const cache = ScanCache.open(path.join(h.base, 'proj'), undefined, base);
    fs.mkdirSync(path.join(h.base, 'proj', 'scan-v2.json'), { recursive: true });
    fs.writeFileSync(path.join(h.repo, 'x.py'), 'x = 1\n');
    cache.set(path.join(h.repo, 'x.py'), fs.statSync(path.join(h.repo, 'x.py')), 'h', 'c', { file: path.join(h.repo, 'x.py'), findings: [], lines: 1 });
    assert.match(cache.save() ?? '', /^cannot write the scan cache in .*: EISDIR/);
    assert.deepStrictEqual(fs.readdirSync(path.join(h.base, 'proj')), ['scan-v2.json']);
  });
});
