// Property: whatever a cell holds (IPython pieces, quotes, brackets, backslashes, multi-byte text),
// masking keeps its length and every newline, changes only masked stretches, and the cell's text
// outside the stretches is untouched; a fix edit is mapped back to the same cell text position.
import * as assert from 'assert';
import fc from 'fast-check';
import { maskCell } from '../../server/src/notebook/mask';
import { VirtualNotebook } from '../../server/src/notebook/virtual';

const piece = fc.constantFrom('%time ', '%%bash', '%%time', '!ls', '?', '??', 'x', ' = ', '(', ')', '[', '"', "'", '"""', '\\', '#', '\n', '\r\n', '    ', 'é', '😀', 'torch.load(p)', '%', '-n 3 ');
const cell = fc.array(piece, { maxLength: 30 }).map((xs) => xs.join(''));

describe('notebook masking (property)', () => {
  it('same length, newlines kept, only masked stretches changed', () => {
    fc.assert(
      fc.property(cell, (source) => {
        const m = maskCell(source);
        if (m.skippedMagic) return;
        assert.strictEqual(m.text.length, source.length);
        const inSpan = (i: number) => m.spans.some(([a, b]) => a <= i && i < b);
        for (let i = 0; i < source.length; i++) {
          if (source[i] === '\n') assert.strictEqual(m.text[i], '\n');
          if (!inSpan(i)) assert.strictEqual(m.text[i], source[i], `offset ${i} changed outside a masked stretch`);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('cells joined and split again: each position maps back to its own cell and column', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 4 }), (sources) => {
        const vn = new VirtualNotebook(sources.map((source, index) => ({ index, source })));
        for (const slot of vn.slots) {
          for (let line = 0; line < slot.lineCount; line++) {
            const v = vn.fromCell(slot.index, { line, character: 1 })!;
            assert.deepStrictEqual(vn.toCell(v), { cell: slot.index, position: { line, character: 1 } });
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
