// The sparse scan's reading of the text (logicalLines, sparse.ts): where comments, bare string
// statements and string literals are, and that a needle counts only where a rule can report on it
// (a call in code, an SQL keyword in a literal, a secret name beside a literal); and the module
// scope's values, which do not depend on which name is read first.
import * as assert from 'assert';
import { loadPython, parsePython } from '../../server/src/analysis/parser';
import { logicalLines } from '../../server/src/analysis/logicalLines';
import { Scope } from '../../server/src/analysis/scope';
import { rulesForText } from '../../server/src/analysis/engine';
import { sparsePlan } from '../../server/src/check/sparse';
import { analyzeSourceSparse } from '../../server/src/check/sparseSource';
import { analyzeSourceSync, configuredRules } from '../../server/src/check/source';
import { defaultConfig } from '../../server/src/config/analysisConfig';

const CONFIG = defaultConfig();

function plan(text: string) {
  return sparsePlan(text, rulesForText(text, configuredRules(CONFIG), CONFIG), CONFIG);
}

describe('sparse plan: where a needle counts', () => {
  before(async () => {
    await loadPython();
  });

  it('logical lines: bare string statements, comment spans and string spans (f-string fields left out)', () => {
    const text = '"""doc"""\nx = 1  # c\n\'a\' \'b\'  # d\nf"{y}"\ny = f"s{z}t"\n';
    const comments: number[] = [];
    const strings: number[] = [];
    const lines = logicalLines(text, comments, strings);
    assert.ok(lines);
    assert.deepStrictEqual(
      lines.map((l) => [l.codeStart, l.bareString]),
      [
        [0, true],
        [10, false],
        [21, true],
        [34, false],
        [41, false],
      ],
    );
    assert.deepStrictEqual(comments, [17, 20, 30, 33]);
    // `"""doc"""`, `'a'`, `'b'`, `f"` … `{` and `}` … `"`, `f"s` … `{` and `}t"`.
    assert.deepStrictEqual(strings, [0, 9, 21, 24, 25, 28, 35, 36, 39, 40, 46, 48, 51, 53]);
  });

  it('a callee named only in a comment or a docstring keeps nothing', () => {
    const text = 'import torch\n\ndef a():\n    # torch.load(x)\n    """torch.load(y)"""\n    return 1\n\ndef b(f):\n    return torch.load(f)\n';
    assert.strictEqual(plan(text)?.text, 'import torch\n\na=...\n\n\n\n\ndef b(f):\n    return torch.load(f)\n');
  });

  it('SQL keywords count only inside string literals', () => {
    const text = 'def q(db, x):\n    db.select (x)\n    return x.update (x) if x else set (x)\n\ndef r(x):\n    return "select * from t where a = %s" % x\n';
    assert.strictEqual(plan(text)?.text, 'q=...\n\n\n\ndef r(x):\n    return "select * from t where a = %s" % x\n');
  });

  it('a secret name counts only on a line that holds a string literal, assigned, given or compared there (or as a key)', () => {
    const text =
      'def s(tok):\n    password = tok\n    return password\n\ndef u(password):\n    log("sent", password)\n\ndef t():\n    password = "x"\n    return password\n\ndef k():\n    return {"token": 1}\n';
    assert.strictEqual(plan(text)?.text, 's=...\n\n\n\nu=...\n\n\ndef t():\n    password = "x"\n    return password\n\ndef k():\n    return {"token": 1}\n');
  });

  it('a call rule needs its root and last name on one logical line, or a name bound to the root there', () => {
    const text = [
      'import json',
      'import torch',
      'import torch as th',
      'from torch import load as L',
      '',
      'def a(x: torch.Tensor):',
      '    return json.load(x)',
      '',
      'def b(f):',
      '    t = th',
      '    return t.load(f)',
      '',
      'def c(f):',
      '    return L(f)',
      '',
      'def d(f):',
      '    return (torch',
      '            .load(f))',
      '',
    ].join('\n');
    assert.strictEqual(plan(text)?.text, text.replace('def a(x: torch.Tensor):\n    return json.load(x)\n', 'a=...\n\n'));
    const rules = rulesForText(text, configuredRules(CONFIG), CONFIG);
    const sparse = analyzeSourceSparse(text, { config: CONFIG, rules });
    assert.strictEqual(sparse.sparse, true);
    assert.deepStrictEqual(
      sparse.findings.map((f) => [f.code, f.range.start.line, f.range.start.character]),
      [
        ['B614', 10, 11],
        ['B614', 13, 11],
        ['B614', 16, 12],
      ],
    );
    assert.deepStrictEqual(sparse.findings, analyzeSourceSync(text, { config: CONFIG, rules }).findings);
  });

  it('a `def` line without its colon is not emptied (that would hide its syntax error from the sparse tree)', () => {
    // Found by the mutation property: emptying `def perms` removed the error, and the sparse tree then
    // read `def L` as a definition where the whole file's error recovery did not.
    const text = 'from torch import load as L\n\ndef perms\ndef L(x):\n    return x\n(p):\n    pass\n\nclass M:\n    def w(self):\n        return L(self.f)\n';
    const p = plan(text);
    assert.ok(!p || !p.text.includes('perms=...'), p?.text);
    const rules = rulesForText(text, configuredRules(CONFIG), CONFIG);
    const { sparse, ...result } = analyzeSourceSparse(text, { config: CONFIG, rules });
    assert.strictEqual(sparse, false);
    assert.deepStrictEqual(result, analyzeSourceSync(text, { config: CONFIG, rules }));
  });

  it('a chain of module-level aliases deeper than the closure follows: the file is analysed whole, with the same findings', () => {
    const chain = (n: number) => {
      const lines = ['import torch', 'a0 = torch'];
      for (let i = 1; i <= n; i++) lines.push(`a${i} = a${i - 1}`);
      return [...lines, '', 'def f(x):', `    return a${n}.load(x)`, '', 'def g():', '    return 1', ''].join('\n');
    };
    assert.ok(plan(chain(5)));
    const text = chain(40);
    assert.strictEqual(plan(text), undefined);
    const rules = rulesForText(text, configuredRules(CONFIG), CONFIG);
    const sparse = analyzeSourceSparse(text, { config: CONFIG, rules });
    assert.strictEqual(sparse.sparse, false);
    assert.deepStrictEqual(
      sparse.findings.map((f) => [f.code, f.range.start.line, f.range.start.character]),
      [['B614', 44, 11]],
    );
  });

  it("`except` and `else` at the top level continue their `try`: the file is analysed sparse, with the whole file's findings", () => {
    const text = 'try:\n    import torch\nexcept ImportError:\n    torch = None\nelse:\n    pass\n\ndef a():\n    return 1\n\ndef b(f):\n    return torch.load(f)\n';
    const rules = rulesForText(text, configuredRules(CONFIG), CONFIG);
    const sparse = analyzeSourceSparse(text, { config: CONFIG, rules });
    assert.strictEqual(sparse.sparse, true);
    const whole = analyzeSourceSync(text, { config: CONFIG, rules });
    assert.deepStrictEqual(
      sparse.findings.map((f) => [f.code, f.range.start.line, f.range.start.character]),
      [['B614', 11, 11]],
    );
    assert.deepStrictEqual(sparse.findings, whole.findings);
  });
});

describe('module scope values', () => {
  before(async () => {
    await loadPython();
  });

  it('a name on a cycle is unknown whichever name is read first; names outside it keep their values', () => {
    const text = 'a = {"k": b}\nb = a\nc = "x"\nd = {"k": c}\n';
    const read = (order: string[]) => {
      const tree = parsePython(text);
      try {
        const scope = new Scope('module', undefined, tree.rootNode);
        const values: Record<string, unknown> = {};
        for (const name of order) values[name] = scope.lookup(name);
        return values;
      } finally {
        tree.delete();
      }
    };
    const expected = { a: { kind: 'unknown' }, b: { kind: 'unknown' }, c: { kind: 'str', value: 'x' }, d: { kind: 'dict', entries: { k: { kind: 'str', value: 'x' } }, open: false } };
    assert.deepStrictEqual(read(['a', 'b', 'c', 'd']), expected);
    assert.deepStrictEqual(read(['b', 'a', 'd', 'c']), expected);
  });
});
