// B615's revision pin from the local Hugging Face cache, end to end: a fake hub cache folder, the
// environment variable pointing at it, the engine's default lookup, the exact SHA and title.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeSource } from '../../server/src/check/source';
import { hubCacheDir, readCachedCommit } from '../../server/src/analysis/hfCache';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { applyEdits } from '../../server/src/fixes/offsets';
import { plainEdits } from '../../server/src/fixes/snippets';
import { fixText } from '../../server/src/cli/fix';

const MODEL_SHA = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d';
const DATASET_SHA = 'feedc0de00112233445566778899aabbccddeeff';

function fakeCache(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-hf-'));
  const ref = (folder: string, sha: string) => {
    fs.mkdirSync(path.join(dir, folder, 'refs'), { recursive: true });
    fs.writeFileSync(path.join(dir, folder, 'refs', 'main'), `${sha}\n`);
  };
  ref('models--acme-fix--sentiment-bert', MODEL_SHA);
  ref('datasets--acme-fix--reviews', DATASET_SHA);
  ref('models--acme-fix--bad-ref', 'main'); // not a commit: ignored
  return dir;
}

describe('B615 revision pin from the Hugging Face cache', () => {
  let dir: string;
  const saved = { HF_HUB_CACHE: process.env.HF_HUB_CACHE, HF_HOME: process.env.HF_HOME };
  before(() => {
    dir = fakeCache();
    process.env.HF_HUB_CACHE = dir;
    delete process.env.HF_HOME;
  });
  after(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds the cache at $HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub', () => {
    assert.strictEqual(hubCacheDir({ HF_HUB_CACHE: '/a/hub-cache', HF_HOME: '/b' }), '/a/hub-cache');
    assert.strictEqual(hubCacheDir({ HF_HOME: '/b' }), path.join('/b', 'hub'));
    assert.strictEqual(hubCacheDir({}), path.join(os.homedir(), '.cache', 'huggingface', 'hub'));
  });

  it('reads models--org--name/refs/main and datasets--org--name/refs/main, nothing else', () => {
    assert.deepStrictEqual(readCachedCommit('acme-fix/sentiment-bert', 'model', dir), { sha: MODEL_SHA, ref: 'main' });
    assert.deepStrictEqual(readCachedCommit('acme-fix/reviews', 'dataset', dir), { sha: DATASET_SHA, ref: 'main' });
    assert.strictEqual(readCachedCommit('acme-fix/reviews', 'model', dir), undefined);
    assert.strictEqual(readCachedCommit('acme-fix/bad-ref', 'model', dir), undefined);
    assert.strictEqual(readCachedCommit('../../etc', 'model', dir), undefined);
  });

  it('inserts the exact cached commit and names it in the title; a placeholder snippet otherwise', async () => {
    const text = [
      'from transformers import AutoModel',
      'from datasets import load_dataset',
      'from huggingface_hub import hf_hub_download',
      'm = AutoModel.from_pretrained("acme-fix/sentiment-bert")',
      'n = AutoModel.from_pretrained("acme-fix/sentiment-bert", revision=None)',
      'd = load_dataset("acme-fix/reviews", split="train")',
      'p = hf_hub_download("acme-fix/reviews", "train.csv", repo_type="dataset")',
      'x = AutoModel.from_pretrained("acme-fix/reviews")',
      'y = AutoModel.from_pretrained("acme-fix/bad-ref")',
      '',
    ].join('\n');
    // No hfCache option: the engine's default lookup, which reads $HF_HUB_CACHE, as the CLI and server do.
    const { findings } = await analyzeSource(text, { config: defaultConfig() });
    const b615 = findings.filter((f) => f.code === 'B615');
    assert.deepStrictEqual(
      b615.map((f) => [f.range.start.line, f.fixes.map((x) => `${x.title}${x.snippet ? ' (snippet)' : ''}`)]),
      [
        [3, ['Pin revision to 1a2b3c4 (cached main)']],
        [4, ['Pin revision to 1a2b3c4 (cached main)']],
        [5, ['Pin revision to feedc0d (cached main)']],
        [6, ['Pin revision to feedc0d (cached main)']],
        [7, ['Pin revision to a commit SHA (snippet)']],
        [8, ['Pin revision to a commit SHA (snippet)']],
      ],
    );
    // The fixed statement: its line, and the next one when the pin was wrapped onto it.
    const fixed = b615.map((f) => {
      const lines = applyEdits(text, plainEdits(f.fixes[0])).split('\n');
      const first = lines[f.range.start.line];
      return first.endsWith(',') ? `${first}\n${lines[f.range.start.line + 1]}` : first;
    });
    // Inserted pins that would take the line past 88 columns wrap, aligned with the bracket.
    assert.deepStrictEqual(fixed, [
      `m = AutoModel.from_pretrained("acme-fix/sentiment-bert",\n                              revision="${MODEL_SHA}")`,
      `n = AutoModel.from_pretrained("acme-fix/sentiment-bert", revision="${MODEL_SHA}")`,
      `d = load_dataset("acme-fix/reviews", split="train",\n                 revision="${DATASET_SHA}")`,
      `p = hf_hub_download("acme-fix/reviews", "train.csv", repo_type="dataset",\n                    revision="${DATASET_SHA}")`,
      'x = AutoModel.from_pretrained("acme-fix/reviews", revision="COMMIT_SHA")',
      'y = AutoModel.from_pretrained("acme-fix/bad-ref", revision="COMMIT_SHA")',
    ]);
    assert.strictEqual(b615[7 - 3].fixes[0].edits[0].newText, ', revision="${1:COMMIT_SHA}"');
  });

  it('--unsafe-fixes (fixText) writes the cached commit and leaves uncached downloads for a human', () => {
    const text = 'from transformers import AutoModel\nm = AutoModel.from_pretrained("acme-fix/sentiment-bert")\nx = AutoModel.from_pretrained("acme-fix/uncached")\n';
    const out = fixText(text, defaultConfig(), { unsafe: true });
    assert.strictEqual(
      out.text,
      `from transformers import AutoModel\nm = AutoModel.from_pretrained("acme-fix/sentiment-bert",\n                              revision="${MODEL_SHA}")\nx = AutoModel.from_pretrained("acme-fix/uncached")\n`,
    );
    assert.strictEqual(fixText(text, defaultConfig(), { unsafe: false }).total, 0);
  });
});
