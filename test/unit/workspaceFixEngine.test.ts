// The pieces the workspace remediation builds on: the one-span edit between a text and its fixed
// version, the settings that toggle code actions and name the Hugging Face cache, and `hf-cache`
// in [tool.mlsec] for the CLI.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { changedHunks, minimalEdit } from '../../server/src/check/fixText';
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

  it('changedHunks: one trimmed edit per changed stretch of lines, exact positions', () => {
    const before = 'import requests\n\ndef a(u):\n    return requests.get(u)\n\n\ndef b(u):\n    x = 1\n    return requests.post(u)\n';
    const after = 'import requests\n\ndef a(u):\n    return requests.get(u, timeout=30)\n\n\ndef b(u):\n    x = 1\n    return requests.post(u, timeout=30)\n';
    assert.deepStrictEqual(changedHunks(before, after), [
      { range: { start: { line: 3, character: 25 }, end: { line: 3, character: 25 } }, newText: ', timeout=30' },
      { range: { start: { line: 8, character: 26 }, end: { line: 8, character: 26 } }, newText: ', timeout=30' },
    ]);
    // A line added and one changed further down, CRLF kept whole.
    assert.deepStrictEqual(changedHunks('a\r\nb\r\nc\r\nd\r\ne\r\n', 'a\r\nnew\r\nb\r\nc\r\nd\r\nE\r\n'), [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'new\r\n' },
      { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 1 } }, newText: 'E' },
    ]);
    assert.deepStrictEqual(changedHunks('same\n', 'same\n'), []);
  });

  it('changedHunks: the edits always give the new text (random line edits, CR/LF/CRLF, surrogates)', () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '(', '😀', 'é'), maxLength: 4 }).chain((t: string) => fc.constantFrom(`${t}\n`, `${t}\r\n`, `${t}\r`, t));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(fc.tuple(fc.nat(40), fc.nat(2), fc.array(line, { maxLength: 3 })), { maxLength: 6 }), (lines, ops) => {
        const before = lines.join('');
        const out = [...lines];
        for (const [at, del, ins] of ops) out.splice(Math.min(at, out.length), del, ...ins);
        const after = out.join('');
        const edits = changedHunks(before, after);
        assert.strictEqual(applyEdits(before, edits), after);
        assert.strictEqual(edits.length === 0, before === after);
      }),
      { numRuns: 500 },
    );
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
