// `--fix` on notebooks: the fixture notebooks (written by Python's json module as Jupyter does, see
// test/fixtures/notebooks/make.py) fixed on disk and compared byte for byte with their expected
// files; the list/string forms of `source`, indent 1 and 2, literal UTF-8 and \u escapes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCliCaptured as cli } from '../helpers/cliRun';
import { fixNotebookText } from '../../server/src/notebook/fix';
import { parseNotebook } from '../../server/src/notebook/read';
import { replaceSources, sourceLines } from '../../server/src/notebook/write';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { loadPython } from '../../server/src/analysis/parser';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/notebooks');

function copyFixture(name: string): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-nbfix-'));
  const file = path.join(dir, name);
  fs.copyFileSync(path.join(FIXTURES, name), file);
  return { dir, file };
}

describe('notebook: --fix round trips', () => {
  before(() => loadPython());

  for (const [name, summary] of [
    ['list_indent1.ipynb', 'list_indent1.ipynb: fixed 2 (B113×2)'],
    ['string_indent2.ipynb', 'string_indent2.ipynb: fixed 2 (B113×1, ML201×1)'],
  ]) {
    it(`${name}: mlsec scan --fix writes exactly the expected file`, async () => {
      const { dir, file } = copyFixture(name);
      const r = await cli(['scan', '--fix', '--no-cache', '.'], dir);
      assert.strictEqual(r.stdout.split('\n')[0], summary, r.stdout + r.stderr);
      const expected = fs.readFileSync(path.join(FIXTURES, name.replace('.ipynb', '.fixed.ipynb')));
      assert.ok(fs.readFileSync(file).equals(expected), `${name} differs from its expected file:\n${fs.readFileSync(file, 'utf8')}`);
      // Fixed once, nothing more to do: a second run writes nothing.
      const again = await cli(['scan', '--fix', '--no-cache', '.'], dir);
      assert.match(again.stdout, /^No fixes applied\./);
      assert.ok(fs.readFileSync(file).equals(expected));
    });
  }

  it('never edits masked IPython syntax, %%bash cells or markdown (the fixture keeps them byte for byte)', () => {
    const raw = fs.readFileSync(path.join(FIXTURES, 'list_indent1.ipynb'), 'utf8');
    const fixed = fixNotebookText(raw, defaultConfig(), { unsafe: true });
    assert.ok(!('problem' in fixed));
    for (const line of ['"!pip install torch\\n"', '"files = !ls\\n"', '"curl $(python -c \'import requests; requests.get(u)\')\\n"', '"`requests.get(url)` in prose is not code"']) {
      assert.ok(fixed.text.includes(line), line);
    }
  });

  it('rewrites a list of lines when a fix changes the number of lines, keeping unchanged lines verbatim', () => {
    const raw = '{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": [\n    "a\\u00e9\\n",\n    "b\\n",\n    "c"\n   ]\n  },\n  {\n   "cell_type": "code",\n   "source": []\n  }\n ]\n}\n';
    const read = parseNotebook(raw);
    assert.ok(read.ok);
    const out = replaceSources(
      read.notebook,
      new Map([
        [0, 'aé\nb1\nb2\nc'],
        [1, 'x = 1\n'],
      ]),
    );
    assert.strictEqual(
      out,
      '{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": [\n    "a\\u00e9\\n",\n    "b1\\n",\n    "b2\\n",\n    "c"\n   ]\n  },\n  {\n   "cell_type": "code",\n   "source": [\n    "x = 1\\n"\n   ]\n  }\n ]\n}\n',
    );
    assert.deepStrictEqual(sourceLines('a\nb'), ['a\n', 'b']);
    assert.deepStrictEqual(sourceLines('a\n'), ['a\n']);
    assert.deepStrictEqual(sourceLines(''), []);
  });

  it('a notebook that is not valid JSON is reported, not written', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-nbfix-'));
    fs.writeFileSync(path.join(dir, 'bad.ipynb'), '{"cells": [');
    const r = await cli(['scan', '--fix', '--no-cache', '.'], dir);
    assert.match(r.stderr, /bad\.ipynb: not fixed: not a notebook: invalid JSON/);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'bad.ipynb'), 'utf8'), '{"cells": [');
  });
});
