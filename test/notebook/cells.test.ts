// Reading notebooks and mapping findings back to cells: the right cell, line and UTF-16 column,
// multi-byte text included; where the finding is in the .ipynb file; hostile files refused with a reason.
import * as assert from 'assert';
import { parseNotebook, decodeNotebook } from '../../server/src/notebook/read';
import { analyzeNotebookSync } from '../../server/src/notebook/analyze';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { loadPython } from '../../server/src/analysis/parser';

function notebook(cells: { type?: string; source: string[] | string; languageId?: string }[], language = 'python', indent = 1): string {
  return (
    JSON.stringify(
      {
        cells: cells.map((c) => ({
          cell_type: c.type ?? 'code',
          execution_count: null,
          metadata: c.languageId ? { vscode: { languageId: c.languageId } } : {},
          outputs: [],
          source: c.source,
        })),
        metadata: { kernelspec: { display_name: 'Python 3', language, name: 'python3' }, language_info: { name: language } },
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      indent,
    ) + '\n'
  );
}

function analyse(raw: string) {
  const read = parseNotebook(raw);
  assert.ok(read.ok, read.ok ? '' : read.reason);
  return analyzeNotebookSync(read.notebook, { config: defaultConfig() });
}

const show = (f: { code: string; cell?: number; range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
  `${f.code} cell ${f.cell} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`;

describe('notebook: cells and positions', () => {
  before(() => loadPython());

  it('analyses the cells together (an import in one cell resolves a call in a later one) and maps each finding to its cell', () => {
    const raw = notebook([
      { source: ['import torch as th\n', 'import requests'] },
      { type: 'markdown', source: ['# th.load(p) here is prose\n'] },
      { source: ['x = 1\n', 'model = th.load(p)\n'] },
      { source: 'requests.get(u)' },
    ]);
    const result = analyse(raw);
    assert.deepStrictEqual(result.findings.map(show), ['B614 cell 2 1:8-1:15', 'B113 cell 3 0:0-0:12']);
  });

  it('keeps UTF-16 columns with multi-byte text, and points into the JSON string in the file', () => {
    const raw = notebook([{ source: ['import torch\n', 's = "é😀\\"" ; m = torch.load(p)\n'] }]);
    const [f] = analyse(raw).findings;
    assert.strictEqual(show(f), 'B614 cell 0 1:18-1:28');
    // In the file the line is `    "s = \"é😀\\\"\" ; m = torch.load(p)\n"`: escapes make the column differ.
    const fileLine = raw.split('\n')[f.fileRange!.start.line];
    assert.strictEqual(fileLine.slice(f.fileRange!.start.character, f.fileRange!.end.character), 'torch.load');
  });

  it('skips non-Python cells: markdown, raw, %%bash, a cell whose VS Code language is not Python; a notebook in another language', () => {
    const raw = notebook([
      { source: 'import torch' },
      { type: 'raw', source: 'torch.load(a)' },
      { source: '%%bash\ntorch.load(b)' },
      { source: 'torch.load(c)', languageId: 'r' },
      { source: '%%time\ntorch.load(d)' },
    ]);
    assert.deepStrictEqual(analyse(raw).findings.map(show), ['B614 cell 4 1:0-1:10']);
    assert.deepStrictEqual(analyse(notebook([{ source: 'import torch\ntorch.load(a)' }], 'R')).findings, []);
  });

  it('# nosec in a cell silences the finding on its line only', () => {
    const raw = notebook([{ source: ['import torch\n', 'torch.load(a)  # nosec B614 # our own checkpoint\n', 'torch.load(b)'] }]);
    assert.deepStrictEqual(analyse(raw).findings.map(show), ['B614 cell 0 2:0-2:10']);
  });

  it("IPython syntax neither breaks the analysis nor produces findings, and columns after %time are the cell's", () => {
    const raw = notebook([{ source: ['import torch\n', '!pip install torch\n', '%time m = torch.load(p)\n', 'files = !ls\n', 'torch.load?'] }]);
    assert.deepStrictEqual(analyse(raw).findings.map(show), ['B614 cell 0 2:10-2:20']);
  });

  it('refuses hostile or malformed files with a reason (never throws, never hangs)', () => {
    const reason = (text: string) => {
      const r = parseNotebook(text);
      return r.ok ? 'ok' : r.reason;
    };
    assert.match(reason('{"cells": ['), /^not a notebook: invalid JSON/);
    assert.strictEqual(reason('[1, 2]'), 'not a notebook: the JSON is not an object');
    assert.strictEqual(reason('{"nbformat": 4}'), 'not a notebook: no "cells" list');
    assert.strictEqual(reason('{"nbformat": 3, "worksheets": []}'), 'nbformat 3 notebooks are not supported (nbformat 4 is)');
    assert.strictEqual(reason('{"cells": [{"cell_type": "code", "source": [1]}]}'), 'not a notebook: the source of cell 1 is neither a string nor a list of strings');
    assert.strictEqual(reason('{"cells": [7]}'), 'not a notebook: cell 1 is not an object');
    const deep = `{"cells": [], "metadata": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    assert.strictEqual(reason(deep), 'ok'); // 200,000 levels: read iteratively (a recursive reader overflows the stack)
    const big = decodeNotebook(new Uint8Array(100), 50);
    assert.deepStrictEqual(big, { ok: false, reason: 'notebook is 0.0 MB, over the 0 MB limit' });
    assert.deepStrictEqual(decodeNotebook(new Uint8Array([0x7b, 0xff, 0x7d])), { ok: false, reason: 'not a notebook: not valid UTF-8' });
  });
});
