// `mlsec scan` on a project with model files: the findings on the files in text, JSON and SARIF,
// the opt-out flag, `allow-model-files` in pyproject.toml, baselines and discovery rules.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runCliCaptured } from '../helpers/cliRun';
import { writeModelFiles } from '../helpers/modelFiles';

const EVIL = 'checkpoints/evil.pt:1:1: ML301 pickle imports posix.system (in archive/data.pkl at offset 2): loading this file runs code';
const WHOLE_MODEL =
  'checkpoints/whole.pt:1:1: ML302 pickle imports mymodels.Net (in archive/data.pkl at offset 2), outside what torch.load(weights_only=True) accepts: loading this file needs a full unpickler (weights_only=False)';
const TRAIN_PLAIN = 'train.py:2:9: B614 `torch.load` without `weights_only=True` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`';
/** With the model scan on, the loading call says what the file it loads holds. */
const TRAIN = `${TRAIN_PLAIN} (it loads checkpoints/evil.pt: its pickle imports posix.system: loading it runs code)`;

describe('CLI: model files', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => {
    dir = writeModelFiles(`
torch_zip('checkpoints/evil.pt', Evil())
torch_zip('checkpoints/good.pt', state_dict())
class Net: pass
module('mymodels', Net=Net)
torch_zip('checkpoints/whole.pt', Net())
torch_zip('ignored/evil.pt', Evil())
torch_zip('.venv/lib/evil.pt', Evil())
write('.gitignore', b'ignored/\\n')
write('train.py', b'import torch\\nstate = torch.load("checkpoints/evil.pt")\\n')
`);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('text: the model files under the discovery rules (.gitignore, .venv skipped), sorted with the code findings', async () => {
    const run = await runCliCaptured(['scan', '--no-cache', '--no-color', '.'], dir);
    assert.strictEqual(run.code, 1, run.stderr);
    assert.deepStrictEqual(run.stdout.trim().split('\n'), [EVIL, WHOLE_MODEL, TRAIN, '', 'Found 3 problems (2 errors, 1 warning) in 3 of 4 files.']);
  });

  it('--no-model-files skips them', async () => {
    const run = await runCliCaptured(['scan', '--no-cache', '--no-model-files', '.'], dir);
    assert.deepStrictEqual(run.stdout.trim().split('\n'), [TRAIN_PLAIN, '', 'Found 1 problem (1 error) in 1 of 1 file.']);
  });

  it('a model file named on the command line is scanned whatever the discovery rules say', async () => {
    const run = await runCliCaptured(['scan', '--no-cache', 'ignored/evil.pt'], dir);
    assert.deepStrictEqual(run.stdout.trim().split('\n')[0], EVIL.replace('checkpoints/', 'ignored/'));
  });

  it('JSON and SARIF carry the findings on line 1 of the file', async () => {
    const json = JSON.parse((await runCliCaptured(['scan', '--no-cache', '-f', 'json', '.'], dir)).stdout);
    assert.deepStrictEqual(
      json.findings.map((f: { path: string; code: string; line: number; column: number; severity: string }) => [f.path, f.code, f.line, f.column, f.severity]),
      [
        ['checkpoints/evil.pt', 'ML301', 1, 1, 'error'],
        ['checkpoints/whole.pt', 'ML302', 1, 1, 'warning'],
        ['train.py', 'B614', 2, 9, 'error'],
      ],
    );
    const sarif = JSON.parse((await runCliCaptured(['scan', '--no-cache', '-f', 'sarif', '.'], dir)).stdout);
    const run = sarif.runs[0];
    const first = run.results[0];
    assert.deepStrictEqual(
      [first.ruleId, first.level, first.message.text, first.locations[0].physicalLocation.artifactLocation.uri, first.locations[0].physicalLocation.region.startLine],
      ['ML301', 'error', 'pickle imports posix.system (in archive/data.pkl at offset 2): loading this file runs code', 'checkpoints/evil.pt', 1],
    );
    assert.ok(run.tool.driver.rules.some((r: { id: string }) => r.id === 'ML301'));
  });

  it('allow-model-files in pyproject.toml silences a file with its reason; audit mode still shows it; a table without a reason is refused', async () => {
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.mlsec]\nallow-model-files = [{ path = "checkpoints/whole.pt", reason = "our own export, loaded with weights_only=False on purpose" }]\n');
    let run = await runCliCaptured(['scan', '--no-cache', '--no-color', '.'], dir);
    assert.deepStrictEqual(run.stdout.trim().split('\n'), [
      EVIL,
      `${WHOLE_MODEL} [suppressed by allow-model-files (our own export, loaded with weights_only=False on purpose)]`,
      TRAIN,
      '',
      'Found 3 problems (2 errors, 1 warning) in 3 of 4 files.',
    ]);
    run = await runCliCaptured(['scan', '--no-cache', '--no-color', '--ignore-suppressions', 'checkpoints/whole.pt'], dir);
    assert.deepStrictEqual(run.stdout.trim().split('\n')[0], WHOLE_MODEL);
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.mlsec]\nallow-model-files = [{ path = "checkpoints/evil.pt" }]\n');
    run = await runCliCaptured(['scan', '--no-cache', '--no-color', 'checkpoints/evil.pt'], dir);
    assert.match(run.stderr, /pyproject\.toml:2: 'allow-model-files' must be a list of \{ path = "…", reason = "…" \} tables, each with a path and a non-empty reason/);
    assert.deepStrictEqual(run.stdout.trim().split('\n')[0], EVIL);
  });

  it('a baseline records model-file findings and then silences them', async () => {
    let run = await runCliCaptured(['scan', '--no-cache', '--write-baseline', 'baseline.json', '.'], dir);
    assert.strictEqual(run.code, 0);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8'));
    assert.deepStrictEqual(
      baseline.findings.map((f: { path: string; code: string }) => `${f.path} ${f.code}`),
      ['checkpoints/evil.pt ML301', 'checkpoints/whole.pt ML302', 'train.py B614'],
    );
    run = await runCliCaptured(['scan', '--no-cache', '--baseline', 'baseline.json', '.'], dir);
    assert.strictEqual(run.code, 0, run.stdout);
  });

  it('loading calls with a literal path (str, Path, os.path.join, open) say what the file holds; the B614 fix says whether it still loads', async () => {
    fs.writeFileSync(
      path.join(dir, 'load.py'),
      [
        'import os, pickle, joblib, torch',
        'from pathlib import Path',
        'a = torch.load(Path("checkpoints") / "good.pt")',
        'b = torch.load(os.path.join("checkpoints", "whole.pt"), weights_only=False)',
        'c = pickle.load(open("checkpoints/evil.pt", "rb"))',
        'd = joblib.load(filename="checkpoints/missing.pkl")',
        'e = torch.load(some_path)',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await runCliCaptured(['scan', '--no-cache', '-f', 'json', 'load.py', 'checkpoints'], dir)).stdout);
    const load = json.findings
      .filter((f: { path: string }) => f.path === 'load.py')
      .map((f: { line: number; code: string; message: string; fixes: { title: string }[] }) => [f.line, f.code, f.message.replace(/^.*?(\(it loads|$)/, '$1'), f.fixes.map((x) => x.title)]);
    assert.deepStrictEqual(load, [
      [
        3,
        'B614',
        '(it loads checkpoints/good.pt: its pickle imports only what torch.load(weights_only=True) accepts)',
        ['Add weights_only=True (checkpoints/good.pt still loads: its pickle imports only allow-listed globals)'],
      ],
      [
        4,
        'B614',
        '(it loads checkpoints/whole.pt: its pickle imports mymodels.Net, which torch.load(weights_only=True) refuses)',
        ['Set weights_only=True (checkpoints/whole.pt will no longer load: it imports mymodels.Net)'],
      ],
      [5, 'B301', '(it loads checkpoints/evil.pt: its pickle imports posix.system: loading it runs code)', []],
      [6, 'ML103', '', []],
      [7, 'B614', '', ['Add weights_only=True']],
    ]);
  });

  it('select/ignore and severity overrides apply to model-file codes', async () => {
    const run = await runCliCaptured(['scan', '--no-cache', '--no-color', '--ignore', 'ML301,B614', '.'], dir);
    assert.deepStrictEqual(run.stdout.trim().split('\n'), [WHOLE_MODEL, '', 'Found 1 problem (1 warning) in 1 of 4 files.']);
  });
});
