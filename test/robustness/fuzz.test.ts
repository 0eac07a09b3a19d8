// Property tests over hostile input: random bytes, random token soup that is half Python and half
// garbage, and random edit sequences. Invariants: nothing throws (not even inside the engine, where
// failures would be swallowed into `skipped`/`ruleErrors`), every range lies inside the document, every
// fix applies and leaves a text that parses with no more syntax errors than before, and an
// incrementally re-parsed tree gives the same findings as a fresh parse.
import * as assert from 'assert';
import fc from 'fast-check';
import type { Tree } from 'web-tree-sitter';
import { Edit } from 'web-tree-sitter';
import { loadPython, parsePython } from '../../server/src/analysis/parser';
import { analyzeTree } from '../../server/src/analysis/engine';
import { analyzeSourceSync, finalizeFindings } from '../../server/src/check/source';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { decodeSource } from '../../server/src/workspace/readSource';
import type { Finding, TextEdit } from '../../server/src/analysis/types';
import { applyTextEdits, documentOf, rangeProblem } from '../helpers/textEdits';
import { DocumentStore, ContentChange } from '../../server/src/check/documentStore';
import { replayAgainstFresh } from '../helpers/storeReplay';
import { LineIndex, treeEditSpan } from '../../server/src/analysis/lineIndex';
import { computeCodeActions } from '../../server/src/lsp/codeActions';
import { toDiagnostic } from '../../server/src/lsp/diagnostics';
import type { CodeAction, Diagnostic, TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import { configuredRules } from '../../server/src/check/source';

const config = defaultConfig();
/** How much the properties exercised: guards against a generator that stops producing findings. */
const exercised = { findings: 0, fixesOnCleanText: 0 };
const noHfCache = () => undefined;

/** Fragments that make the parser recover (or fail to), mixed at random. */
const TOKENS = [
  'import torch\n',
  'import requests\n',
  'torch.load(',
  'requests.get(',
  'AutoModel.from_pretrained(',
  '"m.pt"',
  "'u'",
  'f"{x}"',
  'weights_only=',
  'timeout=',
  'False',
  'None',
  '**kw',
  '*a',
  'x',
  'y.z',
  '=',
  ',',
  ', ',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ':',
  '\n',
  '\r\n',
  '\r',
  '    ',
  '\t',
  ' ',
  '# c',
  '# nosec',
  '"""',
  "'",
  '\\',
  'def f(a):\n',
  'class C:\n',
  'if x:\n',
  'lambda: ',
  'return ',
  'é',
  '😀',
  '\u00a0',
  '\u2028',
];
const garbage = fc.array(fc.constantFrom(...TOKENS), { maxLength: 6 }).map((t) => t.join(''));

/** Calls the rules flag, with random arguments and the layouts the fixers must respect. */
const CALLEES = [
  'torch.load',
  'ld',
  'th.load',
  'torch.serialization.load',
  'requests.get',
  'requests.post',
  'httpx.Client',
  'AutoModel.from_pretrained',
  'hf_hub_download',
  'hashlib.md5',
  'yaml.load',
  'subprocess.run',
  'jinja2.Environment',
  'np.load',
  'keras.models.load_model',
  'urlopen',
  'pickle.loads',
  'eval',
  'os.system',
  'tempfile.mktemp',
];
const ARGS = [
  '"m.pt"',
  'path',
  'f"{x}.pt"',
  'weights_only=False',
  'weights_only=w',
  'timeout=None',
  'timeout=t',
  'revision="main"',
  'repo_id="org/m"',
  '"org/m"',
  '**kw',
  '**{"weights_only": False}',
  '*a',
  'x  # note',
  'é😀',
  'verify=False',
  'shell=True',
  'allow_pickle=True',
  'safe_mode=False',
  'Loader=yaml.Loader',
  'autoescape=False',
  'trust_remote_code=True',
  'usedforsecurity=False',
  '"/tmp/x"',
  'host="0.0.0.0"',
];
const call = fc
  .record({
    callee: fc.constantFrom(...CALLEES),
    args: fc.array(fc.constantFrom(...ARGS), { maxLength: 4 }),
    layout: fc.constantFrom('inline', 'inline-trailing-comma', 'one-per-line', 'one-per-line-trailing-comma', 'hanging'),
    indent: fc.constantFrom('    ', '\t', '  '),
  })
  .map(({ callee, args, layout, indent }) => {
    if (layout === 'inline') return `${callee}(${args.map((a) => a.replace('  # note', '')).join(', ')})`;
    if (layout === 'inline-trailing-comma') return `${callee}(${args.map((a) => a.replace('  # note', '')).join(', ')}${args.length ? ',' : ''})`;
    if (layout === 'hanging') return `${callee}(${args.map((a) => a.replace('  # note', '')).join(`,\n${indent}`)})`;
    const comma = layout === 'one-per-line-trailing-comma' ? ',' : '';
    return `${callee}(\n${args.map((a, i) => `${indent}${a.includes('#') ? a.replace('  #', `${i < args.length - 1 || comma ? ',' : ''}  #`) : a + (i < args.length - 1 ? ',' : comma)}`).join('\n')}\n)`;
  });
const statement = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(call, fc.constantFrom('', '', '  # nosec', '  # nosec B614', '  # noqa: S113', '  # nosec: B602,')).map(([c, s]) => `x = ${c}${s}`) },
  { weight: 3, arbitrary: call },
  { weight: 1, arbitrary: call.map((c) => `try:\n    ${c.replace(/\n/g, '\n    ')}\nexcept Exception:\n    pass`) },
  { weight: 1, arbitrary: fc.constantFrom('w = False', 'kw = {"weights_only": False}', 't = None', 'def f(a):\n    return torch.load(a)', 'if x:\n    y = requests.get(u)') },
  { weight: 1, arbitrary: garbage },
);
const HEADER =
  'import hashlib, yaml, subprocess, jinja2, pickle, os, tempfile, keras, torch, requests, httpx\nimport numpy as np, torch as th\nfrom torch import load as ld\nfrom urllib.request import urlopen\nfrom transformers import AutoModel\nfrom huggingface_hub import hf_hub_download\n';
