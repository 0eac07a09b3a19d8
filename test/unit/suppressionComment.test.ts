// suppressionEdit: the exact text after "disable for this line", for single- and multi-line nodes,
// existing comments, strings that run past the line end, snippets and plain text.
import * as assert from 'assert';
import { analyzeSource } from '../../server/src/check/source';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { parsePython } from '../../server/src/analysis/parser';
import type { Finding } from '../../server/src/analysis/types';
import { applyEdits } from '../helpers/applyEdits';
import { suppressionEdit } from '../../server/src/fixes/suppressionComment';
import { isKnownCode } from '../../server/src/suppressions';
import { REGISTRY_CATALOG } from '../../server/src/check/source';

const knownCode = (code: string): boolean => isKnownCode(code, REGISTRY_CATALOG);

async function findings(text: string): Promise<Finding[]> {
  const r = await analyzeSource(text, { config: defaultConfig(), hfCache: () => undefined });
  return r.findings;
}

async function suppressFirst(text: string, code: string, snippet = false): Promise<string> {
  const f = (await findings(text)).find((x) => x.code === code);
  assert.ok(f, `expected a ${code} finding`);
  const edit = suppressionEdit(text, f, snippet, knownCode);
  assert.ok(edit, 'expected an edit');
  return applyEdits(text, [edit]);
}

describe('suppressionEdit', () => {
  it('appends `# nosec CODE # TODO: reason` at the end of a one-line statement, and it silences the finding', async () => {
    const text = 'import torch\nstate = torch.load("a.pt")   \nprint(state)\n';
    const after = await suppressFirst(text, 'B614');
    assert.strictEqual(after, 'import torch\nstate = torch.load("a.pt")  # nosec B614 # TODO: reason\nprint(state)\n');
    assert.deepStrictEqual(
      (await findings(after)).map((f) => f.code),
      [],
    );
  });

  it('writes an LSP snippet placeholder when asked', async () => {
    const text = 'import torch\ntorch.load("a.pt")\n';
    assert.strictEqual(await suppressFirst(text, 'B614', true), 'import torch\ntorch.load("a.pt")  # nosec B614 # ${1:reason}\n');
  });

  it('puts the comment on the first line of a multi-line call', async () => {
    const text = 'import torch\nstate = torch.load(\n    "a.pt",\n    map_location="cpu",\n)\n';
    const after = await suppressFirst(text, 'B614');
    assert.strictEqual(after, 'import torch\nstate = torch.load(  # nosec B614 # TODO: reason\n    "a.pt",\n    map_location="cpu",\n)\n');
    assert.deepStrictEqual(
      (await findings(after)).map((f) => f.code),
      [],
    );
  });

  it('skips a first line that ends inside a triple-quoted string', async () => {
    const text = 'import torch\ntorch.load("""a\nb.pt""", map_location="cpu")\n';
    const after = await suppressFirst(text, 'B614');
    assert.strictEqual(after, 'import torch\ntorch.load("""a\nb.pt""", map_location="cpu")  # nosec B614 # TODO: reason\n');
    parsePython(after, null, 0).delete(); // still parses
    assert.deepStrictEqual(
      (await findings(after)).map((f) => f.code),
      [],
    );
  });

  it('merges into an existing `# nosec` on the line instead of adding a second one, keeping its reason', async () => {
    const text = 'import torch, requests\ntorch.load(requests.get("u").content)  # nosec B113 # local server\n';
    // Audit mode is not needed: the B614 finding is not silenced by `# nosec B113`.
    const after = await suppressFirst(text, 'B614');
    assert.strictEqual(after, 'import torch, requests\ntorch.load(requests.get("u").content)  # nosec B113, B614 # local server\n');
  });

  it('merges into a nosec without reason and asks for one', async () => {
    const text = 'import torch, requests\ntorch.load(requests.get("u").content)  # nosec: B113\n';
    assert.strictEqual(await suppressFirst(text, 'B614', true), 'import torch, requests\ntorch.load(requests.get("u").content)  # nosec B113, B614 # ${1:reason}\n');
  });

  it('appends after another comment on the line (`# type: ignore` stays first)', async () => {
    const text = 'import torch\ntorch.load("a.pt")  # type: ignore\n';
    assert.strictEqual(await suppressFirst(text, 'B614'), 'import torch\ntorch.load("a.pt")  # type: ignore # nosec B614 # TODO: reason\n');
  });

  it('escapes snippet syntax in a kept reason', async () => {
    const text = 'import torch, requests\ntorch.load(requests.get("u").content)  # nosec B113 # costs $5 {x}\n';
    assert.strictEqual(await suppressFirst(text, 'B614', true), 'import torch, requests\ntorch.load(requests.get("u").content)  # nosec B113, B614 # costs \\$5 {x\\}\n');
  });

  it('handles CRLF line endings', async () => {
    const text = 'import torch\r\ntorch.load("a.pt")\r\nx = 1\r\n';
    const f = (await findings(text))[0];
    const edit = suppressionEdit(text, f, false, knownCode);
    assert.deepStrictEqual(edit, { range: { start: { line: 1, character: 18 }, end: { line: 1, character: 18 } }, newText: '  # nosec B614 # TODO: reason' });
  });
});
