// The CLI as CI meets it: formats, exit codes, discovery, unreadable files.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runCliCaptured as cli, tempProject as project } from '../helpers/cliRun';

const VULNERABLE = 'import torch\nstate = torch.load("model.pt")\n';

describe('mlsec scan (CLI)', () => {
  it('prints path:line:col: CODE message and a summary, exit 1 on findings', async () => {
    const dir = project({ 'train.py': VULNERABLE, 'clean.py': 'print("hi")\n' });
    const r = await cli(['scan', '.'], dir);
    assert.strictEqual(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^train\.py:2:9: B614 `torch\.load` without `weights_only=True`/);
    assert.strictEqual(lines[lines.length - 1], 'Found 1 problem (1 error) in 1 of 2 files.');
    assert.ok(!r.stdout.includes('\x1b['), 'no colour when stdout is not a terminal');
  });

  it('exits 0 with a clean summary when nothing is found', async () => {
    const dir = project({ 'ok.py': 'import torch\ntorch.load("m.pt", weights_only=True)\n' });
    const r = await cli(['scan', dir], dir);
    assert.strictEqual(r.code, 0);
    assert.strictEqual(r.stdout, 'No problems found in 1 file.\n');
  });

  it('exits 2 on usage errors', async () => {
    const dir = project({});
    assert.strictEqual((await cli(['scan', '--format', 'xml'], dir)).code, 2);
    assert.strictEqual((await cli(['frobnicate'], dir)).code, 2);
    assert.strictEqual((await cli(['scan', '--select', 'B999'], dir)).code, 2);
    const missing = await cli(['scan', 'no-such-dir'], dir);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /no-such-dir: cannot read: ENOENT/);
  });

  it('skips .git, node_modules, venvs, site-packages, __pycache__ and .gitignored paths', async () => {
    const dir = project({
      '.gitignore': 'generated/\n*_pb2.py\n',
      'src/a.py': VULNERABLE,
      'generated/b.py': VULNERABLE,
      'src/model_pb2.py': VULNERABLE,
      'node_modules/pkg/c.py': VULNERABLE,
      '.venv/lib/d.py': VULNERABLE,
      'venv/lib/e.py': VULNERABLE,
      'lib/site-packages/f.py': VULNERABLE,
      'src/__pycache__/g.py': VULNERABLE,
      'sub/.gitignore': 'local.py\n',
      'sub/local.py': VULNERABLE,
      'sub/kept.py': VULNERABLE,
    });
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, '.git', 'h.py'), VULNERABLE);
    const r = await cli(['scan', '--format', 'json', '.'], dir);
    const report = JSON.parse(r.stdout);
    assert.deepStrictEqual(report.findings.map((f: { path: string }) => f.path).sort(), ['src/a.py', 'sub/kept.py']);
  });

  it('--format json has exact positions', async () => {
    const dir = project({ 'a.py': VULNERABLE });
    const r = await cli(['scan', '-f', 'json', '.'], dir);
    const report = JSON.parse(r.stdout);
    assert.strictEqual(report.filesScanned, 1);
    assert.deepStrictEqual(
      report.findings.map((f: Record<string, unknown>) => [f.path, f.code, f.line, f.column, f.endLine, f.endColumn, f.severity, f.confidence]),
      [['a.py', 'B614', 2, 9, 2, 19, 'error', 'high']],
    );
  });

  it('reports an unreadable or binary file on stderr and as an ML900 finding, and goes on', async () => {
    const dir = project({ 'good.py': VULNERABLE, 'binary.py': 'x\u0000y', 'latin1.py': '' });
    fs.writeFileSync(path.join(dir, 'latin1.py'), Buffer.from([0x78, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22, 0x0a]));
    const r = await cli(['scan', '.'], dir);
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /binary\.py: skipped: binary content/);
    assert.match(r.stderr, /latin1\.py: skipped: not valid UTF-8/);
    assert.match(r.stdout, /^good\.py:2:9: B614/m);
    assert.match(r.stdout, /^binary\.py:1:1: ML900 file not analysed: binary content \(NUL bytes\), not Python source: Python refuses NUL bytes too$/m);
    assert.match(r.stdout, /^latin1\.py:1:1: ML900 file not analysed: not valid UTF-8 \(and no coding declaration says otherwise\)$/m);
    assert.match(r.stdout, /^Found 3 problems \(3 errors\) in 3 of 3 files, 2 skipped\.$/m);
  });

  it('--select and --ignore choose the rules', async () => {
    const dir = project({ 'a.py': `${VULNERABLE}import requests\nrequests.get("u")\n` });
    const only = JSON.parse((await cli(['scan', '-f', 'json', '--select', 'B113', '.'], dir)).stdout);
    assert.deepStrictEqual(
      only.findings.map((f: { code: string }) => f.code),
      ['B113'],
    );
    const without = JSON.parse((await cli(['scan', '-f', 'json', '--ignore', 'B113', '.'], dir)).stdout);
    assert.deepStrictEqual(
      without.findings.map((f: { code: string }) => f.code),
      ['B614'],
    );
  });
});
