// Property: the store restores the state before the last change when a change brings the text back
// (an undo; a redo after it; a character typed and deleted), and analyses anew otherwise. Random
// edits to class-heavy code, each possibly undone, redone or followed by the same edit again; after
// every notification the findings equal a fresh analysis of the text (replayAgainstFresh).
import * as assert from 'assert';
import fc from 'fast-check';
import { DocumentStore, ContentChange } from '../../server/src/check/documentStore';
import { loadPython } from '../../server/src/analysis/parser';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { replayAgainstFresh } from '../helpers/storeReplay';
import { generateModelFile } from '../../bench/modelCode';

const URI = 'file:///undo.py';

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split(/\r\n|\r|\n/).length - 1;
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return { line, character: offset - (lastBreak + 1) };
}

/** One range change on `text` (offsets) as an LSP change, and the change that undoes it. */
function rangeChange(text: string, start: number, end: number, insert: string): { change: ContentChange; inverse: (after: string) => ContentChange; next: string } {
  const next = text.slice(0, start) + insert + text.slice(end);
  const removed = text.slice(start, end);
  return {
    change: { range: { start: positionAt(text, start), end: positionAt(text, end) }, text: insert },
    inverse: (after) => ({ range: { start: positionAt(after, start), end: positionAt(after, start + insert.length) }, text: removed }),
    next,
  };
}

describe('incremental analysis: undo restores the earlier state (property)', function () {
  this.timeout(120_000);
  before(() => loadPython());

  const base = generateModelFile(3, { lines: 260, classes: 3, minMethods: 4, unsafeRate: 0.5 });
  const step = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.integer({ min: 0, max: 3 }),
    insert: fc.constantFrom('', 'x', '(', '"', '\n', '\r\n', '#', '    ', 'import numpy as np\n', 'torch.load(p)', '😀'),
    // What follows the edit: nothing, its undo, its undo then its redo, or the same edit typed again.
    then: fc.constantFrom('none', 'undo', 'undo-redo', 'again'),
  });

  it('after edits, undos and redos the findings equal a fresh analysis', () => {
    const config = defaultConfig();
    let restored = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), (steps) => {
        const store = new DocumentStore();
        const fresh = new DocumentStore();
        store.open(URI, 1, base, config);
        try {
          const notifications: ContentChange[][] = [];
          let text = base;
          for (const s of steps) {
            let start = Math.floor(s.at * text.length);
            // Never inside a \r\n pair or a surrogate pair: an editor cannot put the cursor there.
            while (start > 0 && start < text.length && (/[\r\uD800-\uDBFF]/.test(text[start - 1]) || /[\uDC00-\uDFFF]/.test(text[start]))) start--;
            let end = Math.min(text.length, start + s.remove);
            while (end < text.length && end > start && (/[\r\uD800-\uDBFF]/.test(text[end - 1]) || /[\uDC00-\uDFFF]/.test(text[end]))) end++;
            const edit = rangeChange(text, start, end, s.insert);
            notifications.push([edit.change]);
            if (s.then === 'undo' || s.then === 'undo-redo') {
              notifications.push([edit.inverse(edit.next)]);
              if (s.then === 'undo-redo') notifications.push([edit.change]);
              else {
                continue; // text unchanged
              }
            } else if (s.then === 'again') {
              const again = rangeChange(edit.next, start, start, s.insert);
              notifications.push([again.change]);
              text = again.next;
              continue;
            }
            text = edit.next;
          }
          replayAgainstFresh(store, fresh, URI, base, notifications, config, () => {
            if (store.stats(URI)?.checkedStatements === 0) restored++;
          });
          assert.strictEqual(store.get(URI)?.text, text);
        } finally {
          store.dispose();
          fresh.dispose();
        }
      }),
      { numRuns: 60, ...(process.env.MLSEC_PROPERTY_SEED === 'random' ? {} : { seed: Number(process.env.MLSEC_PROPERTY_SEED || 16016) }) },
    );
    // Meaningful only if many steps were restores.
    assert.ok(restored > 30, `only ${restored} notifications restored an earlier state`);
  });
});
