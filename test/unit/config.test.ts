// ConfigResolver: which file applies, which key wins, what a broken file does.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ConfigResolver } from '../../server/src/config/resolver';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import type { ConfigProblem } from '../../server/src/config/sources';
import { tempProject as project } from '../helpers/cliRun';

function resolver(overrides = {}): { r: ConfigResolver; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  return { r: new ConfigResolver({ overrides, onProblem: (p) => problems.push(p) }), problems };
}

describe('ConfigResolver', () => {
  it('reads [tool.mlsec]: select, ignore, severity, exclude, default-timeout, tmp-dirs, require-justification, baseline', () => {
    const dir = project({
      'pyproject.toml': [
        '[tool.mlsec]',
        'select = ["B", "ml1"]',
        'ignore = ["B615"]',
        'default-timeout = 12',
        'tmp-dirs = ["/scratch"]',
        'require-justification = true',
        'exclude = ["build/**", "**/*_pb2.py"]',
        'baseline = "mlsec-baseline.json"',
        '[tool.mlsec.severity]',
        'B113 = "hint"',
        '',
      ].join('\n'),
    });
    const { r, problems } = resolver();
    const c = r.configFor(path.join(dir, 'src', 'a.py'));
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(c, { ...defaultConfig(), select: ['B', 'ML1'], ignore: ['B615'], severity: { B113: 'hint' }, defaultTimeout: 12, tmpDirs: ['/scratch'], requireJustification: true });
    const p = r.projectFor(path.join(dir, 'a.py'));
    assert.strictEqual(p.root, dir);
    assert.strictEqual(p.baseline, path.join(dir, 'mlsec-baseline.json'));
    assert.strictEqual(r.isExcluded(path.join(dir, 'build'), true), true);
    assert.strictEqual(r.isExcluded(path.join(dir, 'build', 'x', 'y.py'), false), true);
    assert.strictEqual(r.isExcluded(path.join(dir, 'src', 'model_pb2.py'), false), true);
    assert.strictEqual(r.isExcluded(path.join(dir, 'src', 'model.py'), false), false);
    assert.strictEqual(r.isExcluded(path.join(dir, 'rebuild', 'a.py'), false), false);
  });

  it('reads [tool.bandit]: skips, tests (names too), exclude_dirs, per-plugin blocks', () => {
    const dir = project({
      'pyproject.toml': [
        '[tool.bandit]',
        'skips = ["B113", "pytorch_load"]',
        'tests = ["B614", "B615", "B113"]',
        'exclude_dirs = ["tests", "./scripts/tools/"]',
        '[tool.bandit.hardcoded_tmp_directory]',
        'tmp_dirs = ["/tmp", "/mnt/scratch"]',
        '[tool.bandit.try_except_pass]',
        'check_typed_exception = true',
        '',
      ].join('\n'),
    });
    const { r, problems } = resolver();
    const c = r.configFor(path.join(dir, 'a.py'));
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(c.ignore, ['B113', 'B614']);
    assert.deepStrictEqual(c.select, ['B614', 'B615', 'B113', 'ML']);
    assert.deepStrictEqual(c.tmpDirs, ['/tmp', '/mnt/scratch']);
    assert.strictEqual(c.checkTypedException, true);
    assert.strictEqual(r.isExcluded(path.join(dir, 'tests'), true), true);
    assert.strictEqual(r.isExcluded(path.join(dir, 'pkg', 'tests', 'test_a.py'), false), true);
    assert.strictEqual(r.isExcluded(path.join(dir, 'contests.py'), false), false);
    assert.strictEqual(r.isExcluded(path.join(dir, 'scripts', 'tools', 'x.py'), false), true);
    assert.strictEqual(r.isExcluded(path.join(dir, 'scripts', 'x.py'), false), false);
  });

  it('[tool.mlsec] wins per key over [tool.bandit], which wins over .bandit; flags win over all', () => {
    const dir = project({
      'pyproject.toml': '[tool.bandit]\nskips = ["B113"]\nexclude_dirs = ["tests"]\n\n[tool.mlsec]\nignore = ["B614"]\n',
      '.bandit': '[bandit]\nskips = B615\ntests = B113,B614\nexclude = ./build\n',
    });
    const { r } = resolver();
    const c = r.configFor(path.join(dir, 'a.py'));
    assert.deepStrictEqual(c.ignore, ['B614']); // [tool.mlsec] over [tool.bandit] over .bandit
    assert.deepStrictEqual(c.select, ['B113', 'B614', 'ML']); // only .bandit sets tests
    assert.strictEqual(r.isExcluded(path.join(dir, 'tests', 'a.py'), false), true); // [tool.bandit] exclude_dirs over .bandit exclude
    assert.strictEqual(r.isExcluded(path.join(dir, 'build', 'a.py'), false), false);
    assert.deepStrictEqual(r.projectFor(path.join(dir, 'a.py')).files, [path.join(dir, 'pyproject.toml'), path.join(dir, '.bandit')]);

    const flagged = resolver({ ignore: ['B113'], ignoreSuppressions: true }).r.configFor(path.join(dir, 'a.py'));
    assert.deepStrictEqual(flagged.ignore, ['B113']);
    assert.strictEqual(flagged.ignoreSuppressions, true);
  });

  it('reads a .bandit INI [bandit] section alone', () => {
    const dir = project({ '.bandit': '[bandit]\nskips = B113, B101\nexclude = ./build,vendor\n' });
    // Bandit also takes absolute paths; the folder's path is only known now.
    fs.writeFileSync(path.join(dir, '.bandit'), `[bandit]\nskips = B113, B101\nexclude = ./build,vendor,${path.join(dir, 'gen', 'proto')}\n`);
    const { r, problems } = resolver();
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(r.configFor(path.join(dir, 'src', 'a.py')).ignore, ['B113', 'B101']);
    assert.strictEqual(r.isExcluded(path.join(dir, 'build', 'gen.py'), false), true);
    assert.strictEqual(r.isExcluded(path.join(dir, 'src', 'vendor'), true), true);
    assert.strictEqual(r.isExcluded(path.join(dir, 'gen', 'proto', 'a_pb2.py'), false), true, 'absolute path');
    assert.strictEqual(r.isExcluded(path.join(dir, 'gen', 'other.py'), false), false);
  });

  it('uses the nearest folder with settings; a pyproject.toml without them does not stop the walk', () => {
    const dir = project({
      'pyproject.toml': '[tool.mlsec]\nignore = ["B113"]\n',
      'pkg/pyproject.toml': '[project]\nname = "pkg"\n',
      'svc/pyproject.toml': '[tool.mlsec]\nignore = ["B615"]\n',
    });
    const { r } = resolver();
    assert.deepStrictEqual(r.configFor(path.join(dir, 'pkg', 'a.py')).ignore, ['B113']);
    assert.deepStrictEqual(r.configFor(path.join(dir, 'svc', 'deep', 'a.py')).ignore, ['B615']);
    assert.strictEqual(r.projectFor(path.join(dir, 'svc', 'a.py')).root, path.join(dir, 'svc'));
  });

  it('reports a broken pyproject.toml with path and line, uses defaults, and does not throw', () => {
    const dir = project({ 'pyproject.toml': '[tool.mlsec]\nignore = ["B113"\nselect = ["B614"]\n' });
    const { r, problems } = resolver();
    const c = r.configFor(path.join(dir, 'a.py'));
    assert.deepStrictEqual(c, defaultConfig());
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].file, path.join(dir, 'pyproject.toml'));
    assert.strictEqual(problems[0].line, 3);
    assert.match(problems[0].message, /^invalid TOML: .*; using defaults for this file$/);
    r.configFor(path.join(dir, 'b.py'));
    assert.strictEqual(problems.length, 1, 'reported once, not once per file');
  });

  it('reports wrong types and unknown keys with their line, keeping the good keys', () => {
    const dir = project({ 'pyproject.toml': '[tool.mlsec]\nignore = "B113"\nselect = ["B614"]\nrequire-justifcation = true\n[tool.mlsec.severity]\nB614 = "fatal"\n' });
    const { r, problems } = resolver();
    const c = r.configFor(path.join(dir, 'a.py'));
    assert.deepStrictEqual(c.select, ['B614']);
    assert.deepStrictEqual(c.ignore, []);
    assert.deepStrictEqual(c.severity, {});
    assert.deepStrictEqual(
      problems.map((p) => [p.line, p.message]),
      [
        [2, "'ignore' must be a list of strings"],
        [4, "unknown key 'require-justifcation' in [tool.mlsec] (ignored)"],
        [6, "severity of 'B614' must be one of error, warning, information, hint"],
      ],
    );
  });

  it('reports a broken .bandit line and uses defaults', () => {
    const dir = project({ '.bandit': '[bandit\nskips = B113\n' });
    const { r, problems } = resolver();
    assert.deepStrictEqual(r.configFor(path.join(dir, 'a.py')), defaultConfig());
    assert.deepStrictEqual(
      problems.map((p) => [p.file, p.line]),
      [[path.join(dir, '.bandit'), 1]],
    );
  });

  it('caches per folder and re-reads after invalidate(config file)', () => {
    const dir = project({ 'pyproject.toml': '[tool.mlsec]\nignore = ["B113"]\n' });
    const { r } = resolver();
    assert.deepStrictEqual(r.configFor(path.join(dir, 'a.py')).ignore, ['B113']);
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.mlsec]\nignore = ["B614"]\n');
    assert.deepStrictEqual(r.configFor(path.join(dir, 'a.py')).ignore, ['B113'], 'cached');
    r.invalidate(path.join(dir, 'a.py'));
    assert.deepStrictEqual(r.configFor(path.join(dir, 'a.py')).ignore, ['B113'], 'a Python file is not a config file');
    r.invalidate(path.join(dir, 'pyproject.toml'));
    assert.deepStrictEqual(r.configFor(path.join(dir, 'a.py')).ignore, ['B614']);
  });
});
