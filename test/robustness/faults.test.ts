// Faults inside mlsec itself: a rule that throws, a parser that traps. One failure costs one rule on
// one file (or one file), never the scan.
import * as assert from 'assert';
import * as path from 'path';
import * as fs from 'fs';
import { spawnSync } from 'child_process';
import { cli, project, findingKeys } from './helpers';
import { registerThrowingRule } from './throwingRule';
import { indentationLevels } from '../../server/src/analysis/parser';

describe('robustness: faults', () => {
  it('CLI: a rule that throws is logged once per file with file, rule and line, and reported as ML900; the other rules still report', async () => {
    const unregister = registerThrowingRule();
    const dir = project({
      'a.py': 'import torch\nprint("x")\ntorch.load("m.pt")\ntorch.load("n.pt")\n',
      'b.py': 'import torch\ntorch.load("m.pt")\n',
    });
    try {
      const r = await cli(['scan', '-q', '-f', 'json', '.'], dir);
      assert.strictEqual(r.code, 1);
      assert.deepStrictEqual(findingKeys(JSON.parse(r.stdout)), ['a.py ML900 1:1-1:1', 'a.py B614 3:1-3:11', 'a.py B614 4:1-4:11', 'b.py ML900 1:1-1:1', 'b.py B614 2:1-2:11']);
      assert.deepStrictEqual(r.stderr.split('\n').filter(Boolean), [
        'mlsec: a.py: rule error: XT900 failed at line 2: injected failure',
        'mlsec: b.py: rule error: XT900 failed at line 2: injected failure',
      ]);
    } finally {
      unregister();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a parser that traps (wasm "memory access out of bounds") is replaced; the next file is analysed', function () {
    this.timeout(30000);
    // In a child process: the trap is real and leaves this process's wasm memory alone.
    const out = path.resolve(__dirname, '../../server/src');
    const script = `
      const P = require(${JSON.stringify(path.join(out, 'analysis/parser.js'))});
      const E = require(${JSON.stringify(path.join(out, 'check/source.js'))});
      const { defaultConfig } = require(${JSON.stringify(path.join(out, 'config/analysisConfig.js'))});
      (async () => {
        await P.loadPython();
        const deep = Array.from({ length: 700 }, (_, i) => ' '.repeat(i) + 'if x:\\n').join('') + ' '.repeat(700) + 'f("a")\\n';
        P.parserLimits.maxIndentLevels = Infinity; // let the text reach the parser
        const crashed = E.analyzeSourceSync('import torch\\n' + deep, { config: defaultConfig() });
        const after = E.analyzeSourceSync('import torch\\ntorch.load("m.pt")\\n', { config: defaultConfig() });
        console.log(JSON.stringify({ crashed: crashed.skipped, after: after.findings.map((f) => [f.code, f.range]) }));
      })();`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.strictEqual(result.crashed, 'the parser failed (memory access out of bounds)');
    assert.deepStrictEqual(result.after, [['B614', { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } }]]);
  });

  it('counts indentation levels the way the tokenizer does (tabs, blank and comment lines, CR line ends)', () => {
    assert.strictEqual(indentationLevels('a\n  b\n    c\n  d\n'), 2);
    assert.strictEqual(indentationLevels('a\n\tb\n        c\n'), 1); // a tab reaches column 8
    assert.strictEqual(indentationLevels('a\n        \n    # c\n b\n'), 1);
    assert.strictEqual(indentationLevels('a\r b\r  c\r\n   d'), 3);
    assert.strictEqual(indentationLevels(Array.from({ length: 500 }, (_, i) => `${' '.repeat(i)}x\n`).join(''), 100), 101); // stops early
  });
});
