// The analysis budget holds on the main thread too: every loop whose length the text controls (the
// alias closure above all) either runs in time linear in the text or checks the deadline, and running
// out of time — inside a rule or not — makes the file "not analysed", never "analysed, nothing found".
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeTree, AnalysisTimeoutError } from '../../server/src/analysis/engine';
import { analyzeSourceSync } from '../../server/src/check/source';
import { anchoredCandidates } from '../../server/src/analysis/anchors';
import { loadPython, parsePython } from '../../server/src/analysis/parser';
import { scanFiles } from '../../server/src/workspace/scanner';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { ALL_RULES } from '../../server/src/rules';
import { defineRule } from '../../server/src/rules/rule';
import { DocumentStore } from '../../server/src/check/documentStore';
import { ConfigResolver } from '../../server/src/config/resolver';
import { matchesIgnorePatterns } from '../../server/src/config/settings';
import { KeyLines, MAX_REPORTED_PROBLEMS, readPyproject } from '../../server/src/config/sources';
import { project } from './helpers';
import { throwingRule, registerThrowingRule } from './throwingRule';
import { configuredRules } from '../../server/src/check/source';

const B614 = ALL_RULES.find((r) => r.code === 'B614')!;
const B614_MESSAGE = '`torch.load` without `weights_only=True` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`';

/** `a0 = torch`, `a1 = a0`, … and a call through the last alias (on line n + 2, 0-based n + 1). */
function aliasChain(n: number): string {
  const lines = ['import torch', 'a0 = torch'];
  for (let i = 1; i < n; i++) lines.push(`a${i} = a${i - 1}`);
  lines.push(`a${n - 1}.load("m.pt")`);
  return `${lines.join('\n')}\n`;
}

/** `t1 = t2 = … = tn = t0`: n assignments nested in one another. */
function chainedTargets(n: number): string {
  return `import torch as t0\n${Array.from({ length: n }, (_, i) => `t${i + 1}`).join(' = ')} = t0\nt${n}.load("m.pt")\n`;
}

/** One name bound to n attributes, then n aliases of it: n × n last segments if nothing caps them. */
function manyLastSegments(n: number): string {
  const lines = ['import torch'];
  for (let i = 0; i < n; i++) lines.push(`b = torch.m${i}`);
  for (let i = 0; i < n; i++) lines.push(`c${i} = b`);
  lines.push('torch.load("m.pt")');
  return `${lines.join('\n')}\n`;
}

