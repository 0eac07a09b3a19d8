// Property: the scan's sparse analysis (analysis/sparse.ts) gives exactly what a whole analysis of
// the file gives — the same findings (code, range, message, fixes, everything a finding holds), the
// same ML900 outcome and rule errors — on every rule fixture, a sample of CPython's standard
// library, generated ML-shaped modules, and random mutations of files built to tempt it (an alias
// imported at the top and called in a method, `global`, brackets and quotes opened or closed
// anywhere, needles in comments, docstrings and literals, `try`/`except` at the top level). Each group also counts the files the sparse text was used for, so a plan that never
// blanks anything cannot pass for a correct one.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { loadPython } from '../../server/src/analysis/parser';
import { rulesForText } from '../../server/src/analysis/engine';
import { analyzeSourceSync, configuredRules } from '../../server/src/check/source';
import { analyzeSourceSparse } from '../../server/src/check/sparseSource';
import { sparsePlan } from '../../server/src/check/sparse';
import { defaultConfig, AnalysisConfig } from '../../server/src/config/analysisConfig';
import { generateFile, FileKind } from '../../bench/corpus';
import { stdlibDir, stdlibFiles } from '../../bench/stdlib';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'rules');
const DEFAULT = defaultConfig();
const EVERY_RULE: AnalysisConfig = { ...defaultConfig(), select: ['ALL'] };
const BUDGET = 30_000;

/** Compares both analyses of `text`; returns whether the sparse text was used. */
function sameAsWhole(text: string, config: AnalysisConfig, label: string): boolean {
  const rules = rulesForText(text, configuredRules(config), config);
  if (rules.length === 0) return false;
  const whole = analyzeSourceSync(text, { config, rules, parseBudgetMs: BUDGET, budgetMs: BUDGET });
  const { sparse, ...result } = analyzeSourceSparse(text, { config, rules, parseBudgetMs: BUDGET, budgetMs: BUDGET });
  assert.deepStrictEqual(result, whole, `${label}: the sparse analysis differs from the whole one`);
  return sparse;
}

