// The rule API's `match` (rules/rule.ts) and what rules/prefilter.ts derives from it: call patterns,
// the words a file must contain, the anchors; an import rule and a walked node rule end to end, each
// anchored run equal to a full walk.
import * as assert from 'assert';
import type { Node } from 'web-tree-sitter';
import { ruleByCode } from '../../server/src/rules';
import { defineRule, Rule, RuleContext, RuleMatch } from '../../server/src/rules/rule';
import { callPatternMatcher, prefilterOf } from '../../server/src/rules/prefilter';
import { importedModules } from '../../server/src/rules/imports';
import { rulesForText } from '../../server/src/analysis/engine';
import { analyzeSource } from '../../server/src/check/source';
import { defaultConfig } from '../../server/src/config/analysisConfig';

const DOCS = { whatItDoes: 'x', whyBad: 'x', example: 'x', useInstead: 'x', fixSafety: 'x', options: 'x', references: [] };

function testRule(code: string, match: RuleMatch, check: (node: Node, ctx: RuleContext) => void): Rule {
  return defineRule({ code, name: 'test-rule', summary: 'test', severity: 'warning', confidence: 'high', cwe: 1, fix: 'none', fixSafety: 'none', match, docs: DOCS, check });
}

/** `line:col-col message` of each finding (1-based lines, 0-based UTF-16 columns). */
async function run(text: string, rule: Rule, options: { anchored?: boolean } = {}): Promise<string[]> {
  const result = await analyzeSource(text, { config: defaultConfig(), rules: [rule], hfCache: () => undefined, ...options });
  return result.findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character}-${f.range.end.character} ${f.message}`);
}

describe('rule match: call patterns', () => {
  const m = callPatternMatcher(['torch.load', 'requests.*', 'transformers.*.from_pretrained']);

  it('exact names, `*` for any run of segments (none included), never a partial segment', () => {
    assert.deepStrictEqual(
      [
        'torch.load',
        'torch.loads',
        'torch.serialization.load',
        'requests',
        'requests.get',
        'requests.api.get',
        'requestsx.get',
        'transformers.AutoModel.from_pretrained',
        'transformers.from_pretrained',
        'transformers.a.b.from_pretrained',
        'transformers.AutoModel.save_pretrained',
      ].map((n) => m.matches(n)),
      [true, false, false, true, true, true, false, true, true, true, false],
    );
  });

  it('prefix test for the anchors: whole segments only', () => {
    assert.deepStrictEqual(
      ['torch', 'torch.nn', 'transformers', 'transformers.models.bert', 'requests.api', 'tor', 'builtins.torch'].map((v) => m.couldStartWith(v)),
      [true, false, true, true, true, false, false],
    );
  });

  it('malformed matches are refused when the rule is first used', () => {
    assert.throws(() => prefilterOf(testRule('T1', { calls: ['*.load'] }, () => undefined)), /T1: bad call pattern '\*\.load'/);
    assert.throws(() => prefilterOf(testRule('T2', { calls: ['a.b'], strings: ['x'] }, () => undefined)), /T2: match declares calls and strings/);
    assert.throws(() => prefilterOf(testRule('T3', { calls: [] }, () => undefined)), /T3: match.calls is empty/);
  });
});

describe('rule match: what the pre-filter derives for the registered rules', () => {
  const derived = (code: string) => {
    const p = prefilterOf(ruleByCode(code) as Rule);
    return {
      nodeTypes: p.nodeTypes,
      words: p.wordAlternatives,
      substrings: p.substringGroups(defaultConfig()),
      roots: p.calleeRoots,
      last: p.calleeLast,
      anchorWords: p.anchorWords,
      textAnchors: p.textAnchors,
      anchored: p.anchored,
    };
  };

  it('a call rule: every segment of one name; roots and last segments for the anchors', () => {
    assert.deepStrictEqual(derived('B614'), {
      nodeTypes: ['call'],
      words: [
        ['torch', 'load'],
        ['torch', 'serialization', 'load'],
      ],
      substrings: [],
      roots: ['torch'],
      last: ['load'],
      anchorWords: undefined,
      textAnchors: undefined,
      anchored: true,
    });
    // A built-in by its own name; both `builtins` and `eval` start it.
    assert.deepStrictEqual(derived('B307').words, [['eval']]);
    assert.deepStrictEqual(derived('B307').roots, ['builtins', 'eval']);
    // `*` last: no last-segment gate; extra words join every alternative.
    assert.deepStrictEqual(derived('B501'), {
      nodeTypes: ['call'],
      words: [
        ['requests', 'verify'],
        ['httpx', 'verify'],
      ],
      substrings: [],
      roots: ['requests', 'httpx'],
      last: undefined,
      anchorWords: undefined,
      textAnchors: undefined,
      anchored: true,
    });
  });

  it("a node rule anchors on its kind's keyword; a string rule on its strings; the hygiene rules on text", () => {
    assert.deepStrictEqual(derived('B110'), {
      nodeTypes: ['except_clause'],
      words: [['except', 'pass']],
      substrings: [],
      roots: undefined,
      last: undefined,
      anchorWords: ['except'],
      textAnchors: undefined,
      anchored: true,
    });
    assert.deepStrictEqual(derived('B104'), {
      nodeTypes: ['string'],
      words: undefined,
      substrings: [['0.0.0.0']],
      roots: undefined,
      last: undefined,
      anchorWords: undefined,
      textAnchors: undefined,
      anchored: true,
    });
    assert.deepStrictEqual(derived('ML901'), {
      nodeTypes: [],
      words: undefined,
      substrings: [['nosec']],
      roots: undefined,
      last: undefined,
      anchorWords: undefined,
      textAnchors: undefined,
      anchored: false,
    });
    // ML900 checks nothing in a text: its substring group is empty, so no file selects it.
    assert.deepStrictEqual(derived('ML900').substrings, [[]]);
  });

  it('a node rule whose node holds its text anchors on that text, in any case; the file pre-filter keeps the declared spellings', () => {
    const b105 = derived('B105');
    assert.deepStrictEqual(
      { ...b105, substrings: undefined },
      {
        nodeTypes: ['assignment', 'pair', 'comparison_operator'],
        words: undefined,
        substrings: undefined,
        roots: undefined,
        last: undefined,
        anchorWords: undefined,
        textAnchors: ['pas', 'pwd', 'token', 'secret'],
        anchored: true,
      },
    );
    // Every case spelling of the four words, exactly (a file holding none skips the rule).
    assert.strictEqual(b105.substrings.length, 1);
    assert.strictEqual(b105.substrings[0].length, 8 + 8 + 32 + 64);
    assert.ok(['PaS', 'pwD', 'tOkEn', 'SECRET'].every((t) => b105.substrings[0].includes(t)));
    assert.deepStrictEqual(derived('B106').textAnchors, ['pas', 'pwd', 'token', 'secret']);
    assert.deepStrictEqual(derived('B106').nodeTypes, ['keyword_argument']);
    // B608 declares three spellings of each keyword; the anchors look for any case (a superset).
    assert.deepStrictEqual(derived('B608'), {
      nodeTypes: ['string'],
      words: undefined,
      substrings: [['select', 'SELECT', 'Select', 'delete', 'DELETE', 'Delete', 'insert', 'INSERT', 'Insert', 'update', 'UPDATE', 'Update']],
      roots: undefined,
      last: undefined,
      anchorWords: undefined,
      textAnchors: ['select', 'delete', 'insert', 'update'],
      anchored: true,
    });
    // Text wins over a keyword (every `def` would be a candidate); the keyword stays in the pre-filter.
    assert.deepStrictEqual(
      { ...derived('B107'), substrings: undefined },
      {
        nodeTypes: ['function_definition'],
        words: [['def']],
        substrings: undefined,
        roots: undefined,
        last: undefined,
        anchorWords: undefined,
        textAnchors: ['pas', 'pwd', 'token', 'secret'],
        anchored: true,
      },
    );
    assert.deepStrictEqual(derived('B610'), {
      nodeTypes: ['call'],
      words: [['extra']],
      substrings: [['extra']],
      roots: undefined,
      last: undefined,
      anchorWords: undefined,
      textAnchors: ['extra'],
      anchored: true,
    });
    // Text that only the file holds (an import elsewhere) anchors nothing: such rules are walked.
    assert.deepStrictEqual(derived('B201'), {
      nodeTypes: ['call'],
      words: [['debug']],
      substrings: [['flask']],
      roots: undefined,
      last: undefined,
      anchorWords: undefined,
      textAnchors: undefined,
      anchored: false,
    });
  });

  it("textIn 'node' needs a nodes match and a non-empty text", () => {
    assert.throws(() => prefilterOf(testRule('TT1', { calls: ['a.b'], text: ['b'], textIn: 'node' }, () => undefined)), /TT1: textIn 'node' is for a nodes match/);
    assert.throws(() => prefilterOf(testRule('TT2', { nodes: ['call'], textIn: 'node' }, () => undefined)), /TT2: textIn 'node' needs a non-empty text list/);
    assert.throws(() => prefilterOf(testRule('TT3', { nodes: ['call'], text: [''], textIn: 'node' }, () => undefined)), /TT3: textIn 'node' needs a non-empty text list/);
  });
});

describe('rule match: an import rule', () => {
  // Bandit's import checks match by prefix (`pickletools` counts for `pickle`): the rule decides.
  const rule = testRule('TI1', { imports: ['pickle', 'xml.etree.cElementTree'] }, (node, ctx) => {
    for (const m of importedModules(node, ctx)) {
      if (['pickle', 'xml.etree.cElementTree'].some((q) => m.name.startsWith(q))) ctx.report({ message: m.name, node: m.node, scopeNode: node });
    }
  });
  const text = [
    'import os, pickle as p',
    'from pickle import loads',
    'import pickletools',
    'from xml.etree import cElementTree',
    'from . import pickle',
    'from ..pickle import x',
    'mod = __import__("pickle")',
    'import importlib',
    'importlib.import_module("xml.etree.cElementTree")',
    'from pickle import *',
    's = "import pickle"  # import pickle',
    'def f(__import__):',
    '    __import__("pickle")',
    '',
  ].join('\n');
  const expected = [
    '1:11-17 pickle',
    '2:19-24 pickle.loads',
    '3:7-18 pickletools',
    '4:22-34 xml.etree.cElementTree',
    '5:14-20 pickle',
    '6:21-22 pickle.x',
    '7:17-25 pickle',
    '9:24-48 xml.etree.cElementTree',
    '10:19-20 pickle.*',
  ];

  it('reports import statements and import calls at the imported name, anchored as in a full walk', async () => {
    assert.deepStrictEqual(await run(text, rule), expected);
    assert.deepStrictEqual(await run(text, rule, { anchored: false }), expected);
  });

  it('the pre-filter needs an import and the last segment of a module', () => {
    const kept = (t: string) => rulesForText(t, [rule], defaultConfig()).length;
    assert.deepStrictEqual([kept('import os\n'), kept('x = pickle\n'), kept('import pickle\n'), kept('__import__("pickle")\n'), kept('from xml.etree import cElementTree\n')], [0, 0, 1, 1, 1]);
  });
});

describe('rule match: an import rule that also matches calls', () => {
  // Bandit's import lists apply to calls too (B412: `wsgiref.handlers.CGIHandler()`): such a rule
  // declares both, and is handed the import nodes, the import calls and the calls it names.
  const rule = testRule('TI2', { imports: ['wsgiref.handlers.CGIHandler'], calls: ['wsgiref.handlers.CGIHandler'] }, (node, ctx) => {
    if (node.type === 'call' && ctx.calleeName(node) === 'wsgiref.handlers.CGIHandler') {
      ctx.report({ message: `call ${ctx.calleeName(node)}`, node, scopeNode: node });
      return;
    }
    for (const m of importedModules(node, ctx)) ctx.report({ message: `import ${m.name}`, node: m.node, scopeNode: node });
  });
  const text = [
    'import wsgiref.handlers',
    'from wsgiref.handlers import CGIHandler',
    'wsgiref.handlers.CGIHandler().run(app)',
    'wsgiref.handlers.SimpleHandler(a, b, c, d)',
    'other.CGIHandler()',
    '',
  ].join('\n');
  const expected = ['1:7-23 import wsgiref.handlers', '2:29-39 import wsgiref.handlers.CGIHandler', '3:0-29 call wsgiref.handlers.CGIHandler'];

  it('hands it the named calls as well as the imports, anchored as in a full walk', async () => {
    assert.deepStrictEqual(await run(text, rule), expected);
    assert.deepStrictEqual(await run(text, rule, { anchored: false }), expected);
  });

  it('the pre-filter keeps a file that spells the call without the word `import`, and needs the last segment', () => {
    const kept = (t: string) => rulesForText(t, [rule], defaultConfig()).length;
    assert.deepStrictEqual([kept('x = 1\n'), kept('wsgiref.handlers.CGIHandler()\n'), kept('import wsgiref.handlers\n'), kept('from wsgiref.handlers import CGIHandler\n')], [0, 1, 0, 1]);
  });

  it('refuses calls with `*` in an import rule, and any other pair of match kinds', () => {
    assert.throws(() => prefilterOf(testRule('TI3', { imports: ['a'], calls: ['a.*'] }, () => undefined)), /TI3: the calls of an import rule are exact names/);
    assert.throws(() => prefilterOf(testRule('TI4', { imports: ['a'], nodes: ['call'] }, () => undefined)), /TI4: match declares imports and nodes/);
  });
});

describe('rule match: a node kind without a keyword is walked', () => {
  const rule = testRule('TN1', { nodes: ['comparison_operator'], words: ['is'] }, (node, ctx) => {
    if (node.children.some((c) => c?.type === 'is')) ctx.report({ message: node.text, node, scopeNode: node });
  });

  it('is not anchored, keeps its words as the pre-filter, and finds the same either way', async () => {
    assert.strictEqual(prefilterOf(rule).anchored, false);
    assert.deepStrictEqual(prefilterOf(rule).wordAlternatives, [['is']]);
    const text = 'if a is 1:\n    pass\nb = c == d\n';
    assert.deepStrictEqual(await run(text, rule), ['1:3-9 a is 1']);
    assert.deepStrictEqual(await run(text, rule, { anchored: false }), ['1:3-9 a is 1']);
  });
});
