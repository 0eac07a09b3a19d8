// Baselines: matched by path, code and line text, not line number; duplicates counted.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runCliCaptured as cli, tempProject } from '../helpers/cliRun';

const TRAIN = 'import torch\nimport requests\n\n\ndef load(p):\n    state = torch.load(p)\n    meta = requests.get("https://example.com/meta")\n    return state, meta\n';
const EVAL = 'import torch\n\nmodel = torch.load("model.pt")\nsame = torch.load("model.pt")\n';

function codes(stdout: string): string[] {
  return JSON.parse(stdout).findings.map((f: { path: string; line: number; code: string }) => `${f.path}:${f.line} ${f.code}`);
}

describe('baselines', () => {
  it('round trip: edits elsewhere keep old findings hidden; one new torch.load shows exactly one', async () => {
    const dir = tempProject({ 'src/train.py': TRAIN, 'eval.py': EVAL });
    const written = await cli(['scan', '--write-baseline', 'mlsec-baseline.json', '.'], dir);
    assert.strictEqual(written.code, 0);
    assert.match(written.stderr, /wrote 4 findings to the baseline .*mlsec-baseline\.json/);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'mlsec-baseline.json'), 'utf8'));
    assert.deepStrictEqual(baseline, {
      tool: 'mlsec',
      baselineVersion: 1,
      findings: [
        { path: 'eval.py', code: 'B614', line: 'model = torch.load("model.pt")' },
        { path: 'eval.py', code: 'B614', line: 'same = torch.load("model.pt")' },
        { path: 'src/train.py', code: 'B113', line: 'meta = requests.get("https://example.com/meta")' },
        { path: 'src/train.py', code: 'B614', line: 'state = torch.load(p)' },
      ],
    });

    const train = path.join(dir, 'src', 'train.py');
    fs.writeFileSync(train, '\n\n\n\n\n' + TRAIN.replace('    state = torch.load(p)', '    state  =  torch.load(p)'));
    const shifted = await cli(['scan', '-f', 'json', '--baseline', 'mlsec-baseline.json', '.'], dir);
    assert.deepStrictEqual(codes(shifted.stdout), []);
    assert.strictEqual(shifted.code, 0);
    assert.match(shifted.stderr, /4 findings matched the baseline/);

    fs.appendFileSync(train, '\n\ndef again(p):\n    return torch.load(p)\n');
    const added = await cli(['scan', '-f', 'json', '--baseline', 'mlsec-baseline.json', '.'], dir);
    assert.deepStrictEqual(codes(added.stdout), ['src/train.py:17 B614']);
    assert.strictEqual(added.code, 1);
  });

  it('counts duplicates: a second copy of a known line is new', async () => {
    const dir = tempProject({ 'a.py': 'import torch\nx = torch.load(p)\n' });
    await cli(['scan', '--write-baseline', 'b.json', '.'], dir);
    fs.writeFileSync(path.join(dir, 'a.py'), 'import torch\nx = torch.load(p)\nx = torch.load(p)\n');
    assert.deepStrictEqual(codes((await cli(['scan', '-f', 'json', '--baseline', 'b.json', '.'], dir)).stdout), ['a.py:3 B614']);
  });

  it("matches paths relative to the baseline's folder, wherever the scan runs from", async () => {
    const dir = tempProject({ 'proj/a.py': 'import torch\nx = torch.load(p)\n' });
    await cli(['scan', '--write-baseline', 'proj/b.json', 'proj'], dir);
    assert.strictEqual(JSON.parse(fs.readFileSync(path.join(dir, 'proj', 'b.json'), 'utf8')).findings[0].path, 'a.py');
    const r = await cli(['scan', '-f', 'json', '--baseline', 'b.json', '.'], path.join(dir, 'proj'));
    assert.deepStrictEqual(codes(r.stdout), []);
  });

  it('[tool.mlsec] baseline applies without a flag', async () => {
    const dir = tempProject({ 'pyproject.toml': '[tool.mlsec]\nbaseline = "known.json"\n', 'a.py': 'import torch\nx = torch.load(p)\n' });
    await cli(['scan', '--write-baseline', 'known.json', '.'], dir);
    fs.appendFileSync(path.join(dir, 'a.py'), 'y = torch.load(q)\n');
    assert.deepStrictEqual(codes((await cli(['scan', '-f', 'json', '.'], dir)).stdout), ['a.py:3 B614']);
  });

  it('a missing or broken --baseline is an error (exit 2); a missing config baseline is reported and skipped', async () => {
    const dir = tempProject({ 'a.py': 'import torch\nx = torch.load(p)\n', 'bad.json': '{"tool": "mlsec", "baselineVersion": 7, "findings": []}' });
    const missing = await cli(['scan', '--baseline', 'nope.json', '.'], dir);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /nope\.json: cannot read baseline: ENOENT/);
    const bad = await cli(['scan', '--baseline', 'bad.json', '.'], dir);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /baseline version 7 is not supported/);

    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.mlsec]\nbaseline = "gone.json"\n');
    const r = await cli(['scan', '-f', 'json', '.'], dir);
    assert.match(r.stderr, /gone\.json: cannot read baseline: ENOENT; findings of its project are not filtered/);
    assert.deepStrictEqual(codes(r.stdout), ['a.py:2 B614']);
  });
});