function where(findings: { code: string; range: { start: { line: number; character: number } } }[]): string[] {
  return findings.map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character}`);
}

before(async () => {
  await loadPython();
});

describe('robustness: the analysis budget on the main thread', () => {
  it('a 6,000-line alias chain in a scan of one file ends within its budget and is reported (B614 at the call, or ML900 over its time limit)', async function () {
    // No wall-clock assertion (a loaded machine may take any time): either result below shows the
    // scan ended, found or stopped by its budget, and the timeout bounds the whole (12 × the budget).
    this.timeout(60000);
    const dir = project({ 'chain.py': aliasChain(6000) });
    try {
      const [result] = await scanFiles([path.join(dir, 'chain.py')], { configFor: () => defaultConfig(), parseBudgetMs: 5000 });
      if (result.skipped === undefined) assert.deepStrictEqual(where(result.findings), ['B614@6001:0']);
      else assert.match(result.skipped, /^over its time limit: /);
      assert.strictEqual(result.ruleErrors, undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const [name, text] of [
    ['24,000 aliases in a chain', aliasChain(24000)],
    ['24,000 chained assignment targets', chainedTargets(24000)],
    ['3,000 attributes bound to one name and 3,000 aliases of it', manyLastSegments(3000)],
  ] as const) {
    it(`${name}: a 50 ms analysis budget stops the analysis near 50 ms`, function () {
      this.timeout(60000);
      const tree = parsePython(text);
      try {
        const started = performance.now();
        assert.throws(() => analyzeTree(tree, text, { config: defaultConfig(), rules: configuredRules(defaultConfig()), budgetMs: 50 }), AnalysisTimeoutError);
        const elapsed = performance.now() - started;
        // Generous (300 × the budget) so that a loaded machine cannot fail it; what it shows is that
        // the budget, not the end of the work, stopped the analysis.
        assert.ok(elapsed < 15000, `stopped after ${Math.round(elapsed)} ms`);
      } finally {
        tree.delete();
      }
    });
  }

  it('the alias closure takes steps linear in the chain: 4 × the aliases, at most 5 × the deadline checks', () => {
    const steps = (n: number): number => {
      const text = aliasChain(n);
      const tree = parsePython(text);
      try {
        let checks = 0;
        const found = anchoredCandidates(tree, text, [B614], defaultConfig(), new Map(), () => void checks++);
        assert.deepStrictEqual(
          found.map((c) => c.node.startPosition.row),
          [n + 1],
        );
        return checks;
      } finally {
        tree.delete();
      }
    };
    const small = steps(1000);
    const large = steps(4000);
    assert.ok(small >= 1000, `${small} checks for 1,000 aliases: the loop does not check the deadline`);
    assert.ok(large <= 5 * small, `${small} checks for 1,000 aliases, ${large} for 4,000`);
  });

  for (const [name, text, expected] of [
    ['an alias chain', aliasChain(400), ['B614@401:0']],
    ['chained assignment targets', chainedTargets(400), ['B614@2:0']],
    ['many last segments', manyLastSegments(200), ['B614@401:0']],
  ] as const) {
    it(`${name}: the anchored analysis finds what a walk over every node finds`, () => {
      const tree = parsePython(text);
      try {
        const anchored = analyzeTree(tree, text, { config: defaultConfig(), rules: configuredRules(defaultConfig()), anchored: true });
        const walked = analyzeTree(tree, text, { config: defaultConfig(), rules: configuredRules(defaultConfig()), anchored: false });
        assert.deepStrictEqual(where(anchored), expected);
        assert.deepStrictEqual(where(walked), expected);
      } finally {
        tree.delete();
      }
    });
  }
});

describe('robustness: running out of time is never a rule error', () => {
  it('10,000 nested lambdas with a 50 ms budget: not analysed (over its time limit), no rule error', function () {
    this.timeout(60000);
    const text = `import torch\nf = ${'lambda: '.repeat(10000)}eval(x)\ntorch.load("m.pt")\n`;
    const result = analyzeSourceSync(text, { config: defaultConfig(), budgetMs: 50 });
    assert.deepStrictEqual(result, { findings: [], skipped: 'over its time limit: the analysis took longer than 50 ms', ruleErrors: [] });
  });

  it('a rule that runs out of time while asking for a scope makes the file not analysed, not a failed rule', () => {
    // What the deadline check inside a rule's question (building a scope) throws, thrown from the rule.
    const outOfTime = defineRule({
      ...B614,
      code: 'XT901',
      check() {
        throw new AnalysisTimeoutError(40);
      },
    });
    const text = 'import torch\ndef f():\n    return torch.load("m.pt")\n';
    const result = analyzeSourceSync(text, { config: defaultConfig(), rules: [outOfTime, B614], budgetMs: 40 });
    assert.deepStrictEqual(result, { findings: [], skipped: 'over its time limit: the analysis took longer than 40 ms', ruleErrors: [] });
  });
});

describe('robustness: a rule that throws leaves an ML900 finding', () => {
  const ML900_MESSAGE = 'file not fully analysed: rule XT900 failed at line 3 (injected failure); its findings in this file may be missing';

  it('analysis: the other rules report, and ML900 on line 1 says which rule failed where (comments cannot hide it)', () => {
    const text = '# nosec\nimport torch\ntorch.load("m.pt")  # nosec B614\ntorch.load("n.pt")\n';
    const result = analyzeSourceSync(text, { config: defaultConfig(), rules: [throwingRule, B614] });
    // (ML901/ML902 about the comments themselves left aside.)
    assert.deepStrictEqual(
      result.findings.filter((f) => !f.code.startsWith('ML90') || f.code === 'ML900').map((f) => [f.code, f.severity, f.range, f.message]),
      [
        ['ML900', 'error', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ML900_MESSAGE],
        ['B614', 'error', { start: { line: 3, character: 0 }, end: { line: 3, character: 10 } }, B614_MESSAGE],
      ],
    );
    assert.deepStrictEqual(result.ruleErrors, [{ code: 'XT900', message: 'XT900 failed at line 3: injected failure' }]);
    // Ignoring ML900 is a decision the configuration shows.
    const ignored = analyzeSourceSync(text, { config: { ...defaultConfig(), ignore: ['ML900'] }, rules: [throwingRule, B614] });
    assert.deepStrictEqual(
      where(ignored.findings).filter((w) => w.startsWith('B614') || w.startsWith('ML900')),
      ['B614@3:0'],
    );
  });

  it('editor: the ML900 stays while the failing statement is kept, through edits elsewhere', () => {
    const store = new DocumentStore();
    const uri = 'file:///tmp/mlsec-throws.py';
    const unregister = registerThrowingRule();
    try {
      const opened = store.open(uri, 1, 'import torch\nx = 1\ntorch.load("m.pt")\n', defaultConfig());
      assert.deepStrictEqual(
        opened.findings.map((f) => [f.code, f.range.start.line, f.message]),
        [
          ['ML900', 0, ML900_MESSAGE],
          ['B614', 2, B614_MESSAGE],
        ],
      );
      // An edit on line 2 re-checks `x = 1` only; the failing call's statement keeps its ML900.
      const edited = store.change(uri, 2, [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 5 } }, text: '2' }]);
      assert.deepStrictEqual(
        edited?.findings.map((f) => [f.code, f.range.start.line]),
        [
          ['ML900', 0],
          ['B614', 2],
        ],
      );
      // A line added above moves the statement; the ML900 stays on line 1 and names the new line.
      const moved = store.change(uri, 3, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'y = 3\n' }]);
      assert.deepStrictEqual(
        moved?.findings.map((f) => [f.code, f.range.start.line, f.message.replace(/\(.*/, '')]),
        [
          ['ML900', 0, 'file not fully analysed: rule XT900 failed at line 4 '],
          ['B614', 3, B614_MESSAGE.replace(/\(.*/, '')],
        ],
      );
    } finally {
      unregister();
      store.dispose();
    }
  });
});

describe('robustness: glob patterns from the repository match in linear time', () => {
  const PATTERN = '*a*a*a*a*a*a*a*a*a*a*b';
  const LONG = `${'a'.repeat(200)}.py`;

  // The timeouts bound these (a backtracking matcher would take hours): no wall-clock assertion.
  it('exclude in pyproject.toml: a pattern that backtracks for hours in a regex is answered at once', function () {
    this.timeout(60000);
    const dir = project({ 'pyproject.toml': `[tool.mlsec]\nexclude = ["${PATTERN}", "gen/**"]\n`, [LONG]: 'import torch\n', 'gen/x.py': '' });
    try {
      const resolver = new ConfigResolver();
      assert.strictEqual(resolver.isExcluded(path.join(dir, LONG), false), false);
      assert.strictEqual(resolver.isExcluded(path.join(dir, `${'a'.repeat(200)}b`), false), true);
      assert.strictEqual(resolver.isExcluded(path.join(dir, 'gen', 'x.py'), false), true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('mlsec.ignorePatterns: the same pattern against a long path is answered at once', function () {
    this.timeout(60000);
    assert.strictEqual(matchesIgnorePatterns([PATTERN], LONG, `/work/${LONG}`), false);
    assert.strictEqual(matchesIgnorePatterns([PATTERN], `${'a'.repeat(5000)}b`, '/x'), true);
  });

  it('an extended glob too complex to match safely is reported as a configuration problem and not used', () => {
    const dir = project({ 'pyproject.toml': '[tool.mlsec]\nexclude = ["+(a*|b*)*+(c*)", "gen/**"]\n', 'gen/x.py': '', 'a.py': '' });
    try {
      const problems: string[] = [];
      const resolver = new ConfigResolver({ onProblem: (p) => problems.push(`${path.basename(p.file)}: ${p.message}`) });
      assert.strictEqual(resolver.isExcluded(path.join(dir, 'gen', 'x.py'), false), true);
      assert.strictEqual(resolver.isExcluded(path.join(dir, 'a.py'), false), false);
      assert.deepStrictEqual(problems, ['pyproject.toml: exclude: pattern "+(a*|b*)*+(c*)" is too complex to match safely (extended glob with 6 wildcards; at most 3); it is not used']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('robustness: configuration parsing is linear in its size', () => {
  it('20,000 unknown keys in a 200 KB pyproject.toml: read at once, the first 20 reported at their lines, then how many more', function () {
    this.timeout(30000);
    const keys = Array.from({ length: 20000 }, (_, i) => `k${i} = 1`);
    const text = `[project]\nname = "x"\n\n[tool.mlsec]\nselect = ["B"]\n${keys.join('\n')}\n`;
    assert.ok(text.length > 150_000);
    const dir = project({ 'pyproject.toml': text });
    try {
      const problems: string[] = [];
      // Bounded by the timeout (a quadratic reader would take minutes here), not by a wall-clock assertion.
      const result = readPyproject(path.join(dir, 'pyproject.toml'), (p) => problems.push(`${p.line ?? '-'}: ${p.message}`));
      assert.deepStrictEqual(result?.layers.mlsec?.analysis.select, ['B']);
      assert.deepStrictEqual(problems, [
        ...Array.from({ length: MAX_REPORTED_PROBLEMS }, (_, i) => `${i + 6}: unknown key 'k${i}' in [tool.mlsec] (ignored)`),
        `-: … and ${20000 - MAX_REPORTED_PROBLEMS} more unknown keys in [tool.mlsec] (ignored)`,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('key lines: the first after the table header, quoted keys, keys written before the header ignored', () => {
    const lines = new KeyLines('[tool.other]\nselect = 1\n[tool.mlsec]\n"select" = ["B"]\n  ignore: 2\n[tool.mlsec.severity]\nB101 = "x"\n');
    assert.strictEqual(lines.lineOf('select', 'tool.mlsec'), 4);
    assert.strictEqual(lines.lineOf('select'), 2);
    assert.strictEqual(lines.lineOf('ignore', 'tool.mlsec'), 5);
    assert.strictEqual(lines.lineOf('B101'), 7);
    assert.strictEqual(lines.lineOf('missing', 'tool.mlsec'), undefined);
  });
});

describe('robustness: the text anchors match in linear time', () => {
  // A string followed by a comment of many `#`: the pattern that joins implicit concatenations once
  // had a choice of where one comment ended and the next began (2^n ways to fail), and the scan of
  // the stdlib hung on pickletools.py. The test timeout bounds it.
  it('a string then a comment of 60 `#` (and CR LF runs) is analysed', function () {
    this.timeout(60000);
    const text = `password = "s"  ${'#'.repeat(60)}\nquery = "se" ${'\r\n'.repeat(60)}x = 1\n`;
    const result = analyzeSourceSync(text, { config: defaultConfig() });
    assert.deepStrictEqual(
      result.findings.map((f) => f.code),
      ['B105'],
    );
  });
});
