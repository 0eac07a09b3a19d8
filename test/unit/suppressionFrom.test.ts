// The suppression edit read from the statement around the finding (with the parse tree) is exactly the
// edit read from the top of the file, for every finding of every fixture, snippet or not.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeSource } from '../../server/src/check/source';
import { parsePython } from '../../server/src/analysis/parser';
import { LineIndex } from '../../server/src/analysis/lineIndex';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { suppressionEdit } from '../../server/src/fixes/suppressionComment';
import { codeLineStart } from '../../server/src/fixes/statements';
import { isKnownCode } from '../../server/src/suppressions';
import { REGISTRY_CATALOG } from '../../server/src/check/source';

const knownCode = (code: string): boolean => isKnownCode(code, REGISTRY_CATALOG);

const DIRS = ['../../../test/fixtures/fixes', '../../../test/fixtures/rules'].map((d) => path.resolve(__dirname, d));

describe('suppressionEdit from the statement around the finding', () => {
  it('gives the same edit as a read from the top, for every fixture finding', async () => {
    let compared = 0;
    let fromStatement = 0;
    const extra = [
      'x = """\nline\n"""; import requests\nrequests.get(u)\n',
      'import requests\ndef f():\n    s = """a\n# nosec\n"""\n    r = requests.get(u,  # nosec B501 # why\n        verify=False)\n',
      'import requests\nr = requests.get(\\\n    u)\n',
    ];
    const texts = [
      ...DIRS.flatMap((d) =>
        fs
          .readdirSync(d)
          .filter((f) => f.endsWith('.py'))
          .map((f) => fs.readFileSync(path.join(d, f), 'utf8')),
      ),
      ...extra,
    ];
    for (const text of texts) {
      const findings = (await analyzeSource(text, { config: defaultConfig(), hfCache: () => undefined })).findings;
      const tree = parsePython(text);
      const lines = new LineIndex(text);
      try {
        for (const f of findings) {
          const from = codeLineStart(tree, lines, f.nodeLines[0]);
          if (from && from.line > 0) fromStatement++;
          for (const snippet of [false, true]) {
            assert.deepStrictEqual(suppressionEdit(text, f, snippet, knownCode, from), suppressionEdit(text, f, snippet, knownCode), `${f.code} at line ${f.range.start.line + 1} of:\n${text}`);
            compared++;
          }
        }
      } finally {
        tree.delete();
      }
    }
    assert.ok(compared > 200, `${compared} compared`);
    assert.ok(fromStatement > 50, `only ${fromStatement} findings read from a later line`);
  });
});
