// Fuzz: random hostile repository layouts — links inside and out of the folder, links to /, /proc/self
// and /dev/zero, FIFOs, ignore files of `*`, huge or binary configurations, forged caches in the old
// and the new layout — scanned (and sometimes fixed) by the CLI. Invariants, for every layout:
//   - nothing is written outside the scanned folder except mlsec's own files in the per-user cache;
//     a scan without --fix writes nothing in the folder either; --fix changes only Python files;
//   - every run ends within its budget;
//   - no finding is lost relative to a clean copy of the sources (the same Python files as plain
//     files, nothing else): each one is reported again, or its file is an ML900 finding.
// Most cases run the CLI in-process; a few run the bundled binary on a real git repository.
// `MLSEC_PROPERTY_SEED=random` (or a number) explores other layouts; a failure prints its seed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import fc from 'fast-check';
import { runCliCaptured } from '../helpers/cliRun';
import { hostileRepo, runBundled, snapshot, RepoEntry } from '../helpers/hostileRepo';
import { cacheSalt, configHash, projectCacheDir, hashBytes } from '../../server/src/workspace/cache';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { loadPython } from '../../server/src/analysis/parser';

/** Python sources and the findings a clean scan reports in each (code@line), fixed by the first test. */
const SOURCES: Record<string, string> = {
  load: 'import torch\nstate = torch.load("m.pt")\n',
  get: 'import requests\nr = requests.get(u)\n',
  both: 'import torch, requests\nrequests.get(u)\nx = torch.load(p)\n',
  clean: 'def add(a, b):\n    return a + b\n',
};
const DIRS = ['', 'p', 'p/q', 'r'];
const NAMES = ['a.py', 'b.py', 'c.py', 'z.py'];
const CONFIG_NAMES = ['.gitignore', 'pyproject.toml', '.bandit'];
const CONFIGS = [
  '*\n',
  '[tool.mlsec]\nexclude = ["**"]\n',
  '[tool.mlsec]\nbaseline = "/etc/passwd"\n',
  '[tool.mlsec]\nbaseline = "missing.json"\n',
  '[bandit]\nexclude = p,r\n',
  `${'# filler\n'.repeat(140000)}`, // over the 1 MB cap
  '\u0000\u0001binary\uffff',
  '[tool.mlsec\nbroken',
];
const LINK_TARGETS = ['/', '/proc/self', '/dev/zero', '..', '../..', 'missing.py', 'OUTSIDE', 'INSIDE', 'INSIDE_DIR'];

type Spec =
  | { kind: 'source'; dir: string; name: string; source: string }
  | { kind: 'config'; dir: string; name: string; content: string }
  | { kind: 'link'; dir: string; name: string; target: string }
  | { kind: 'fifo'; dir: string; name: string }
  | { kind: 'forgedCache'; layout: 'old' | 'new' };

const spec: fc.Arbitrary<Spec> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('source' as const), dir: fc.constantFrom(...DIRS), name: fc.constantFrom(...NAMES), source: fc.constantFrom(...Object.keys(SOURCES)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('config' as const), dir: fc.constantFrom(...DIRS), name: fc.constantFrom(...CONFIG_NAMES), content: fc.constantFrom(...CONFIGS) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('link' as const),
      dir: fc.constantFrom(...DIRS),
      name: fc.constantFrom(...NAMES, ...CONFIG_NAMES, 'linkdir', '.mlsec-cache'),
      target: fc.constantFrom(...LINK_TARGETS),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fifo' as const), dir: fc.constantFrom(...DIRS), name: fc.constantFrom(...NAMES, 'pyproject.toml', '.gitignore') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('forgedCache' as const), layout: fc.constantFrom('old' as const, 'new' as const) }) },
);
const layout = fc.record({ specs: fc.array(spec, { minLength: 1, maxLength: 7 }), fix: fc.boolean() });

interface Built {
  /** Regular Python files: real path → source key. */
  sources: Map<string, string>;
}

