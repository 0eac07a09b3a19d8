// Property: after any sequence of edits, the incremental path's findings equal those of analysing
// the final text from scratch. Edits are inserts, deletes and replacements, several per notification,
// with non-ASCII text (é, 😀, CJK), CRLF line ends, and edits to import lines and module bindings.
import * as assert from 'assert';
import { replayEqualsFresh } from '../helpers/editOps';
import { loadPython } from '../../server/src/analysis/parser';

const SEED = [
  '"""Training script — é 😀 中文."""',
  'import torch',
  'import torch as th',
  'import requests',
  'from transformers import AutoModel, AutoTokenizer as Tok',
  'from huggingface_hub import hf_hub_download',
  'import subprocess, yaml, pickle',
  'wo = False',
  'URL = "https://example.org/😀"',
  '',
  // Below, statements that bind no module-level name: edits here take the incremental path.
  'torch.load("a.pt")',
  'th.load("b.pt", weights_only=wo)\r',
  'torch.load("c.pt", weights_only=True)',
  'requests.get(URL)  # nosec B113',
  'AutoModel.from_pretrained("org/model")',
  'Tok.from_pretrained("org/tok", revision="main")',
  'hf_hub_download(repo_id="org/x", filename="w.bin")',
  '',
  'def train(path):\r',
  '    """Docstring é."""',
  '    model = torch.load(path)',
  '    resp = requests.post(URL, json={"k": "中文"}, timeout=None)',
  '    return model, resp',
  '',
  'class Loader:',
  '    def load(self, f): return th.load(f)',
  '',
  'print(1); torch.load("d.pt"); requests.get(URL)',
  'if URL:',
  '    AutoModel.from_pretrained(',
  '        "org/m2",',
  '    )',
  'torch.load("f.pt"); print(',
  '    "g.pt")',
  'torch.load(',
  '    "e.pt")',
  '"""',
  'torch.load("in a string until a quote goes")',
  'requests.get(URL)',
  "'''",
  'requests.get(URL)',
  "'''",
  '"""',
  'requests.get("中文", timeout=3)',
  'print("😀"); th.load(URL)',
  'subprocess.run("ls -l", shell=True)',
  'yaml.load(open("c.yml"))  # nosec',
  'pickle.loads(b)  # nosec B301 # trusted cache',
  'torch.load("z.pt")  # nosec B113',
  'try:',
  '    pass',
  'except Exception:',
  '    pass',
  'tmp = "/tmp/中文"',
  '',
].join('\n');

const SNIPPETS = [
  'torch.load(f)',
  'th.load(x, weights_only=False)\n',
  '\n',
  '\n',
  '(',
  '"""',
  '[',
  '\r\n',
  'é',
  '😀',
  '中文',
  ' ',
  '    ',
  'import torch\n',
  'import torch as th\n',
  'import requests as rq\n',
  'from torch import load\n',
  'from transformers import AutoModel\n',
  'wo = True\n',
  'th = None\n',
  'requests.get(u)',
  ', timeout=5',
  ', weights_only=True',
  '(',
  ')',
  '"',
  "'''",
  '#',
  '# nosec',
  ' nosec B614',
  'x = ',
  'def f():\n    ',
  'load(p)\n',
  'AutoModel.from_pretrained("a/b")',
  'revision="main"',
  ':',
  'class C:\n    ',
  ';',
  'rq.get(u)\n',
  'import shlex\n',
  'subprocess.call("x", shell=True)\n',
  '  # nosec B602',
  ' # why',
  'eval(s)',
  '"/tmp/x"',
];

describe('incremental analysis (property)', function () {
  this.timeout(120000);
  before(() => loadPython());

  it('equals analysis from scratch after ≥ 500 random edit sequences', () => {
    const { counted, total } = replayEqualsFresh({ seed: SEED, snippets: SNIPPETS, numRuns: 500, defaultSeed: 20261122, counts: (stats) => stats?.full === false });
    // The property is only meaningful if the incremental path (not a full re-check) ran often.
    // (Random edits often break syntax or touch module-level names, which re-checks the whole file.)
    if (process.env.MLSEC_PROPERTY_DEBUG) console.log(`incremental ${counted} / ${total}`);
    assert.ok(counted > total / 8, `only ${counted} of ${total} analyses were incremental`);
  });
});
