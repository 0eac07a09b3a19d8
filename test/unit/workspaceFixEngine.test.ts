// The pieces the workspace remediation builds on: the one-span edit between a text and its fixed
// version, the settings that toggle code actions and name the Hugging Face cache, and `hf-cache`
// in [tool.mlsec] for the CLI.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { minimalEdit } from '../../server/src/check/fixText';
import { applyEdits } from '../../server/src/fixes/offsets';
import { mergeSettings, normalizeSettings } from '../../server/src/config/settings';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { ConfigResolver } from '../../server/src/config/resolver';
import { fixText } from '../../server/src/cli/fix';
import { loadPython } from '../../server/src/analysis/parser';

describe('workspace fix engine', () => {
  before(() => loadPython());

  it('minimalEdit: one span between the common prefix and suffix, exact positions', () => {
    assert.deepStrictEqual(minimalEdit('a = f(x)\n', 'a = f(x, t=1)\n'), { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } }, newText: ', t=1' });
    assert.strictEqual(minimalEdit('same', 'same'), undefined);
    // A CRLF is never split: the edit starts before the \r.
    const crlf = minimalEdit('a\r\nb', 'a\nb');
    assert.deepStrictEqual(crlf, { range: { start: { line: 0, character: 1 }, end: { line: 1, character: 0 } }, newText: '\n' });
    // UTF-16 columns, and a surrogate pair kept whole.
    const emoji = minimalEdit('s = "😀"; f(x)\n', 's = "😁"; f(x)\n') as NonNullable<ReturnType<typeof minimalEdit>>;
    assert.deepStrictEqual(emoji, { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 7 } }, newText: '😁' });
    for (const [before, after] of [
      ['x\r\ny\r\n', 'x\r\nyy\r\n'],
      ['é😀\n', 'é😀😀\n'],
      ['', 'a'],
      ['abc', ''],
    ]) {
      const e = minimalEdit(before, after);
      assert.strictEqual(e ? applyEdits(before, [e]) : before, after, JSON.stringify([before, after]));
    }
  });

  it('reads mlsec.fixAll, mlsec.codeAction.*.enable, mlsec.huggingFaceCache and mlsec.logLevel', () => {
    const problems: string[] = [];
    const s = normalizeSettings({ fixAll: false, codeAction: { fixViolation: { enable: false }, suppressViolation: { enable: 'no' } }, huggingFaceCache: ' /hub ', logLevel: 'loud' }, problems);
    assert.strictEqual(s.fixAll, false);
    assert.deepStrictEqual(s.codeAction, { fixViolation: false, suppressViolation: true });
    assert.strictEqual(s.huggingFaceCache, '/hub');
    assert.strictEqual(s.logLevel, 'info');
    assert.deepStrictEqual(problems, ['mlsec.codeAction.suppressViolation.enable must be true or false', 'mlsec.logLevel must be one of error, warn, info, debug']);
    assert.strictEqual(normalizeSettings({ logLevel: 'debug' }).logLevel, 'debug');
  });

  it('the Hugging Face cache: the editor setting beats [tool.mlsec] hf-cache, which beats the environment', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-hfcfg-'));
    try {
      fs.writeFileSync(path.join(root, 'pyproject.toml'), '[tool.mlsec]\nhf-cache = "caches/hub"\n');
      const project = new ConfigResolver().configFor(path.join(root, 'train.py'));
      assert.strictEqual(project.hfCache, path.join(root, 'caches', 'hub'), 'relative to the pyproject folder');
      const editor = normalizeSettings({ huggingFaceCache: '~/hf/hub' });
      assert.strictEqual(mergeSettings(project, editor).hfCache, path.join(os.homedir(), 'hf', 'hub'));
      assert.strictEqual(mergeSettings(project, normalizeSettings({})).hfCache, path.join(root, 'caches', 'hub'));
      assert.strictEqual(defaultConfig().hfCache, undefined, 'absent: the environment ($HF_HUB_CACHE, $HF_HOME)');
      const problems: string[] = [];
      fs.writeFileSync(path.join(root, 'pyproject.toml'), '[tool.mlsec]\nhf-cache = 3\n');
      new ConfigResolver({ onProblem: (p) => problems.push(`${p.line}: ${p.message}`) }).configFor(path.join(root, 'train.py'));
      assert.deepStrictEqual(problems, ["2: 'hf-cache' must be a folder (the Hugging Face hub cache)"]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('`mlsec scan --fix --unsafe-fixes` pins from the hf-cache folder, not from the environment', () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-hfcfg-'));
    const saved = { HF_HUB_CACHE: process.env.HF_HUB_CACHE, HF_HOME: process.env.HF_HOME };
    try {
      const sha = 'abcdef0123456789abcdef0123456789abcdef01';
      fs.mkdirSync(path.join(cache, 'models--org--tiny', 'refs'), { recursive: true });
      fs.writeFileSync(path.join(cache, 'models--org--tiny', 'refs', 'main'), sha);
      process.env.HF_HUB_CACHE = path.join(cache, 'elsewhere');
      delete process.env.HF_HOME;
      const text = 'from transformers import AutoModel\nm = AutoModel.from_pretrained("org/tiny")\n';
      assert.strictEqual(fixText(text, defaultConfig(), { unsafe: true }).total, 0, "the environment's cache does not hold it");
      assert.strictEqual(
        fixText(text, { ...defaultConfig(), hfCache: cache }, { unsafe: true }).text,
        `from transformers import AutoModel\nm = AutoModel.from_pretrained("org/tiny",\n${' '.repeat(30)}revision="${sha}")\n`,
      );
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });
});
