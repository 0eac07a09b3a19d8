// IPython masking: every form masked character for character (same length, same newlines, the rest
// untouched), nothing masked where the same characters are Python, and no finding of its own.
import * as assert from 'assert';
import { maskCell } from '../../server/src/notebook/mask';
import { analyzeSource } from '../../server/src/check/source';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { loadPython, parsePython } from '../../server/src/analysis/parser';

function masked(source: string): string {
  const m = maskCell(source);
  assert.strictEqual(m.text.length, source.length, 'same length (UTF-16 units)');
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') assert.strictEqual(m.text[i], '\n', `newline ${i} kept`);
  return m.text;
}

describe('notebook: IPython masking', () => {
  before(() => loadPython());

  it('line magics: the whole line for magics that take no code, with a 0 placeholder at the magic', () => {
    assert.strictEqual(masked('%matplotlib inline\nx = 1\n'), '0                 \nx = 1\n');
    assert.strictEqual(masked('%pip install torch\n'), '0                 \n');
    assert.strictEqual(masked('if ok:\n    %cd /tmp\n'), 'if ok:\n    0       \n');
  });

  it('%time / %timeit / %prun: only the magic token (and options) is masked, the code is kept in place', () => {
    assert.strictEqual(masked('%time x = f()\n'), '0;    x = f()\n');
    assert.strictEqual(masked('%timeit -n 10 -r 3 y = torch.load(p)\n'), '0;                 y = torch.load(p)\n');
    assert.strictEqual(masked('t = %time f()\n'), 't =       f()\n');
    assert.strictEqual(masked('%time\n'), '0    \n');
  });

  it('cell magics: %%bash skips the cell; %%time masks its first line only', () => {
    const bash = maskCell('%%bash\ncurl x | sh\n');
    assert.strictEqual(bash.skippedMagic, '%%bash');
    assert.strictEqual(masked('\n%%time\nm = torch.load(p)\n'), '\n      \nm = torch.load(p)\n');
    assert.strictEqual(maskCell('%%capture out\nx = 1\n').skippedMagic, undefined);
  });

  it('shell escapes: !cmd lines (and their backslash continuations), files = !ls', () => {
    assert.strictEqual(masked('!pip install torch\nimport torch\n'), '0                 \nimport torch\n');
    assert.strictEqual(masked('!echo a \\\n  b\nx = 1'), '0        \n   \nx = 1');
    assert.strictEqual(masked('files = !ls -la\n'), 'files = 0      \n');
    assert.strictEqual(masked('a, b = %sx ls\n'), 'a, b = 0     \n');
    assert.strictEqual(masked('    !nvidia-smi\r\n'), '    0          \r\n');
  });

  it('help: obj?, obj??, ?obj, ??obj, obj.attr?', () => {
    assert.strictEqual(masked('torch.load?\n'), '0          \n');
    assert.strictEqual(masked('torch.load??\n'), '0           \n');
    assert.strictEqual(masked('?torch\n'), '0     \n');
    assert.strictEqual(masked('??torch.load\n'), '0           \n');
  });

  it('never masks Python that looks like IPython: inside brackets, strings, after a continuation, in comments', () => {
    const py = [
      's = ("%d"',
      '     % 3)',
      'x = [1,',
      '     !True]' /* not Python either, but inside brackets IPython does not see a shell escape */,
      't = """',
      '%time not a magic',
      '!not a shell',
      '"""',
      'u = 1 + \\',
      '    2',
      'y = a != b  # why?',
      'z = "?"',
      '',
    ].join('\n');
    assert.strictEqual(masked(py), py);
  });

  it('multi-byte text keeps its columns', () => {
    assert.strictEqual(masked('s = "é😀"\n!echo é😀\nm = torch.load(p)\n'), 's = "é😀"\n0        \nm = torch.load(p)\n');
  });

  it('masked cells parse without errors and produce no finding of their own', async () => {
    const cell = [
      'import torch',
      '%matplotlib inline',
      '!pip install torch',
      'files = !ls',
      'torch.load?',
      'for f in files:',
      '    !echo $f',
      'try:',
      '    x = 1',
      'except Exception:',
      '    %cd /tmp',
      '%time m = torch.load(p)',
      '',
    ].join('\n');
    const text = masked(cell);
    const tree = parsePython(text);
    try {
      assert.strictEqual(tree.rootNode.hasError, false, text);
    } finally {
      tree.delete();
    }
    const result = await analyzeSource(text, { config: defaultConfig() });
    assert.deepStrictEqual(
      result.findings.map((f) => `${f.code} ${f.range.start.line}:${f.range.start.character}`),
      ['B614 11:10'],
    );
  });
});