const program = fc
  .tuple(fc.array(fc.tuple(statement, fc.constantFrom('\n', '\n', '\r\n', '\r')), { maxLength: 6 }), fc.boolean())
  .map(([lines, header]) => (header ? HEADER : '') + lines.map(([s, eol]) => s + eol).join(''));
const anyText = fc.oneof(
  { weight: 6, arbitrary: program },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.tuple(program, fc.string({ unit: 'binary', maxLength: 20 }), program).map(([a, b, c]) => a + b + c) },
);

function syntaxErrorCount(tree: Tree): number {
  let n = 0;
  const cursor = tree.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) n++;
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return n;
      }
    }
  } finally {
    cursor.delete();
  }
}

function errorsIn(text: string): number {
  const tree = parsePython(text);
  try {
    return syntaxErrorCount(tree);
  } finally {
    tree.delete();
  }
}

/** The text an editor inserts for a snippet edit: placeholders become their default text. */
function expandSnippet(e: TextEdit): TextEdit {
  return { range: e.range, newText: e.newText.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '') };
}

/**
 * Analyses `text` and checks every invariant; returns the findings. With `applyFixes`, every fix is
 * applied and the result re-parsed: a text that parsed cleanly must still parse cleanly. (A text that
 * already has syntax errors is not held to that: tree-sitter's recovery is global, and a correct edit
 * after an unterminated string on an earlier line changes how that earlier error is recovered.)
 */
function checkText(text: string, applyFixes = true): Finding[] {
  const result = analyzeSourceSync(text, { config, hfCache: noHfCache });
  if (result.skipped && !/^(indentation nested more than|contains NUL characters)/.test(result.skipped)) assert.fail(`skipped: ${result.skipped}`);
  assert.deepStrictEqual(result.ruleErrors, []);
  const doc = documentOf(text);
  let clean: boolean | undefined;
  for (const f of result.findings) {
    exercised.findings++;
    const problem = rangeProblem(doc, f.range);
    if (problem) assert.fail(`${f.code} range: ${problem}`);
    for (const fix of f.fixes) {
      for (const e of fix.edits) {
        const p = rangeProblem(doc, e.range);
        if (p) assert.fail(`${f.code} fix edit: ${p}`);
      }
      const fixed = applyTextEdits(text, fix.snippet ? fix.edits.map(expandSnippet) : fix.edits);
      if (!applyFixes) continue;
      clean ??= errorsIn(text) === 0;
      if (!clean) continue;
      exercised.fixesOnCleanText++;
      const after = errorsIn(fixed);
      if (after > 0) assert.fail(`${f.code} "${fix.title}" leaves ${after} syntax error(s):\n${JSON.stringify(text)}\n→\n${JSON.stringify(fixed)}`);
    }
  }
  return result.findings;
}

/** A finding reduced to what a user sees, for comparing two analyses. */
function key(f: Finding): string {
  return JSON.stringify([f.code, f.range, f.message, f.fixes]);
}

