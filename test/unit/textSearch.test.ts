// The text searches the pre-filter and the anchors stand on: exact positions of whole words (and of
// words ending a digit-led run, which broken code can parse as a number then a name), and the rules
// the pre-filter keeps for small files, word lists and substrings both required.
import * as assert from 'assert';
import * as fc from 'fast-check';
import { forEachOccurrence, Match, WordIndex } from '../../server/src/analysis/textSearch';
import { rulesForText } from '../../server/src/analysis/engine';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { configuredRules } from '../../server/src/check/source';

function occurrences(text: string, strings: string[], match: Match): string[] {
  const found: string[] = [];
  forEachOccurrence(text, strings, match, (s, at) => found.push(`${s}@${at}`));
  return found;
}

describe('text search', () => {
  it('whole words: not inside a longer ASCII name; non-ASCII neighbours are boundaries', () => {
    assert.deepStrictEqual(occurrences('import os\npos = os.sep; _os; os1; éos', ['os'], 'word'), ['os@7', 'os@16', 'os@35']);
    assert.deepStrictEqual(occurrences('torch.load(x); torchvision', ['torch', 'torchvision'], 'word'), ['torch@0', 'torchvision@15']);
  });

  it('digit-led runs: a word ending one counts only in that mode', () => {
    const text = '1subprocess.run(c); 0xAos; 12 os; a1os';
    assert.deepStrictEqual(occurrences(text, ['subprocess', 'os'], 'word'), ['os@30']);
    assert.deepStrictEqual(occurrences(text, ['subprocess', 'os'], 'word-or-digit-run'), ['subprocess@1', 'os@23', 'os@30']);
  });

  it('the word index finds exactly what the search finds, per word in text order (both word modes)', () => {
    const alphabet = fc.constantFrom('a', 'b', 'ab', '_', '1', '9', ' ', '.', '\n', 'é', '(', '=');
    const word = fc
      .array(fc.constantFrom('a', 'b', '_', '1'), { minLength: 1, maxLength: 3 })
      .map((cs) => cs.join(''))
      .filter((w) => !/^[0-9]/.test(w));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((p) => p.join('')),
        fc.uniqueArray(word, { minLength: 1, maxLength: 4 }),
        (text, words) => {
          for (const match of ['word', 'word-or-digit-run'] as const) {
            const index = new WordIndex(text, match, () => {});
            const byIndex: string[] = [];
            index.forEachOccurrence(words, (s, at) => byIndex.push(`${s}@${at}`));
            const bySearch = occurrences(text, words, match);
            const order = (list: string[]) => [...list].sort((x, y) => x.localeCompare(y) || 0);
            assert.deepStrictEqual(order(byIndex), order(bySearch), `${match} ${JSON.stringify(text)} ${JSON.stringify(words)}`);
            for (const w of words)
              assert.deepStrictEqual(
                byIndex.filter((x) => x.startsWith(`${w}@`)),
                bySearch.filter((x) => x.startsWith(`${w}@`)),
              );
          }
        },
      ),
      { numRuns: 2000 },
    );
    // Words that are not ASCII names are searched in the text as before.
    const index = new WordIndex('café = 1; café.x', 'word', () => {});
    const found: string[] = [];
    index.forEachOccurrence(['café'], (s, at) => found.push(`${s}@${at}`));
    assert.deepStrictEqual(found, occurrences('café = 1; café.x', ['café'], 'word'));
  });

  it('substrings: every start position, overlapping ones included', () => {
    assert.deepStrictEqual(occurrences('"/tmp/x" and "/var/tmp"', ['/tmp', '/var/tmp'], 'substring'), ['/tmp@1', '/var/tmp@14', '/tmp@18']);
  });
});

describe('pre-filter (rulesForText)', () => {
  const config = defaultConfig();
  const kept = (text: string) => rulesForText(text, configuredRules(config), config).map((r) => r.code);

  it('a call rule needs every segment of one of its callee names as a whole word', () => {
    assert.deepStrictEqual(kept('import torch\nx = torch.zeros(1)\n'), []);
    assert.deepStrictEqual(kept('import torch\nstate = torch.load(p)\n'), ['B614']);
    assert.deepStrictEqual(kept('import torch\ntorchload(p)\n'), []);
    assert.deepStrictEqual(kept('import os\nos.path.join(a, b)\n'), []);
    assert.deepStrictEqual(kept('import os\nos.system(cmd)\n'), ['B605']);
    // A built-in needs only its own name.
    assert.deepStrictEqual(kept('model.eval()\n'), ['B307']);
  });

  it("a call rule's extra `match.words` are required too (ML102 needs trust_remote_code)", () => {
    assert.deepStrictEqual(kept('from transformers import AutoModel\nAutoModel.from_pretrained("a/b")\n'), ['B615', 'ML101']);
    assert.deepStrictEqual(kept('from transformers import AutoModel\nAutoModel.from_pretrained("a/b", trust_remote_code=True)\n'), ['B615', 'ML101', 'ML102']);
  });

  it('B110 needs `except` and `pass` as words; a name after a number in broken code still counts', () => {
    // `pass` also holds `pas`, which B105–B107's name test (`password`, `Passwd`, …) needs in any case.
    assert.deepStrictEqual(kept('try:\n    f()\nexcept Exception:\n    pass\n'), ['B110', 'B105', 'B106']);
    assert.deepStrictEqual(kept('x = 1  # passed, no exceptions\n'), ['B105', 'B106']);
    assert.deepStrictEqual(kept('x = 1  # no exceptions\n'), []);
    // B604 looks at any call once the file says `shell`.
    assert.deepStrictEqual(kept('import subprocess\n1subprocess.run(c, shell=True)\n'), ['B602', 'B604']);
  });
});
