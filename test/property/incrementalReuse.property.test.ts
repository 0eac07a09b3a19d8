// Typing through the document store (incremental reparse, statement-level re-checks, the module
// scope reused for edits inside one function or class body) gives the same findings as analysing
// the final text afresh. MLSEC_PROPERTY_SEED replaces the fixed seed (to hunt for counterexamples).
import * as assert from 'assert';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore } from '../../server/src/check/documentStore';
import { loadPython } from '../../server/src/analysis/parser';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { generateFile } from '../../bench/corpus';

const URI = 'file:///reuse.py';

describe('incremental analysis with module-scope reuse (property)', function () {
  this.timeout(120_000);
  before(async () => {
    await loadPython();
  });

  // Body text where a typed character changes what the rules see: names, keywords, arguments.
  const base = `import torch\nimport requests as rq\nfrom transformers import AutoModel\n\n${generateFile(5, 'hf', 80, 0.6)}\ndef load(p):\n    model = AutoModel.from_pretrained(p)\n    r = rq.get(p)\n    return torch.load(p, weights_only=True)\n`;
  const edit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.integer({ min: 0, max: 2 }),
    insert: fc.constantFrom('', 'x', ' ', '(', ')', '\n', '    ', 'torch', ',', 'weights_only=False', '#', '"', 'rq.get(u)\n    '),
  });

  it('after random edits the findings equal those of a fresh analysis', () => {
    const config = defaultConfig();
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const store = new DocumentStore();
        let text = base;
        let version = 1;
        store.open(URI, version, text, config);
        for (const e of edits) {
          const start = Math.floor(e.at * text.length);
          const end = Math.min(text.length, start + e.remove);
          const doc = TextDocument.create(URI, 'python', version, text);
          const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
          store.change(URI, ++version, [{ range, text: e.insert }]);
          // The expected text from the offsets alone, not from the library the store applies changes with.
          text = text.slice(0, start) + e.insert + text.slice(end);
        }
        const incremental = store.get(URI);
        const fresh = new DocumentStore().open(URI, version, text, config);
        assert.strictEqual(incremental?.text, text);
        assert.deepStrictEqual(incremental?.findings, fresh.findings);
        store.dispose();
      }),
      { numRuns: 60, ...(process.env.MLSEC_PROPERTY_SEED === 'random' ? {} : { seed: Number(process.env.MLSEC_PROPERTY_SEED || 424242) }) },
    );
  });
});
