// Counterexamples the property tests (fuzz.test.ts, incremental.property.test.ts) found in the document
// store, replayed deterministically: each opens a text, applies the notifications as the fuzz test does,
// and after every notification compares the store's findings with a fresh open of the same text.
import * as assert from 'assert';
import { DocumentStore, ContentChange } from '../../server/src/check/documentStore';
import { loadPython } from '../../server/src/analysis/parser';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { replayAgainstFresh } from '../helpers/storeReplay';
import { analyzeSourceSync } from '../../server/src/check/source';
import { parsePython } from '../../server/src/analysis/parser';

const config = defaultConfig();
const HEADER =
  'import hashlib, yaml, subprocess, jinja2, pickle, os, tempfile, keras, torch, requests, httpx\nimport numpy as np, torch as th\nfrom torch import load as ld\nfrom urllib.request import urlopen\nfrom transformers import AutoModel\nfrom huggingface_hub import hf_hub_download\n';

function change(sl: number, sc: number, el: number, ec: number, text: string): ContentChange {
  return { range: { start: { line: sl, character: sc }, end: { line: el, character: ec } }, text };
}

/** Opens `start`, applies each notification, and checks text and findings against a fresh open each time. */
function replay(start: string, notifications: ContentChange[][]): void {
  const store = new DocumentStore();
  const fresh = new DocumentStore();
  try {
    const uri = 'file:///regression/a.py';
    store.open(uri, 1, start, config);
    replayAgainstFresh(store, fresh, uri, start, notifications, config);
  } finally {
    store.dispose();
    fresh.dispose();
  }
}

describe('document store: property-test counterexamples', () => {
  before(() => loadPython());

  it('fuzz seed 1905324274 (reversed range, lone \\r): the file ends up with an ERROR root, and the module scope reused by binding signatures must equal a fresh one', () => {
    replay(`${HEADER}x = torch.load()\n`, [
      [change(7, 0, 7, 0, 'torch.load(\n    "m.pt",\n    "m.pt"\n)'), change(7, 0, 6, 15, 'torch.load()')],
      [change(9, 0, 9, 0, 'x = torch.load("m.pt", "m.pt")'), change(9, 26, 10, 0, '\r')],
    ]);
  });

  it('a half-typed call after a try block turns the root into ERROR: `import torch` stays bound, as in a fresh analysis', () => {
    replay('', [
      [change(0, 0, 0, 0, 'import torch\n'), change(1, 0, 1, 0, 'try:\n    torch.load(\n    \n    )\nexcept Exception:\n    pass')],
      [change(6, 1, 6, 1, 'x = torch.load()'), change(6, 16, 6, 24, '(')],
    ]);
  });

  it('"\\r\\n" typed below a line that ends in a lone "\\r": the fix\'s line ending on that line does not change', () => {
    replay(`${HEADER}requests.post("m.pt",\n    **{"weights_only": False})\rtorch.load()\n`, [[change(8, 1, 8, 1, '\r\n')], [change(0, 0, 0, 0, 'import torch\n')]]);
  });

  it('a file whose root is ERROR still binds its module-level imports (fresh analysis)', () => {
    const text = 'import torch\ntry:\n    torch.load(\n    \n    )\nexcept Exception:\n x = torch.load((';
    const tree = parsePython(text);
    try {
      assert.strictEqual(tree.rootNode.type, 'ERROR');
    } finally {
      tree.delete();
    }
    const result = analyzeSourceSync(text, { config });
    // Reported, but with no fix: the code around it is broken.
    assert.deepStrictEqual(
      result.findings.map((f) => [f.code, f.range, f.fixes.length]),
      [['B614', { start: { line: 2, character: 4 }, end: { line: 2, character: 14 } }, 0]],
    );
  });
});
