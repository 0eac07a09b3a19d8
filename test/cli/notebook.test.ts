// Notebooks through the CLI: discovery with the .py rules, the cell in text / JSON / SARIF output,
// --no-notebooks, baselines and the scan cache.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCliCaptured as cli, tempProject as project } from '../helpers/cliRun';

function nb(sources: string[][]): string {
  return (
    JSON.stringify(
      {
        cells: [{ cell_type: 'markdown', metadata: {}, source: ['# notes'] }, ...sources.map((source) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source }))],
        metadata: { language_info: { name: 'python' } },
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    ) + '\n'
  );
}

const NOTEBOOK = nb([
  ['import torch\n', '!pip install x\n'],
  ['x = 1\n', 'm = torch.load(p)\n'],
]);

describe('mlsec scan on notebooks (CLI)', () => {
  it('discovers .ipynb like .py (gitignore and excludes too) and names the cell as Ruff does', async () => {
    const dir = project({
      'nb.ipynb': NOTEBOOK,
      'ignored/old.ipynb': NOTEBOOK,
      '.gitignore': 'ignored/\n',
      'excluded/x.ipynb': NOTEBOOK,
      'pyproject.toml': '[tool.mlsec]\nexclude = ["excluded/**"]\n',
    });
    fs.mkdirSync(path.join(dir, '.git'));
    const r = await cli(['scan', '.'], dir);
    assert.strictEqual(r.code, 1);
    assert.strictEqual(
      r.stdout.split('\n')[0],
      'nb.ipynb:cell 3:2:5: B614 `torch.load` without `weights_only=True` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`',
    );
    assert.match(r.stdout, /in 1 of 1 file\.\n$/);
  });

  it('--no-notebooks leaves notebooks out of folder walks', async () => {
    const dir = project({ 'nb.ipynb': NOTEBOOK, 'a.py': 'print(1)\n' });
    const r = await cli(['scan', '--no-notebooks', '.'], dir);
    assert.strictEqual(r.stdout, 'No problems found in 1 file.\n');
  });

  it('JSON carries the cell; SARIF points into the .ipynb file and carries the cell as properties', async () => {
    const dir = project({ 'nb.ipynb': NOTEBOOK });
    const json = JSON.parse((await cli(['scan', '-f', 'json', '.'], dir)).stdout);
    const f = json.findings[0];
    assert.deepStrictEqual([f.path, f.cell, f.code, f.line, f.column, f.endLine, f.endColumn], ['nb.ipynb', 3, 'B614', 2, 5, 2, 15]);
    const sarif = JSON.parse((await cli(['scan', '-f', 'sarif', '.'], dir)).stdout);
    const result = sarif.runs[0].results[0];
    const region = result.locations[0].physicalLocation.region;
    const fileLines = NOTEBOOK.split('\n');
    // The region is the text `torch.load` inside the JSON string of the cell's second line.
    assert.strictEqual(fileLines[region.startLine - 1].slice(region.startColumn - 1, region.endColumn - 1), 'torch.load');
    assert.strictEqual(fileLines[region.startLine - 1], '    "m = torch.load(p)\\n"');
    assert.deepStrictEqual(result.properties, { confidence: 'high', cell: 3, cellLine: 2, cellColumn: 5 });
  });

  it('CI formats: GitHub/GitLab/JUnit point at the code in the .ipynb file; fingerprints key on the cell line, so a cell added above keeps them', async () => {
    const dir = project({ 'nb.ipynb': NOTEBOOK });
    const github = (await cli(['scan', '-f', 'github', '.'], dir)).stdout;
    assert.strictEqual(github.split('::')[1], 'error file=nb.ipynb,line=27,col=10,endLine=27,endColumn=20,title=B614 (torch-unsafe-load)');
    assert.strictEqual(NOTEBOOK.split('\n')[26].slice(9, 19), 'torch.load');
    assert.match(github, /\(cell 3, line 2\)\n$/);
    const junit = (await cli(['scan', '-f', 'junit', '.'], dir)).stdout;
    assert.match(junit, /name="B614 \(torch-unsafe-load\) in cell 3 at line 2, column 5" file="nb\.ipynb" line="27"/);
    const fingerprint = async () => JSON.parse((await cli(['scan', '-f', 'gitlab', '.'], dir)).stdout)[0];
    const before = await fingerprint();
    assert.deepStrictEqual(before.location, { path: 'nb.ipynb', lines: { begin: 27 } });
    fs.writeFileSync(path.join(dir, 'nb.ipynb'), nb([['print(1)\n'], ['import torch\n', '!pip install x\n'], ['x = 1\n', 'm = torch.load(p)\n']]));
    assert.strictEqual((await fingerprint()).fingerprint, before.fingerprint);
  });

  it('a malformed notebook is reported as skipped with its reason', async () => {
    const dir = project({ 'broken.ipynb': '{"cells": 1}' });
    const r = await cli(['scan', '.'], dir);
    assert.match(r.stderr, /broken\.ipynb: skipped: not a notebook: no "cells" list/);
  });

  it('baselines match notebook findings by their cell line; the cache serves notebooks unchanged', async () => {
    const dir = project({ 'nb.ipynb': NOTEBOOK });
    assert.strictEqual((await cli(['scan', '--write-baseline', 'base.json', '.'], dir)).code, 0);
    const base = JSON.parse(fs.readFileSync(path.join(dir, 'base.json'), 'utf8'));
    assert.deepStrictEqual(base.findings, [{ path: 'nb.ipynb', code: 'B614', line: 'm = torch.load(p)' }]);
    assert.strictEqual((await cli(['scan', '--baseline', 'base.json', '.'], dir)).code, 0);
    // A new finding in another cell is reported despite the baseline.
    fs.writeFileSync(path.join(dir, 'nb.ipynb'), nb([['import torch\n'], ['m = torch.load(p)\n'], ['n = torch.load(q)']]));
    const r = await cli(['scan', '--baseline', 'base.json', '.'], dir);
    assert.strictEqual(r.stdout.split('\n')[0].slice(0, 26), 'nb.ipynb:cell 4:1:5: B614 ');
    // Cached: the second scan gives the same report from the per-user cache folder.
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-nb-cache-'));
    const first = (await cli(['scan', '-f', 'json', '--cache-dir', cacheDir, '.'], dir)).stdout;
    assert.ok(fs.readdirSync(cacheDir).length > 0, 'the scan wrote its cache');
    assert.strictEqual((await cli(['scan', '-f', 'json', '--cache-dir', cacheDir, '.'], dir)).stdout, first);
    assert.strictEqual(JSON.parse(first).findings[1].cell, 4);
  });
});