/**
 * Lays out `specs` in `repo` (first one at a path wins). Sources go first, then forged caches (in
 * folders reserved for them, so the harness itself never writes through a link), then the rest.
 */
function build(repo: string, outside: string, specs: Spec[], cacheBase: string): Built {
  const sources = new Map<string, string>();
  const forged = specs.filter((s): s is Extract<Spec, { kind: 'forgedCache' }> => s.kind === 'forgedCache');
  const taken = new Set<string>([...DIRS.filter(Boolean), ...(forged.length > 0 ? ['.mlsec-cache', '.cache'] : [])]);
  const placed: Exclude<Spec, { kind: 'forgedCache' }>[] = [];
  for (const s of specs) {
    if (s.kind === 'forgedCache') continue;
    const rel = path.join(s.dir, s.name);
    if (taken.has(rel)) continue;
    taken.add(rel);
    placed.push(s);
  }
  for (const d of DIRS) fs.mkdirSync(path.join(repo, d), { recursive: true });
  for (const s of placed) {
    if (s.kind !== 'source') continue;
    const abs = path.join(repo, s.dir, s.name);
    fs.writeFileSync(abs, SOURCES[s.source]);
    sources.set(abs, s.source);
  }
  // Forged caches: every Python file "analysed" with no findings, with this version's salt, the
  // files' real stat and hash, in the old in-project place and in the per-user layout copied into
  // the project.
  for (const f of forged) {
    const entries: Record<string, unknown> = {};
    for (const [file, key] of sources) {
      const st = fs.statSync(file);
      entries[file] = { mtimeMs: st.mtimeMs, size: st.size, hash: hashBytes(Buffer.from(SOURCES[key])), config: configHash(defaultConfig()), result: { findings: [], lines: 2 } };
    }
    const data = JSON.stringify({ format: f.layout === 'old' ? 1 : 2, salt: cacheSalt(), entries });
    const where =
      f.layout === 'old' ? path.join(repo, '.mlsec-cache', 'scan-v1.json') : path.join(repo, '.cache', path.relative(path.dirname(cacheBase), projectCacheDir(cacheBase, repo)), 'scan-v2.json');
    fs.mkdirSync(path.dirname(where), { recursive: true });
    fs.writeFileSync(where, data);
  }
  for (const s of placed) {
    const abs = path.join(repo, s.dir, s.name);
    if (s.kind === 'config') fs.writeFileSync(abs, s.content);
    else if (s.kind === 'fifo')
      fs.linkSync(fifoTemplate, abs); // a hard link to one FIFO: no mkfifo process per case
    else if (s.kind === 'link') {
      const target =
        s.target === 'OUTSIDE'
          ? path.relative(path.dirname(abs), path.join(outside, 'important.py'))
          : s.target === 'INSIDE'
            ? path.relative(path.dirname(abs), path.join(repo, 'z.py'))
            : s.target === 'INSIDE_DIR'
              ? path.relative(path.dirname(abs), path.join(repo, 'p'))
              : s.target;
      fs.symlinkSync(target || '.', abs);
    }
  }
  return { sources };
}

interface JsonReport {
  findings: { path: string; code: string; line: number }[];
}

/** What each source reports in a clean copy: computed once by scanning each source alone. */
const cleanFindings = new Map<string, string[]>();

