// The fixes of the catalog rules: the exact text after applying each fix, its safety, and that the
// result still parses.
import * as assert from 'assert';
import { analyzeSource } from '../../server/src/check/source';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { loadPython, parsePython } from '../../server/src/analysis/parser';
import type { Finding } from '../../server/src/analysis/types';
import { applyEdits } from '../helpers/applyEdits';
import * as fs from 'fs';
import * as path from 'path';
import { FIXTURE_DIR, fixtureFiles } from '../helpers/fixtureFiles';
import { parseFixtureConfig } from '../helpers/markers';

const SHA = '0f3a6c2d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49';

async function findingsOf(code: string, text: string): Promise<Finding[]> {
  const result = await analyzeSource(text, {
    config: { ...defaultConfig(), select: [code] },
    hfCache: (repo) => (repo === 'org/cached' ? { sha: SHA, ref: 'main' } : undefined),
  });
  assert.deepStrictEqual(result.ruleErrors, []);
  return result.findings;
}

/** Applies fix number `index` of the only finding and checks that the result parses. */
async function fixed(code: string, text: string, index = 0): Promise<{ text: string; safety: string; titles: string[] }> {
  const findings = await findingsOf(code, text);
  assert.strictEqual(findings.length, 1, `expected one ${code} finding, got ${findings.map((f) => f.code).join(', ')}`);
  const fix = findings[0].fixes[index];
  assert.ok(fix, `no fix #${index}`);
  const out = applyEdits(text, fix.edits);
  await loadPython();
  const tree = parsePython(out);
  try {
    assert.strictEqual(tree.rootNode.hasError, false, `fix produced unparsable code:\n${out}`);
  } finally {
    tree.delete();
  }
  return { text: out, safety: fix.safety, titles: findings[0].fixes.map((f) => f.title) };
}

