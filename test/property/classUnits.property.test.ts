// Property: the incremental unit is the method (a class is cut into its header and the statements of
// its body, units.ts). After random edits to class-heavy code — method bodies, class-level names that
// class-body statements and decorators read, method names that shadow built-ins in the class body,
// nested classes, decorators, `global` — the store's findings equal a fresh analysis of the text.
import * as assert from 'assert';
import { DocumentStore } from '../../server/src/check/documentStore';
import { loadPython } from '../../server/src/analysis/parser';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { replayEqualsFresh } from '../helpers/editOps';

const SEED = [
  'import torch',
  'import subprocess as sp',
  'from yaml import load as yload',
  'import requests',
  '',
  '@dataclass',
  'class Trainer(torch.nn.Module):',
  '    """Trains."""',
  '    loader = torch.load',
  '    runner = sp',
  '    cached = loader("class-level.pt")',
  '',
  '    def eval(self, s):',
  '        return eval(s)',
  '',
  '    use = eval("1")',
  '',
  '    @staticmethod',
  '    def fetch(url):',
  '        return requests.get(url)',
  '',
  '    def restore(self, path):',
  '        model = torch.load(path)',
  '        yload(open(path))',
  '        return model',
  '',
  '    def shell(self, cmd):',
  '        sp.call(cmd, shell=True)',
  '        def inner(p):',
  '            return torch.load(p, weights_only=False)',
  '        return inner',
  '',
  '    class Inner:',
  '        load = yload',
  '        data = load(open("c.yml"))',
  '        def method(self):',
  '            return load(open("d.yml"))',
  '',
  '    def token(self):',
  '        password = "hunter2"',
  '        return password',
  '',
  'class Other:',
  '    def run(self):',
  '        global torch',
  '        torch = None',
  '        requests.get("https://x.org")',
  '',
  'def main():',
  '    Trainer().restore("m.pt")',
].join('\n');

const SNIPPETS = [
  'torch.load(f)',
  '\n',
  '    ',
  '(',
  ')',
  '"',
  ':',
  '#',
  ' # nosec',
  'eval(s)',
  'loader = yload\n    ',
  'def load(self): pass\n    ',
  'load = torch.load\n    ',
  'eval = print\n    ',
  'sp.call("x", shell=True)\n        ',
  '@staticmethod\n    ',
  'class Nested:\n        ',
  'x = loader("p")\n    ',
  'import torch as th\n',
  'th.load(p)',
  'global yload\n        ',
  'yload = None\n',
  'def eval',
  'requests.get(u, timeout=3)',
  '"""',
  'é😀',
];

describe('incremental units: methods and class bodies (property)', function () {
  this.timeout(120000);
  before(() => loadPython());

  it('after random edits to class-heavy code the findings equal a fresh analysis', () => {
    const { counted, total } = replayEqualsFresh({
      seed: SEED,
      snippets: SNIPPETS,
      numRuns: 400,
      defaultSeed: 20261202,
      counts: (stats) => !!stats && !stats.full && stats.checkedStatements < stats.totalStatements / 2,
    });
    // Meaningful only if most analyses re-checked a small part of the file (a method, not a class).
    assert.ok(counted > total / 3, `only ${counted} of ${total} analyses re-checked less than half the units`);
  });

  // The first unit is always re-checked (module docstring). `shell` is not: B602, which reads the
  // whole file, runs over the whole file on its own after each change, outside the units.
  it('typing in a method re-checks that method (and the first unit), not its class', () => {
    const store = new DocumentStore();
    const uri = 'file:///classes.py';
    store.open(uri, 1, SEED, defaultConfig());
    try {
      const line = SEED.split('\n').indexOf('        model = torch.load(path)');
      store.change(uri, 2, [{ range: { start: { line, character: 13 }, end: { line, character: 13 } }, text: 'x' }]);
      const stats = store.stats(uri);
      assert.deepStrictEqual(stats && { full: stats.full, checked: stats.checkedSpans }, {
        full: false,
        checked: [
          { lo: 0, hi: 0 },
          { lo: line - 1, hi: line + 2 },
        ],
      });
    } finally {
      store.dispose();
    }
  });

  it('a class-level name changed re-checks the whole class, which sees it', () => {
    const store = new DocumentStore();
    const uri = 'file:///classes.py';
    store.open(uri, 1, SEED, defaultConfig());
    try {
      const line = SEED.split('\n').indexOf('    loader = torch.load');
      // `loader = print`: the class-level call `loader("class-level.pt")` is no longer torch.load.
      const before = store
        .get(uri)
        ?.findings.filter((f) => f.code === 'B614')
        .map((f) => f.range.start.line);
      assert.ok(before?.includes(line + 2), 'the class-level torch.load through `loader` is found');
      const after = store.change(uri, 2, [{ range: { start: { line, character: 13 }, end: { line, character: 23 } }, text: 'print' }]);
      assert.ok(!after?.findings.some((f) => f.code === 'B614' && f.range.start.line === line + 2));
      const stats = store.stats(uri);
      assert.strictEqual(stats?.full, false);
    } finally {
      store.dispose();
    }
  });
});
