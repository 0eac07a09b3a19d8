// Fail closed: every file the CLI does not analyse (too large, binary, undecodable, a link out of the
// scanned folder, over its time limit) is an ML900 finding in every output format and fails the run.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { hostileRepo, runBundled } from '../helpers/hostileRepo';
import { scanFiles } from '../../server/src/workspace/scanner';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { withNotAnalysed } from '../../server/src/cli/notAnalysed';

const EXPECTED: [string, string][] = [
  ['binary.py', 'file not analysed: binary content (NUL bytes), not Python source: Python refuses NUL bytes too'],
  ['huge.py', 'file not analysed: file is 11.0 MB, over the 10 MB limit'],
  ['link.py', 'file not analysed: link leaves the scanned folder'],
  ['undecodable.py', 'file not analysed: not valid UTF-8 (and no coding declaration says otherwise)'],
];

function unanalysable() {
  const h = hostileRepo(
    {
      'binary.py': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]),
      'undecodable.py': Buffer.from([0x78, 0x3d, 0x22, 0xff, 0x22, 0x0a]),
      'link.py': { link: '../outside/hidden.py' },
      'clean.py': 'x = 1\n',
    },
    { 'hidden.py': 'import torch\ntorch.load("m.pt")\n' },
  );
  // 11 MB of comment: over the size limit (not committed: git would take long; it is in the work tree).
  fs.writeFileSync(path.join(h.repo, 'huge.py'), Buffer.alloc(11 * 1024 * 1024, 0x23));
  return h;
}

describe('fail closed: a file not analysed is an ML900 finding', function () {
  this.timeout(60000);

  it('text, JSON and SARIF all report ML900 for each such file on line 1, and the run exits 1', () => {
    const h = unanalysable();
    const text = runBundled(['scan', '.'], { cwd: h.repo });
    assert.strictEqual(text.code, 1, text.stderr);
    assert.deepStrictEqual(text.stdout.trimEnd().split('\n'), [...EXPECTED.map(([file, message]) => `${file}:1:1: ML900 ${message}`), '', 'Found 4 problems (4 errors) in 4 of 5 files, 4 skipped.']);

    const json = runBundled(['scan', '-f', 'json', '.'], { cwd: h.repo });
    assert.strictEqual(json.code, 1);
    const report = JSON.parse(json.stdout) as { findings: { path: string; code: string; message: string; line: number; column: number; severity: string }[] };
    assert.deepStrictEqual(
      report.findings.map((f) => [f.path, f.code, f.message, f.line, f.column, f.severity]),
      EXPECTED.map(([file, message]) => [file, 'ML900', message, 1, 1, 'error']),
    );

    const sarif = runBundled(['scan', '-f', 'sarif', '.'], { cwd: h.repo });
    assert.strictEqual(sarif.code, 1);
    const run = JSON.parse(sarif.stdout).runs[0];
    assert.deepStrictEqual(
      run.results.map((r: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) => [
        r.ruleId,
        r.level,
        r.locations[0].physicalLocation.artifactLocation.uri,
        r.locations[0].physicalLocation.region.startLine,
        r.message.text,
      ]),
      EXPECTED.map(([file, message]) => ['ML900', 'error', file, 1, message]),
    );
    assert.ok(run.tool.driver.rules.some((r: { id: string; name: string }) => r.id === 'ML900' && r.name === 'file-not-analysed'));
  });

  it('ignoring ML900 in the configuration is a visible decision that removes them', () => {
    const h = unanalysable();
    fs.writeFileSync(path.join(h.repo, 'pyproject.toml'), '[tool.mlsec]\nignore = ["ML900"]\n');
    const r = runBundled(['scan', '.'], { cwd: h.repo });
    assert.strictEqual(r.code, 0, r.stdout);
    assert.match(r.stdout, /^No problems found in 5 files, 4 skipped\.$/m);
  });

  it("an analysis over its time budget ends as ML900 with the engine's reason, never as zero findings", async function () {
    const h = hostileRepo({ 'nested.py': `import requests\nkw = ${'{"/tmp/a": '.repeat(3000)}1${'}'.repeat(3000)}\nrequests.get(u, **kw)\n` });
    const file = path.join(h.repo, 'nested.py');
    const results = await scanFiles([file], { configFor: () => defaultConfig(), parseBudgetMs: 300 });
    // On a loaded machine the parse itself may be what runs out of time: either way it is a skip.
    const reason = results[0].skipped ?? '';
    assert.match(reason, /^over its time limit: (the analysis|parsing) took longer than 300 ms$/);
    const reported = withNotAnalysed(results, [], () => defaultConfig());
    assert.deepStrictEqual(
      reported[0].findings.map((f) => [f.code, f.message, f.range.start.line, f.severity]),
      [['ML900', `file not analysed: ${reason}`, 0, 'error']],
    );
  });
});