describe('sparse analysis equals the whole analysis', function () {
  this.timeout(600_000);
  before(async () => {
    await loadPython();
  });

  it('on every rule fixture (default rules and every rule)', () => {
    let used = 0;
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.py'));
    assert.ok(files.length > 50);
    for (const f of files) {
      const text = fs.readFileSync(path.join(FIXTURES, f), 'utf8');
      for (const config of [DEFAULT, EVERY_RULE]) if (sameAsWhole(text, config, f)) used++;
    }
    assert.ok(used >= 10, `the sparse text was used for only ${used} fixture runs`);
  });

  it('on a sample of the standard library', function () {
    const dir = stdlibDir();
    if (!dir) {
      console.log('      (skipped: no CPython standard library found on this machine)');
      this.skip();
    }
    const all = stdlibFiles(dir as string);
    const sample = all.filter((_, i) => i % Math.max(1, Math.floor(all.length / 300)) === 0).slice(0, 300);
    let used = 0;
    for (const file of sample) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      if (text.includes('\u0000')) continue;
      if (sameAsWhole(text, DEFAULT, file)) used++;
    }
    assert.ok(used >= sample.length / 4, `the sparse text was used for only ${used} of ${sample.length} files`);
  });

  it('on generated ML-shaped modules', () => {
    const kinds: FileKind[] = ['torch', 'hf', 'http', 'data', 'util'];
    let used = 0;
    for (let i = 0; i < 40; i++) {
      const text = generateFile(1000 + i, kinds[i % kinds.length], 200 + 37 * i, 0.2);
      for (const config of [DEFAULT, EVERY_RULE]) if (sameAsWhole(text, config, `generated #${i}`)) used++;
    }
    assert.ok(used >= 40, `the sparse text was used for only ${used} generated modules`);
  });

  it('on mutated files: aliases, global, brackets and quotes anywhere', () => {
    const BASE = [
      'from torch import load as L',
      'import pickle as pk',
      'import subprocess',
      'MODE = 0o777',
      'KW = {"shell": True}',
      'import ssl',
      'PROTO = ssl.PROTOCOL_SSLv3',
      'from os import chmod as ch',
      'from datasets import load_dataset',
      '',
      'def tls(s):',
      '    return ssl.wrap_socket(s, ssl_version=PROTO)',
      '',
      'def perms(p):',
      '    ch(p, 0o777)',
      '',
      'def creds():',
      '    return {"db_pa" "ssword": "hunter2", "p\\x61ss": "x"}',
      '',
      'def data():',
      '    return load_dataset("org/data", trust_remote_code=True)',
      '',
      'def helper(path):',
      '    return path.strip()',
      '',
      'def loader(f):',
      '    data = L(f)',
      '    return data',
      '',
      'class Model:',
      '    """A model."""',
      '    size = 3',
      '',
      '    def __init__(self, f):',
      '        self.f = f',
      '',
      '    @property',
      '    def weights(self):',
      '        return L(self.f)',
      '',
      '    def plain(self, x):',
      '        try:',
      '            return x + 1',
      '        except ValueError:',
      '            pass',
      '',
      '    def run(self, cmd):',
      '        os.chmod(cmd, MODE)',
      '        return launch(cmd, **KW)',
      '',
      'def other(x):',
      '    return pk.loads(x)  # nosec B301',
      '',
      'def untouched(y):',
      '    return [y, (y), {"k": y}]',
      '',
    ].join('\n');
    const INSERTS = [
      '(',
      ')',
      '[',
      ']',
      '{',
      '}',
      '"',
      "'",
      '"""',
      ':',
      '\n',
      '\\\n',
      '#',
      'global L\n',
      '\n    global L\n',
      '\n    L = print\n',
      'from torch import load as L\n',
      '    L(f)\n',
      'L = pk.load\n',
      '\ndef L(x):\n    return x\n',
      '\nclass C:\n    def m(self):\n        L(1)\n',
      'password = "hunter2"\n',
      '    password = tok\n',
      'import torch as th\n',
      '\n    t = th\n',
      '    t.load(f)\n',
      '    th.load(\n        f)\n',
      'from requests import get as g\n',
      '    g(u)\n',
      '# L(f) select a from b password = "x"\n',
      '"""L(f) select a from b"""\n',
      'x = "select * from t where a = %s" % y\n',
      '\ntry:\n    pass\nexcept ImportError:\n    L = None\nelse:\n    def g(f):\n        return L(f)\n',
      '😀',
      '\r\n',
      '\t',
    ];
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), what: fc.constantFrom(...INSERTS) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 3 }) }),
    );
    let used = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (mutations, everyRule) => {
        let text = BASE;
        for (const m of mutations) {
          const at = m.at % (text.length + 1);
          text = m.kind === 'insert' ? text.slice(0, at) + m.what + text.slice(at) : text.slice(0, at) + text.slice(at + m.length);
        }
        runs++;
        if (sameAsWhole(text, everyRule ? EVERY_RULE : DEFAULT, JSON.stringify(text))) used++;
      }),
      { numRuns: 300 },
    );
    // Most mutations leave indentation Python refuses (the file is then analysed whole); the sparse
    // text must still be used for a share of them, or the comparison would prove nothing.
    assert.ok(used >= runs / 20, `the sparse text was used for only ${used} of ${runs} mutated files`);
  });

  it('empties what holds nothing, keeps every other line on its row, and binds the emptied names', () => {
    const text = 'import torch\n\ndef a(x):\n    return x + 1  # é😀\n\nclass B:\n    def c(self):\n        return torch.load(self.f)\n\n    def d(self):\n        return 2\r\n';
    const rules = rulesForText(text, configuredRules(DEFAULT), DEFAULT);
    const plan = sparsePlan(text, rules, DEFAULT);
    assert.ok(plan);
    assert.strictEqual(plan.text, 'import torch\n\na=...\n\n\nclass B:\n    def c(self):\n        return torch.load(self.f)\n\n    d=...\n\r\n');
    assert.deepStrictEqual(plan.blanked, [
      [14, 49],
      [110, 145],
    ]);
  });
});