describe('robustness: fuzz', function () {
  this.timeout(120000);
  before(() => loadPython());

  it('random bytes: decoded or refused with a reason, and analysed without any exception (4,400 cases)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom('', 'import torch\ntorch.load(', '# -*- coding: latin-1 -*-\n'), (bytes, prefix) => {
        const all = Buffer.concat([Buffer.from(prefix), Buffer.from(bytes)]);
        const read = decodeSource(all);
        if (!read.ok) {
          assert.ok(read.reason.length > 0);
          return;
        }
        checkText(read.text);
      }),
      { numRuns: 4400 },
    );
  });

  it('programs and garbage: ranges inside the document, fixes apply and add no syntax errors (5,000 cases)', () => {
    const before = { ...exercised };
    fc.assert(
      fc.property(anyText, (text) => void checkText(text)),
      { numRuns: 5000 },
    );
    // Not vacuous: the generators must keep producing findings, and fixes on text that parses.
    const findings = exercised.findings - before.findings;
    const fixes = exercised.fixesOnCleanText - before.fixesOnCleanText;
    assert.ok(findings > 2000 && fixes > 1000, JSON.stringify({ findings, fixes }));
  });

  it('random edit sequences: each step is sound, and incremental re-parse gives the fresh findings (600 × up to 4 edits)', () => {
    const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 8 }), insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 }), fc.constantFrom('\r', '\n', '\r\n', '')) });
    fc.assert(
      fc.property(program, fc.array(edit, { minLength: 1, maxLength: 4 }), (start, edits) => {
        let text = start;
        let tree = parsePython(text);
        try {
          for (const e of edits) {
            const at = text.length === 0 ? 0 : e.at % (text.length + 1);
            const end = Math.min(text.length, at + e.del);
            const next = text.slice(0, at) + e.insert + text.slice(end);
            tree.edit(new Edit(treeEditSpan(new LineIndex(text), at, end, e.insert)));
            text = next;
            const incremental = parsePython(text, tree);
            tree.delete();
            tree = incremental;
            const fresh = checkText(text, false).map(key);
            const viaIncremental = finalizeFindings(analyzeTree(tree, text, { config, rules: configuredRules(config), hfCache: noHfCache }), text, config).map(key);
            assert.deepStrictEqual(viaIncremental, fresh, JSON.stringify(text));
          }
        } finally {
          tree.delete();
        }
      }),
      { numRuns: 600 },
    );
  });

  it('document store: random didChange sequences (out-of-range positions, CR/CRLF, full replacements) match a fresh open (500 × up to 4 notifications)', () => {
    const position = fc.record({ line: fc.integer({ min: 0, max: 40 }), character: fc.integer({ min: 0, max: 90 }) });
    const change: fc.Arbitrary<ContentChange> = fc.oneof(
      {
        weight: 8,
        arbitrary: fc
          .record({ start: position, end: position, text: fc.oneof(fc.constantFrom(...TOKENS), statement, fc.string({ maxLength: 3 }), fc.constantFrom('\r', '\n', '\r\n', '')) })
          .map(({ start, end, text }) => ({ range: { start, end }, text })),
      },
      { weight: 1, arbitrary: program.map((text) => ({ text })) },
    );
    const store = new DocumentStore();
    const fresh = new DocumentStore();
    fc.assert(
      fc.property(program, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), (start, notifications) => {
        const uri = 'file:///fuzz/a.py';
        store.open(uri, 1, start, config);
        try {
          replayAgainstFresh(store, fresh, uri, start, notifications, config, (text, findings) => {
            const doc = documentOf(text);
            for (const f of findings) {
              const problem = rangeProblem(doc, f.range);
              if (problem) assert.fail(`${f.code}: ${problem}`);
            }
          });
        } finally {
          store.close(uri);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('code actions for diagnostics the client sends back forged or stale (data, ranges) never throw and never edit outside the text (300 cases)', () => {
    const position = fc.record({ line: fc.integer({ min: -2, max: 30 }), character: fc.integer({ min: -2, max: 200 }) });
    const range = fc.record({ start: position, end: position });
    const forge = fc.oneof(
      fc.constant((d: Diagnostic) => d),
      range.map((r) => (d: Diagnostic) => ({ ...d, range: r })),
      range.map((r) => (d: Diagnostic) => ({ ...d, data: { ...(d.data as object), fixes: [{ title: 'x', safety: 'safe', edits: [{ range: r, newText: 'y' }] }] } })),
      fc.constantFrom<unknown>(null, 5, 'x', { fixes: 'no' }, { fixes: [null] }, { fixes: [{ edits: null }] }, { nodeLines: [-5, 1e9], fixes: [] }).map((data) => (d: Diagnostic) => ({ ...d, data })),
    );
    fc.assert(
      fc.property(program, fc.array(forge, { maxLength: 4 }), (text, forgeries) => {
        const findings = analyzeSourceSync(text, { config, hfCache: noHfCache }).findings;
        const diagnostics = findings.map(toDiagnostic).map((d, i) => (forgeries[i % Math.max(1, forgeries.length)] ?? ((x: Diagnostic) => x))(d));
        let actions: CodeAction[];
        try {
          actions = computeCodeActions({ uri: 'file:///a.py', text, diagnostics, allFindings: findings, snippetSupport: false });
        } catch (error) {
          assert.fail(`computeCodeActions threw: ${(error as Error)?.stack ?? error}`);
        }
        const doc = documentOf(text);
        for (const action of actions) {
          const edits: LspTextEdit[] = Object.values(action.edit?.changes ?? {}).flat();
          for (const e of edits) {
            const problem = rangeProblem(doc, e.range);
            if (problem) assert.fail(`${action.title}: ${problem}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
