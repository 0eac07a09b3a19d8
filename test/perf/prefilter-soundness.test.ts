// The text pre-filter (engine.rulesForText over what each rule's `match` derives, rules/prefilter.ts) must never change a result:
// a rule it leaves out must find nothing, and a file it skips entirely must have no finding at all.
// Nor may the anchors (a rule sees only the nodes its words lead to, anchors.ts): the pre-filtered
// run below is anchored, the reference walks every node.
// Checked by running the full analysis (every rule, no pre-filter) and comparing the final findings
// (suppressions and the ML9xx hygiene findings included) with those of the pre-filtered run.
// Corpus: generated ML-style files, hand-written tricky files, the rule fixtures, and — when python3
// is installed — every stdlib file the pre-filter skips plus a bounded sample of the others.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { rulesForText } from '../../server/src/analysis/engine';
import { analyzeSourceSync } from '../../server/src/check/source';
import { loadPython } from '../../server/src/analysis/parser';
import { defaultConfig, AnalysisConfig } from '../../server/src/config/analysisConfig';
import { generateFile, FileKind } from '../../bench/corpus';
import { stdlibDir, stdlibFiles } from '../../bench/stdlib';
import { configuredRules } from '../../server/src/check/source';

const root = path.resolve(__dirname, '../../..');

/** Files written to look innocent to a substring test while still being findings (or not). */
const TRICKY: Record<string, string> = {
  'alias_import.py': 'from os import system as run_it\nrun_it(cmd)\n',
  'star_alias.py': 'import torch as t\nstate = t.load(path)\n',
  'nested_import.py': 'def f(p):\n    from torch import load as L\n    return L(p)\n',
  'noqa_only.py': 'x = compute()  # noqa: S301\nimport pickle  # noqa\n',
  'nosec_no_rule.py': 'value = 1  # nosec\nother = 2  # nosec B999\n',
  'dunder_import.py': 'mod = __import__("subprocess")\nmod.call("ls", shell=True)\n',
  'getattr_call.py': 'import yaml\nload = getattr(yaml, "load")\nload(data)\n',
  'no_triggers.py': 'def add(a, b):\n    return a + b\n\nclass P:\n    x = 1\n',
  'unicode.py': 'é = "😀"\ndef ƒ(x):\n    return x\n',
};

interface Case {
  name: string;
  text: string;
}

function corpus(): Case[] {
  const cases: Case[] = [];
  const kinds: FileKind[] = ['torch', 'hf', 'http', 'data', 'util'];
  // High unsafe rate: the generated files carry real findings for the kept rules to find.
  for (let i = 0; i < 60; i++) cases.push({ name: `generated_${i}.py`, text: generateFile(1000 + i, kinds[i % kinds.length], 60 + (i % 7) * 20, 0.5) });
  for (const [name, text] of Object.entries(TRICKY)) cases.push({ name, text });
  const fixtures = path.join(root, 'test', 'fixtures', 'rules');
  for (const f of fs
    .readdirSync(fixtures)
    .filter((n) => n.endsWith('.py'))
    .sort())
    cases.push({ name: `fixture ${f}`, text: fs.readFileSync(path.join(fixtures, f), 'utf8') });
  return cases;
}

function stdlibCases(config: AnalysisConfig): { skipped: Case[]; sample: Case[] } {
  const dir = stdlibDir();
  if (!dir) return { skipped: [], sample: [] };
  const rules = configuredRules(config);
  const skipped: Case[] = [];
  const others: Case[] = [];
  for (const file of stdlibFiles(dir)) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const c = { name: path.relative(dir, file), text };
    if (rulesForText(text, rules, config).length === 0) skipped.push(c);
    else others.push(c);
  }
  // Every skipped file (they are small by nature); of the rest, a spread sample of small files.
  const small = others.filter((c) => c.text.length < 20_000);
  const sample = small.filter((_, i) => i % Math.max(1, Math.floor(small.length / 25)) === 0);
  return { skipped, sample };
}

function check(c: Case, config: AnalysisConfig): { skippedFile: boolean; leftOut: number } {
  const all = configuredRules(config);
  const kept = rulesForText(c.text, all, config);
  // The reference: every rule, every node walked (no pre-filter, no anchors).
  const full = analyzeSourceSync(c.text, { config, anchored: false });
  const keptCodes = new Set(kept.map((r) => r.code));
  const stray = full.findings.filter((f) => !keptCodes.has(f.code));
  assert.deepStrictEqual(
    stray.map((f) => `${f.code}@${f.range.start.line + 1}`),
    [],
    `${c.name}: the pre-filter left out a rule that finds something`,
  );
  if (kept.length === 0) {
    assert.deepStrictEqual(full.findings, [], `${c.name}: skipped by the pre-filter but the full analysis finds something`);
  } else {
    const filtered = analyzeSourceSync(c.text, { config, rules: kept });
    assert.deepStrictEqual(filtered.findings, full.findings, `${c.name}: pre-filtered findings differ from the full analysis`);
  }
  return { skippedFile: kept.length === 0, leftOut: all.length - kept.length };
}

describe('pre-filter soundness (full analysis of what the pre-filter leaves out)', function () {
  this.timeout(240_000);
  const config = defaultConfig();

  before(async () => {
    await loadPython();
  });

  it('generated, tricky and fixture files: same findings with and without the pre-filter', () => {
    let skippedFiles = 0;
    let leftOut = 0;
    for (const c of corpus()) {
      const r = check(c, config);
      if (r.skippedFile) skippedFiles++;
      leftOut += r.leftOut;
    }
    // The check must have had something to check.
    assert.ok(skippedFiles >= 2, `only ${skippedFiles} files were skipped`);
    assert.ok(leftOut > 100, `only ${leftOut} rule×file pairs were left out`);
  });

  it('stdlib (when python3 is installed): every skipped file and a sample of the others', function () {
    const { skipped, sample } = stdlibCases(config);
    if (skipped.length + sample.length === 0) this.skip();
    for (const c of [...skipped, ...sample]) check(c, config);
    assert.ok(skipped.length > 0);
  });
});
