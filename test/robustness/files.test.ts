// Hostile files through the CLI: each one is analysed correctly (exact positions) or skipped with one
// clear stderr line, and none of them stops or stalls the others in the same scan.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { cli, project, findingKeys, linesAbout } from './helpers';
import { scanFiles } from '../../server/src/workspace/scanner';
import { defaultConfig } from '../../server/src/config/analysisConfig';

const LOAD = 'torch.load("m.pt")';

function hostileProject(): string {
  const deepIndent = Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('') + `${' '.repeat(600)}${LOAD}\n`;
  const dir = project({
    'good.py': `import torch\n${LOAD}\n`,
    // Binary content under a .py name: a PNG header, NUL bytes included.
    'binary.py': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    'invalid_utf8.py': Buffer.concat([Buffer.from('import torch\nx = "'), Buffer.from([0xff, 0xfe]), Buffer.from(`"\n${LOAD}\n`)]),
    // A NUL far past the first 8 KB: the parser would take it for the end of the file.
    'late_nul.py': `import torch\n${'# padding\n'.repeat(2000)}x = "\u0000"\n${LOAD}\n`,
    'latin1_declared.py': Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\nimport torch\nx = "'), Buffer.from([0xe9]), Buffer.from(`"; ${LOAD}\n`)]),
    'bom.py': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`import torch\n${LOAD}\n`)]),
    'crlf.py': `import torch\r\n\r\ndef f():\r\n    return ${LOAD}\r\n`,
    'lone_cr.py': `import torch\r\rdef f():\r    return ${LOAD}\r`,
    'mixed_eol.py': `import torch\r\n\rdef f():\n    x = 1\r    return ${LOAD}\r\n`,
    'tabs.py': `import torch\nif x:\n\tif y:\n\t\ty = ${LOAD}\n`,
    'astral.py': `import torch\nx = "😀é"; ${LOAD}\n`,
    'deep_indent.py': `import torch\n${deepIndent}`,
    'syntax_errors.py': [
      'import torch',
      'def broken(:', // missing parameter list end
      '    pass',
      LOAD, // line 4
      'x = = 1',
      `y = ${LOAD}`, // line 6
      '))) $ ?',
      `    ${LOAD}`, // line 8: unexpected indent
      'def g():',
      `    return torch.load("a", weights_only=False)`, // line 10
      'z = "unterminated',
      '',
    ].join('\n'),
  });
  fs.writeFileSync(path.join(dir, 'huge.py'), Buffer.alloc(50 * 1024 * 1024, 0x61));
  return dir;
}

describe('robustness: hostile files (CLI)', function () {
  this.timeout(60000);
  let dir: string;
  let report: { findings: { path: string; code: string; line: number; column: number; endLine: number; endColumn: number }[]; skipped: { path: string; reason: string }[] };
  let stderr: string;

  before(async () => {
    dir = hostileProject();
    const r = await cli(['scan', '-q', '-f', 'json', '.'], dir);
    assert.strictEqual(r.code, 1, r.stderr);
    report = JSON.parse(r.stdout);
    stderr = r.stderr;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('analyses the files it can, at exact UTF-16 positions, whatever their line endings, BOM or encoding', () => {
    assert.deepStrictEqual(
      findingKeys(report).filter((k) => !k.startsWith('syntax_errors.py') && !k.includes(' ML900 ')),
      [
        'astral.py B614 2:12-2:22', // 😀 is two UTF-16 code units
        'bom.py B614 2:1-2:11',
        'crlf.py B614 4:12-4:22',
        'good.py B614 2:1-2:11',
        'latin1_declared.py B614 3:10-3:20',
        'lone_cr.py B614 4:12-4:22',
        'mixed_eol.py B614 5:12-5:22',
        'tabs.py B614 4:7-4:17',
      ],
    );
  });

  it('keeps the findings in the valid parts of a file full of syntax errors', () => {
    assert.deepStrictEqual(
      findingKeys(report).filter((k) => k.startsWith('syntax_errors.py')),
      ['syntax_errors.py B614 4:1-4:11', 'syntax_errors.py B614 6:5-6:15', 'syntax_errors.py B614 8:5-8:15', 'syntax_errors.py B614 10:28-10:46'],
    );
  });

  it('skips the rest with one stderr line each and the reason, each one an ML900 finding on line 1', () => {
    const expected: Record<string, RegExp> = {
      'binary.py': /^mlsec: binary\.py: skipped: binary content \(NUL bytes\), not Python source/,
      'late_nul.py': /^mlsec: late_nul\.py: skipped: binary content \(NUL bytes\)/,
      'invalid_utf8.py': /^mlsec: invalid_utf8\.py: skipped: not valid UTF-8 \(and no coding declaration says otherwise\)$/,
      'huge.py': /^mlsec: huge\.py: skipped: file is 50\.0 MB, over the 10 MB limit$/,
      'deep_indent.py': /^mlsec: deep_indent\.py: skipped: indentation nested more than 100 levels deep \(Python refuses it too\)$/,
    };
    for (const [file, pattern] of Object.entries(expected)) {
      const lines = linesAbout(stderr, file);
      assert.strictEqual(lines.length, 1, `${file}: ${JSON.stringify(lines)}`);
      assert.match(lines[0], pattern);
    }
    assert.deepStrictEqual(
      report.skipped.map((s) => s.path),
      ['binary.py', 'deep_indent.py', 'huge.py', 'invalid_utf8.py', 'late_nul.py'],
    );
    assert.deepStrictEqual(
      findingKeys(report).filter((k) => k.includes(' ML900 ')),
      report.skipped.map((s) => `${s.path} ML900 1:1-1:1`),
    );
    assert.strictEqual(stderr.split('\n').filter(Boolean).length, 5, stderr);
  });
});

/**
 * Files that take a second or more to analyse on an idle machine (deep nesting, long chains, a 5 MB
 * line). Through the CLI they would run under its 5 s per-file budget, which a loaded machine can
 * exceed (the file is then skipped and the test fails for no fault of the code); here they run with
 * no time budget at all, so they must be analysed exactly, and the test's timeout (two minutes, about
 * a hundred times what they take) is what proves that the analysis ends.
 */
describe('robustness: pathological nesting and size, analysed with no time budget', function () {
  this.timeout(120000);
  const heavy: Record<string, string> = {
    'deep_brackets.py': `import torch\nx = ${'('.repeat(10000)}1${')'.repeat(10000)}\ny = ${'['.repeat(10000)}${']'.repeat(10000)}\n${LOAD}\n`,
    // Chains that once cost time quadratic in their length (a callee chain, 10,000 nested lambdas).
    'deep_chain.py': `import os\nx = a${'.b()'.repeat(10000)}\nos.system(x)\n`,
    'deep_lambda.py': `f = ${'lambda: '.repeat(10000)}eval(x)\n`,
    'long_line.py': `import torch\nx = "${'a'.repeat(5 * 1024 * 1024)}"; ${LOAD}\n`,
  };
  const expected: Record<string, string[]> = {
    'deep_brackets.py': ['B614 4:1-4:11'],
    'deep_chain.py': ['B605 3:1-3:10'],
    'deep_lambda.py': ['B307 1:80005-1:80009'],
    'long_line.py': ['B614 2:5242889-2:5242899'],
  };
  for (const name of Object.keys(heavy)) {
    it(`${name}: exact findings`, async () => {
      const dir = project({ [name]: heavy[name] });
      try {
        const [result] = await scanFiles([path.join(dir, name)], { configFor: () => defaultConfig(), parseBudgetMs: 0 });
        assert.strictEqual(result.skipped, undefined);
        const keys = result.findings.map((f) => `${f.code} ${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`);
        assert.deepStrictEqual(keys, expected[name]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('robustness: analysis budget', () => {
  it('a file whose rules would run for seconds (nesting Python itself refuses) is skipped at its budget; the next file is analysed', async function () {
    this.timeout(30000);
    const dir = project({
      'a_nested.py': `import requests\nkw = ${'{"/tmp/a": '.repeat(3000)}1${'}'.repeat(3000)}\nrequests.get(u, **kw)\n`,
      'b_good.py': `import torch\n${LOAD}\n`,
    });
    try {
      const files = ['a_nested.py', 'b_good.py'].map((f) => path.join(dir, f));
      const results = await scanFiles(files, { configFor: () => defaultConfig(), parseBudgetMs: 300 });
      assert.strictEqual(results[0].skipped, 'over its time limit: the analysis took longer than 300 ms');
      assert.deepStrictEqual(
        results[1].findings.map((f) => [f.code, f.range.start.line, f.range.start.character]),
        [['B614', 1, 0]],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('robustness: parse budget', () => {
  it('a file that would take seconds to parse is skipped at its budget; the next file is still analysed', async function () {
    this.timeout(30000);
    const dir = project({
      // It must hold what a rule looks for, or the pre-filter would skip it without parsing.
      'a_slow.py': `import torch\nx = ${'1+'.repeat(2_500_000)}1\n${LOAD}\n`,
      'b_good.py': `import torch\n${LOAD}\n`,
    });
    try {
      const files = ['a_slow.py', 'b_good.py'].map((f) => path.join(dir, f));
      const results = await scanFiles(files, { configFor: () => defaultConfig(), parseBudgetMs: 250 });
      assert.strictEqual(results[0].skipped, 'over its time limit: parsing took longer than 250 ms');
      assert.deepStrictEqual(
        results[1].findings.map((f) => [f.code, f.range.start.line, f.range.start.character]),
        [['B614', 1, 0]],
      );
      assert.strictEqual(results[1].skipped, undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