async function cleanScan(cacheDir: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-clean-'));
  try {
    for (const [key, text] of Object.entries(SOURCES)) fs.writeFileSync(path.join(dir, `${key}.py`), text);
    const r = await runCliCaptured(['scan', '-q', '-f', 'json', '--no-cache', '.'], dir, { MLSEC_CACHE_DIR: cacheDir });
    const report = JSON.parse(r.stdout) as JsonReport;
    for (const key of Object.keys(SOURCES))
      cleanFindings.set(
        key,
        report.findings.filter((f) => f.path === `${key}.py`).map((f) => `${f.code}@${f.line}`),
      );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Per run: generous (a tiny repository scans in well under a second) so a loaded machine cannot fail it. */
const RUN_BUDGET_MS = 60000;
/**
 * Where layouts are built: a memory file system when there is one (mkdir and fsync on a disk cost
 * more than the scan itself, 2,000 times over), else the OS temp folder.
 */
const LAYOUT_ROOT = (() => {
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
})();
const stats = { cases: 0, ml900: 0, findings: 0, fixed: 0 };

/** The per-user cache may hold only mlsec's own files. */
function checkCacheFolder(cacheBase: string): void {
  if (!fs.existsSync(cacheBase)) return;
  for (const [rel, kind] of snapshot(cacheBase)) {
    const ok = rel === 'CACHEDIR.TAG' || (/^[0-9a-f]{32}$/.test(rel) && kind === 'dir') || /^[0-9a-f]{32}\/scan-v2\.json$/.test(rel);
    assert.ok(ok, `unexpected entry in the cache folder: ${rel} (${kind.slice(0, 40)})`);
  }
}

async function checkLayout(l: { specs: Spec[]; fix: boolean }): Promise<void> {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(LAYOUT_ROOT, 'mlsec-layout-')));
  const repo = path.join(base, 'repo');
  const outside = path.join(base, 'outside');
  const cacheBase = path.join(base, 'cache', 'mlsec');
  try {
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'important.py'), SOURCES.get);
    fs.writeFileSync(path.join(outside, '.gitignore'), 'keep\n');
    const built = build(repo, outside, l.specs, cacheBase);
    const outsideBefore = snapshot(outside);
    const repoBefore = snapshot(repo);
    // --no-ignore: ignore files and excludes are the project's own choice of what to skip; the
    // invariant is about what a layout can hide from someone who asks to see everything.
    const args = ['scan', '-q', '-f', 'json', '--no-ignore', ...(l.fix ? ['--fix'] : []), '.'];
    const started = Date.now();
    const r = await runCliCaptured(args, repo, { MLSEC_CACHE_DIR: cacheBase });
    const ms = Date.now() - started;
    assert.ok(ms < RUN_BUDGET_MS, `run took ${ms} ms`);
    assert.ok(r.code === 0 || r.code === 1 || (l.fix && r.code === 2), `exit ${r.code}: ${r.stderr}`);
    // Nothing outside changed; the cache holds only mlsec's files; the repo is unchanged without --fix.
    assert.deepStrictEqual(snapshot(outside), outsideBefore);
    checkCacheFolder(cacheBase);
    const repoAfter = snapshot(repo);
    if (!l.fix) assert.deepStrictEqual(repoAfter, repoBefore);
    else {
      for (const [rel, before] of repoBefore) {
        const after = repoAfter.get(rel);
        if (after !== before) {
          assert.ok(built.sources.has(path.join(repo, rel)) && after?.startsWith('file:'), `--fix changed ${rel}: ${before.slice(0, 30)} → ${after?.slice(0, 30)}`);
          stats.fixed++;
        }
      }
      assert.deepStrictEqual([...repoAfter.keys()].sort(), [...repoBefore.keys()].sort());
    }
    // No finding lost: every finding of a clean copy is reported (at its real file), or that file is ML900.
    // After --fix, only findings without a safe fix are expected again.
    const report = JSON.parse(r.stdout) as JsonReport;
    const reported = new Map<string, string[]>();
    for (const f of report.findings) {
      let real: string;
      try {
        real = fs.realpathSync(path.join(repo, f.path));
      } catch {
        real = path.join(repo, f.path);
      }
      if (f.code === 'ML900') stats.ml900++;
      reported.set(real, [...(reported.get(real) ?? []), `${f.code}@${f.line}`]);
    }
    for (const [file, key] of built.sources) {
      const expected = (cleanFindings.get(key) ?? []).filter((k) => !(l.fix && k.startsWith('B113')));
      if (expected.length === 0) continue;
      const got = reported.get(file) ?? [];
      stats.findings += got.length;
      if (got.includes('ML900@1')) continue;
      for (const k of expected) assert.ok(got.includes(k), `${path.relative(repo, file)} lost ${k} (reported: ${JSON.stringify(got)}; stderr: ${r.stderr})`);
    }
    stats.cases++;
  } finally {
    // Removed in the background (awaited at the end): a synchronous rm of each tree costs as much as the run.
    removals.push(fs.promises.rm(base, { recursive: true, force: true }));
  }
}

