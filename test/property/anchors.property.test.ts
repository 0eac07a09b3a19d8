// The text-anchored analysis (anchors.ts: rules see only the nodes their words lead to) must give
// exactly the findings of the walk over every node, on any text — including broken code, where the
// parser splits tokens in ways Python would not (`1subprocess.run(…)`). Random edits of the rule
// fixtures and of an alias-heavy seed, compared finding by finding (ranges, messages, fixes).
// MLSEC_PROPERTY_SEED replaces the fixed seed (to hunt for counterexamples).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { analyzeTree } from '../../server/src/analysis/engine';
import { configuredRules, finalizeFindings } from '../../server/src/check/source';
import { loadPython, parsePython } from '../../server/src/analysis/parser';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import type { Finding } from '../../server/src/analysis/types';

const root = path.resolve(__dirname, '../../..');

/** Aliases through every binding form static evaluation follows, in scopes and out. */
const ALIASES =
  [
    'import torch as th, os',
    'from torch import load as L, hub',
    'import torch.hub as H',
    'from subprocess import run as sh_run',
    'import builtins',
    'from builtins import eval as ev',
    'import requests',
    'r2 = requests',
    'a = b = th.load',
    'c: object = (L)',
    'class K:',
    '    import pickle as pk',
    '    x = pk.loads(blob)',
    '    def m(self):',
    '        import yaml',
    '        y = yaml.load',
    '        return y(s), hub.load("o/r"), H.load("o/r")',
    'def f(p, q=th.load):',
    '    g = L',
    '    h = g',
    '    os.system(p); ev(p); builtins.exec(p); eval(p)',
    '    return h(p), a(p), b(p), q(p), sh_run(p, shell=True), r2.get(p), (th).load(p), lambda: th.load(p)',
    'def shadowed(th, p):',
    '    return th.load(p)',
    'def rebound(p):',
    '    global L',
    '    th = object()',
    '    return th.load(p), L(p)',
    'try:',
    '    import cPickle as pickle',
    'except ImportError:',
    '    import pickle',
    'pickle.load(fh)',
    'try:',
    '    pass',
    'except Exception:',
    '    continue',
    'tmp = "/tmp/x"; host = "0.0.0.0"',
    'out = ("run" "/tmp/" f"{tmp}/log", "/var/tmp/y")',
    'srv.bind(("0.0.0.0", 80)); app.run(host="0.0.0.0")',
  ].join('\n') + '\n';

const SNIPPETS = [
  'th',
  'torch',
  'L',
  'load',
  '.load(x)',
  '(',
  ')',
  '\n',
  '    ',
  ' = ',
  'as ',
  'import ',
  'from ',
  '1',
  '0x',
  'é',
  '😀',
  '#',
  '"',
  ':',
  ',',
  'except',
  'pass',
  'continue',
  'eval',
  'os.',
  'requests',
  'weights_only=True',
  'shell=True',
  'def g():\n    ',
  '"/tmp/a" "b"',
  '"x" f"/tmp/{y}"',
  'f\'{"/tmp/z"}\'',
  'host="0.0.0.0"',
  '"0.0.0.0"',
  '/tmp',
  // Text-anchored rules (textAnchors.ts): names and keys that spell a secret, SQL built from parts.
  'password',
  'TOKEN',
  '_secret',
  'pa',
  'ss',
  'SEL',
  'ECT',
  'select ',
  ' from ',
  ' + ',
  ' % x',
  '.format(y)',
  '" "',
  '""',
  '\\x73',
  '\\\n',
  '{',
  '}',
  'f"',
  '{"pwd": "a"}',
  'x == "s"',
  'token="t"',
  '.extra(where=[w])',
];

function key(f: Finding): string {
  return JSON.stringify([f.code, f.range, f.message, f.severity, f.confidence, f.fixes]);
}

function findings(text: string, anchored: boolean): string[] {
  const config = defaultConfig();
  const tree = parsePython(text);
  try {
    return finalizeFindings(analyzeTree(tree, text, { config, anchored, rules: configuredRules(config) }), text, config).map(key);
  } finally {
    tree.delete();
  }
}

describe('anchored analysis equals the full walk (property)', function () {
  this.timeout(180_000);
  const seeds: string[] = [ALIASES];
  before(async () => {
    await loadPython();
    const dir = path.join(root, 'test', 'fixtures', 'rules');
    for (const f of fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.py'))
      .sort())
      seeds.push(fs.readFileSync(path.join(dir, f), 'utf8'));
  });

  it('the seeds themselves (every rule fixture has findings to lose)', () => {
    let total = 0;
    for (const text of seeds) {
      const full = findings(text, false);
      total += full.length;
      assert.deepStrictEqual(findings(text, true), full);
    }
    assert.ok(total > 100, `only ${total} findings in the seeds`);
  });

  it('regressions found by random seeds', () => {
    const cases = [
      // Broken code: the import "binds" `th.load`, which must not stand in for `th` in the search.
      'import torch as th\nfrom huggingface_hub import th.load(x, weights_only=False)\nth.load("b.pt")\n',
      // Broken code: an ERROR inside the chain; the call is pickle.load all the same.
      'import pickle\nwith open(p) as f:\n    vocab = pickle.from load(f)\n',
      // Broken code: the parser ends the number and starts a name (`1` then `subprocess.run(…)`).
      'import subprocess\n1subprocess.run("ls -l", shell=True)\n',
    ];
    for (const text of cases) {
      const full = findings(text, false);
      assert.ok(
        full.some((f) => /"(B614|B301|B602)"/.test(f)),
        `no finding to lose in ${JSON.stringify(text)}`,
      );
      assert.deepStrictEqual(findings(text, true), full, JSON.stringify(text));
    }
  });

  it('after random edits', () => {
    const edit = fc.record({
      at: fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000),
      remove: fc.integer({ min: 0, max: 6 }),
      insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.constant('')),
    });
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 8 }), (which, edits) => {
        let text = seeds[which % seeds.length];
        for (const e of edits) {
          const at = Math.floor(e.at * text.length);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        assert.deepStrictEqual(findings(text, true), findings(text, false), JSON.stringify(text));
      }),
      { numRuns: 600 },
    );
  });
});
