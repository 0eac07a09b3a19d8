// The CLI honours config files found next to the code, without flags.
import * as assert from 'assert';
import * as path from 'path';
import { runCliCaptured as cli, tempProject, copyProject } from '../helpers/cliRun';

const PROJECTS = path.resolve(__dirname, '../../../test/fixtures/projects');

interface JsonFinding {
  path: string;
  code: string;
  line: number;
  column: number;
  suppressedBy?: string;
}

function findings(stdout: string): string[] {
  return (JSON.parse(stdout).findings as JsonFinding[]).map((f) => `${f.path}:${f.line}:${f.column} ${f.code}${f.suppressedBy ? ` [${f.suppressedBy}]` : ''}`);
}

describe('mlsec scan with project configuration', () => {
  it('honours [tool.bandit] skips and exclude_dirs with no flag', async () => {
    const dir = copyProject(path.join(PROJECTS, 'bandit-config'));
    const r = await cli(['scan', '-f', 'json', '.'], dir);
    assert.strictEqual(r.stderr, '');
    assert.deepStrictEqual(findings(r.stdout), ['src/app.py:10:12 B614']);
    assert.strictEqual(JSON.parse(r.stdout).filesScanned, 1, 'tests/ is not even read');
    assert.strictEqual(r.code, 1);
  });

  it("--ignore replaces the config file's ignore list; --select too", async () => {
    const dir = copyProject(path.join(PROJECTS, 'bandit-config'));
    assert.deepStrictEqual(findings((await cli(['scan', '-f', 'json', '--ignore', 'B614', '.'], dir)).stdout), ['src/app.py:6:12 B113']);
    assert.deepStrictEqual(findings((await cli(['scan', '-f', 'json', '--select', 'B113', '.'], dir)).stdout), ['src/app.py:6:12 B113']);
  });

  it('a file named explicitly is scanned even in an excluded folder', async () => {
    const dir = copyProject(path.join(PROJECTS, 'bandit-config'));
    assert.deepStrictEqual(findings((await cli(['scan', '-f', 'json', 'tests/test_app.py'], dir)).stdout), ['tests/test_app.py:5:12 B614']);
  });

  it('reports a broken pyproject.toml as path:line on stderr, scans with defaults and goes on', async () => {
    const dir = tempProject({
      'pyproject.toml': '[tool.mlsec]\nignore = [\n"B113"\n\n[tool.bandit]\n',
      'a.py': 'import requests\nrequests.get("u")\n',
    });
    const r = await cli(['scan', '-f', 'json', '.'], dir);
    assert.match(r.stderr, /^mlsec: pyproject\.toml:5: invalid TOML: .*; using defaults for this file\n$/);
    assert.deepStrictEqual(findings(r.stdout), ['a.py:2:1 B113']);
    assert.strictEqual(r.code, 1);
  });

  it('[tool.mlsec] severity and require-justification reach the findings', async () => {
    const dir = tempProject({
      'pyproject.toml': '[tool.mlsec]\nrequire-justification = true\nseverity = { B113 = "hint" }\n',
      'a.py': 'import requests, torch\nrequests.get("u")\ntorch.load("m.pt")  # nosec B614\n',
    });
    const report = JSON.parse((await cli(['scan', '-f', 'json', '.'], dir)).stdout);
    assert.deepStrictEqual(
      report.findings.map((f: { code: string; severity: string }) => `${f.code} ${f.severity}`),
      ['B113 hint', 'ML902 warning'],
    );
  });

  it('--ignore-suppressions (audit mode) reports silenced findings marked, without failing on them', async () => {
    const dir = tempProject({ 'a.py': 'import torch\ntorch.load("m.pt")  # nosec B614 # our own file\n' });
    const quiet = await cli(['scan', '.'], dir);
    assert.strictEqual(quiet.code, 0);
    const audit = await cli(['scan', '--ignore-suppressions', '.'], dir);
    assert.match(audit.stdout, /^a\.py:2:1: B614 .* \[suppressed by # nosec B614 # our own file\]$/m);
    assert.strictEqual(audit.code, 0);
    const json = await cli(['scan', '-f', 'json', '--ignore-suppressions', '.'], dir);
    assert.deepStrictEqual(findings(json.stdout), ['a.py:2:1 B614 [# nosec B614 # our own file]']);
  });

  it('runs the suppression pass on a file whose only trigger is a nosec (pre-filter stays sound)', async () => {
    const dir = tempProject({ 'a.py': 'x = 1  # nosec B614 # nothing to silence here\ny = 2  # nosec\n' });
    const r = await cli(['scan', '-f', 'json', '.'], dir);
    assert.deepStrictEqual(findings(r.stdout), ['a.py:1:16 ML904', 'a.py:2:8 ML901']);
  });
});