const removals: Promise<void>[] = [];
/** One FIFO made with mkfifo; layouts get hard links to it. */
let fifoTemplate: string;

describe('fuzz: hostile repository layouts', function () {
  this.timeout(600000);
  let cacheDir: string;
  before(async () => {
    await loadPython();
    cacheDir = fs.mkdtempSync(path.join(LAYOUT_ROOT, 'mlsec-fuzz-cache-'));
    await cleanScan(cacheDir);
    fifoTemplate = path.join(cacheDir, 'fifo');
    if (spawnSync('mkfifo', [fifoTemplate]).status !== 0) throw new Error('mkfifo failed');
    assert.deepStrictEqual(Object.fromEntries(cleanFindings), { load: ['B614@2'], get: ['B113@2'], both: ['B113@2', 'B614@3'], clean: [] });
  });
  after(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

  it('2,000 layouts in-process: nothing written outside, every run in budget, no finding lost', async () => {
    try {
      await fc.assert(
        fc.asyncProperty(layout, (l) => checkLayout(l)),
        { numRuns: Number(process.env.MLSEC_FUZZ_RUNS ?? 2000) },
      );
    } finally {
      await Promise.all(removals);
    }
    // The generator must keep producing what the invariants are about.
    assert.ok(stats.cases >= 2000 && stats.ml900 > 100 && stats.findings > 1000 && stats.fixed > 50, JSON.stringify(stats));
  });

  it('a few layouts through the bundled CLI on real git repositories, each bounded by a timeout', () => {
    const layouts = fc.sample(
      fc.array(
        fc.constantFrom<[string, RepoEntry]>(
          ['a.py', SOURCES.load],
          ['p/b.py', SOURCES.both],
          ['root', { link: '/' }],
          ['proc', { link: '/proc/self' }],
          ['pyproject.toml', { link: '/dev/zero' }],
          ['.gitignore', '*\n'],
          ['.mlsec-cache', { link: '../outside' }],
          ['out.py', { link: '../outside/important.py' }],
          ['zero.py', { link: '/dev/zero' }],
          ['in.py', { link: 'a.py' }],
          ['.bandit', { link: '/dev/zero' }],
        ),
        { minLength: 1, maxLength: 8 },
      ),
      5,
    );
    for (const entries of layouts) {
      const files = Object.fromEntries(entries);
      const h = hostileRepo(files, { 'important.py': SOURCES.get });
      const before = snapshot(h.outside);
      const r = runBundled(['scan', '--fix', '--no-ignore', '-f', 'json', '.'], { cwd: h.repo, cacheHome: h.cache, timeoutMs: 30000 });
      assert.strictEqual(r.timedOut, false, `hung on ${JSON.stringify(files)}`);
      assert.deepStrictEqual(snapshot(h.outside), before);
      assert.ok(r.code === 0 || r.code === 1 || r.code === 2, `exit ${r.code}: ${r.stderr}`);
      const report = JSON.parse(r.stdout) as JsonReport;
      if (typeof files['a.py'] === 'string')
        assert.ok(
          report.findings.some((f) => (f.path === 'a.py' || f.path === 'in.py') && f.code === 'B614'),
          r.stdout,
        );
      if (typeof files['p/b.py'] === 'string')
        assert.ok(
          report.findings.some((f) => f.path === 'p/b.py' && f.code === 'B614'),
          r.stdout,
        );
      if (files['out.py'])
        assert.ok(
          report.findings.some((f) => f.path === 'out.py' && f.code === 'ML900'),
          r.stdout,
        );
      fs.rmSync(h.base, { recursive: true, force: true });
    }
  });
});
