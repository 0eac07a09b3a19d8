// A committed `.gitignore` of `*` or `exclude = ["**"]` cannot hide force-added files without a trace:
// a walk that finds nothing because everything is ignored says so, `--no-ignore` scans them anyway,
// and a path named on the command line is scanned whatever encloses it (as Ruff and Bandit do).
import * as assert from 'assert';
import { hostileRepo, runBundled } from '../helpers/hostileRepo';

const LOAD = 'import torch\nstate = torch.load("m.pt")\n';

const cases: [string, Record<string, string>][] = [
  ['a .gitignore of *', { '.gitignore': '*\n', 'evil.py': LOAD, 'src/evil2.py': LOAD }],
  ['exclude = ["**"]', { 'pyproject.toml': '[tool.mlsec]\nexclude = ["**"]\n', 'evil.py': LOAD, 'src/evil2.py': LOAD }],
];

describe('ignored files: --no-ignore and paths named explicitly', function () {
  this.timeout(60000);

  for (const [name, files] of cases) {
    it(`${name}: the walk says it found nothing because of ignores; --no-ignore and named paths scan them`, () => {
      const h = hostileRepo(files);
      const walk = runBundled(['scan', '.'], { cwd: h.repo });
      assert.strictEqual(walk.code, 0);
      assert.match(walk.stdout, /^No problems found in 0 files\.$/m);
      assert.match(walk.stderr, /^mlsec: no Python files to scan: [1-9]\d* paths? (was|were) skipped by \.gitignore or exclude settings \(--no-ignore scans them\)$/m);

      const all = runBundled(['scan', '--no-ignore', '.'], { cwd: h.repo });
      assert.strictEqual(all.code, 1, all.stderr);
      assert.deepStrictEqual(
        all.stdout
          .split('\n')
          .filter((l) => / B614 /.test(l))
          .map((l) => l.split(' ')[0]),
        ['evil.py:2:9:', 'src/evil2.py:2:9:'],
      );

      const named = runBundled(['scan', 'evil.py', 'src'], { cwd: h.repo });
      assert.strictEqual(named.code, 1, named.stderr);
      assert.deepStrictEqual(
        named.stdout
          .split('\n')
          .filter((l) => / B614 /.test(l))
          .map((l) => l.split(' ')[0]),
        ['evil.py:2:9:', 'src/evil2.py:2:9:'],
      );
    });
  }

  it('an ignored folder inside a named folder stays ignored (the ignore files inside what was named still apply)', () => {
    const h = hostileRepo({ '.gitignore': 'build/\n', 'src/a.py': LOAD, 'src/build/gen.py': LOAD });
    const r = runBundled(['scan', 'src'], { cwd: h.repo });
    assert.deepStrictEqual(
      r.stdout
        .split('\n')
        .filter((l) => / B614 /.test(l))
        .map((l) => l.split(' ')[0]),
      ['src/a.py:2:9:'],
    );
    assert.doesNotMatch(r.stderr, /no Python files/);
  });
});