describe('catalog rule fixes', () => {
  it('B602: shlex.split the literal, drop shell=True, add import shlex after the docstring', async () => {
    const r = await fixed('B602', '"""Doc."""\nimport subprocess\n\nsubprocess.run("ls -l", shell=True)\n');
    assert.strictEqual(r.text, '"""Doc."""\nimport shlex\nimport subprocess\n\nsubprocess.run(shlex.split("ls -l"))\n');
    assert.strictEqual(r.safety, 'unsafe');
  });

  it('B602: one-argument-per-line call loses the shell line; existing import shlex is reused', async () => {
    const src = 'import shlex\nimport subprocess\n\nsubprocess.run(\n    "make build",\n    shell=True,\n    check=True,\n)\n';
    const r = await fixed('B602', src);
    assert.strictEqual(r.text, 'import shlex\nimport subprocess\n\nsubprocess.run(\n    shlex.split("make build"),\n    check=True,\n)\n');
  });

  it('B602: no fix when the command has shell syntax or is built at run time', async () => {
    for (const src of [
      'import subprocess\nsubprocess.run("ls | wc -l", shell=True)\n',
      'import subprocess\nsubprocess.run(f"rm {x}", shell=True)\n',
      'import subprocess\nsubprocess.run("FOO=1 make", shell=True)\n',
    ]) {
      const [f] = await findingsOf('B602', src);
      assert.deepStrictEqual(f.fixes, [], src);
    }
  });

  it('B602: no fix when `shlex` names something else in the file', async () => {
    const [f] = await findingsOf('B602', 'import subprocess\nfrom mylib import shlex\nsubprocess.run("ls -l", shell=True)\n');
    assert.deepStrictEqual(f.fixes, []);
  });

  it('ML106: removes safe_mode=False in each layout', async () => {
    assert.strictEqual((await fixed('ML106', 'import keras\nkeras.models.load_model("m.keras", safe_mode=False)\n')).text, 'import keras\nkeras.models.load_model("m.keras")\n');
    assert.strictEqual(
      (await fixed('ML106', 'import keras\nkeras.models.load_model("m.keras", safe_mode=False, compile=False)\n')).text,
      'import keras\nkeras.models.load_model("m.keras", compile=False)\n',
    );
    assert.strictEqual((await fixed('ML106', 'import keras\nkeras.models.load_model(safe_mode=False, filepath="m.keras")\n')).text, 'import keras\nkeras.models.load_model(filepath="m.keras")\n');
    assert.strictEqual((await fixed('ML106', 'import keras\nkeras.models.load_model(\n    "m.keras",\n    safe_mode=False\n)\n')).text, 'import keras\nkeras.models.load_model(\n    "m.keras",\n)\n');
    assert.strictEqual(
      (await fixed('ML106', 'import keras\nkeras.models.load_model("m.keras",\n                        safe_mode=False)\n')).text,
      'import keras\nkeras.models.load_model("m.keras")\n',
    );
  });

  it('B506: yaml.load(x) → yaml.safe_load(x) and full_load → safe_load, both unsafe (PyYAML 5 loads tags safe_load refuses); no fix for a from-import', async () => {
    const a = await fixed('B506', 'import yaml\nc = yaml.load(f)\n');
    assert.strictEqual(a.text, 'import yaml\nc = yaml.safe_load(f)\n');
    assert.strictEqual(a.safety, 'unsafe');
    const b = await fixed('B506', 'import yaml as y\nc = y.full_load(f)\n');
    assert.strictEqual(b.text, 'import yaml as y\nc = y.safe_load(f)\n');
    assert.strictEqual(b.safety, 'unsafe');
    const [c] = await findingsOf('B506', 'from yaml import load\nc = load(f)\n');
    assert.deepStrictEqual(c.fixes, []);
  });

  it('B324: usedforsecurity=False and sha256, both unsafe (the first asserts what only the author knows)', async () => {
    const src = 'import hashlib\nh = hashlib.md5(data)\n';
    const intent = await fixed('B324', src, 0);
    assert.strictEqual(intent.text, 'import hashlib\nh = hashlib.md5(data, usedforsecurity=False)\n');
    assert.strictEqual(intent.safety, 'unsafe');
    const swap = await fixed('B324', src, 1);
    assert.strictEqual(swap.text, 'import hashlib\nh = hashlib.sha256(data)\n');
    assert.strictEqual(swap.safety, 'unsafe');
    assert.strictEqual((await fixed('B324', 'import hashlib\nhashlib.new("md5", data)\n', 1)).text, 'import hashlib\nhashlib.new("sha256", data)\n');
  });

  it('ML104, B501, B701, ML201: keyword value replaced or keyword inserted', async () => {
    assert.strictEqual((await fixed('ML104', 'import numpy as np\nnp.load(p, allow_pickle=True)\n')).text, 'import numpy as np\nnp.load(p, allow_pickle=False)\n');
    assert.strictEqual((await fixed('B501', 'import requests\nrequests.get(u, timeout=5, verify=False)\n')).text, 'import requests\nrequests.get(u, timeout=5, verify=True)\n');
    assert.strictEqual((await fixed('B701', 'import jinja2\njinja2.Environment(loader=l)\n')).text, 'import jinja2\njinja2.Environment(loader=l, autoescape=True)\n');
    assert.strictEqual((await fixed('B701', 'import jinja2\njinja2.Environment(autoescape=False)\n')).text, 'import jinja2\njinja2.Environment(autoescape=True)\n');
    const t = await fixed('ML201', 'from urllib.request import urlopen\nurlopen(u)\n');
    assert.strictEqual(t.text, 'from urllib.request import urlopen\nurlopen(u, timeout=30)\n');
    assert.strictEqual(t.safety, 'safe');
    assert.strictEqual((await fixed('ML201', 'from urllib.request import urlopen\nurlopen(u, timeout=None)\n')).text, 'from urllib.request import urlopen\nurlopen(u, timeout=30)\n');
  });

  it('ML101: "main" becomes the cached commit; otherwise a placeholder snippet', async () => {
    const r = await fixed('ML101', 'from transformers import AutoModel\nAutoModel.from_pretrained("org/cached", revision="main")\n');
    assert.strictEqual(r.text, `from transformers import AutoModel\nAutoModel.from_pretrained("org/cached", revision="${SHA}")\n`);
    const [f] = await findingsOf('ML101', 'from transformers import AutoModel\nAutoModel.from_pretrained("org/other", revision="v1")\n');
    assert.strictEqual(f.fixes[0].snippet, true);
    assert.strictEqual(f.fixes[0].edits[0].newText, '"${1:COMMIT_SHA}"');
  });
});

describe('every fix offered in the fixtures', () => {
  it('leaves a file that parses (snippet placeholders filled with their default text)', async () => {
    await loadPython();
    let applied = 0;
    for (const file of fixtureFiles()) {
      const text = fs.readFileSync(path.join(FIXTURE_DIR, file), 'utf8');
      const result = await analyzeSource(text, { config: { ...defaultConfig(), ...parseFixtureConfig(text) }, hfCache: () => undefined });
      for (const finding of result.findings) {
        for (const fix of finding.fixes) {
          const edits = fix.edits.map((e) => ({ ...e, newText: fix.snippet ? e.newText.replace(/\$\{\d+:([^}]*)\}/g, '$1') : e.newText }));
          const out = applyEdits(text, edits);
          const tree = parsePython(out);
          const broken = tree.rootNode.hasError;
          tree.delete();
          assert.strictEqual(broken, false, `${file}:${finding.range.start.line + 1} ${finding.code} "${fix.title}" breaks the file`);
          applied++;
        }
      }
    }
    assert.ok(applied > 50, `only ${applied} fixes applied`);
  });
});
