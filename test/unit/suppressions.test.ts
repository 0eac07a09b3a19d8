// The suppression pass beyond the fixtures: the exact text each hygiene fix produces (and that the
// result is clean afterwards), audit mode, severity settings.
import * as assert from 'assert';
import { analyzeSource } from '../../server/src/check/source';
import { AnalysisConfig, defaultConfig } from '../../server/src/config/analysisConfig';
import { parsePython } from '../../server/src/analysis/parser';
import type { Finding } from '../../server/src/analysis/types';
import { applyEdits } from '../helpers/applyEdits';

async function analyze(text: string, config: Partial<AnalysisConfig> = {}): Promise<Finding[]> {
  const r = await analyzeSource(text, { config: { ...defaultConfig(), ...config }, hfCache: () => undefined });
  assert.deepStrictEqual(r.ruleErrors, []);
  return r.findings;
}

/** Applies the first fix of the only `code` finding; returns the new text and what is found in it. */
async function fix(text: string, code: string): Promise<{ text: string; after: string[] }> {
  const found = (await analyze(text)).filter((f) => f.code === code);
  assert.strictEqual(found.length, 1, `one ${code} finding expected`);
  assert.ok(found[0].fixes.length > 0, `${code} has a fix`);
  const next = applyEdits(text, found[0].fixes[0].edits);
  const tree = parsePython(next, null, 0);
  assert.strictEqual(tree.rootNode.hasError, false, 'the fixed file parses');
  tree.delete();
  return { text: next, after: (await analyze(next)).map((f) => f.code) };
}

const HEAD = 'import requests\nimport torch\n';

describe('suppression hygiene fixes', () => {
  it('ML901 names the codes found on the line, keeping the reason', async () => {
    const r = await fix(`${HEAD}torch.load(requests.get("u").content)  # nosec # local test server\n`, 'ML901');
    assert.strictEqual(r.text, `${HEAD}torch.load(requests.get("u").content)  # nosec B113, B614 # local test server\n`);
    assert.deepStrictEqual(r.after, []);
  });

  it('ML901 without a reason: named codes, then ML902 asks for the reason', async () => {
    const r = await fix(`${HEAD}torch.load("a.pt")  # nosec\n`, 'ML901');
    assert.strictEqual(r.text, `${HEAD}torch.load("a.pt")  # nosec B614\n`);
    assert.deepStrictEqual(r.after, ['ML902']);
  });

  it('ML902 is a snippet with the reason as placeholder', async () => {
    const [f] = (await analyze(`${HEAD}torch.load("a.pt")  # nosec B614\n`)).filter((x) => x.code === 'ML902');
    assert.deepStrictEqual(f.fixes, [
      {
        title: 'Add the reason for this suppression',
        safety: 'unsafe',
        snippet: true,
        edits: [{ range: { start: { line: 2, character: 20 }, end: { line: 2, character: 32 } }, newText: '# nosec B614 # ${1:reason}' }],
      },
    ]);
    const filled = applyEdits(`${HEAD}torch.load("a.pt")  # nosec B614\n`, [{ ...f.fixes[0].edits[0], newText: f.fixes[0].edits[0].newText.replace('${1:reason}', 'reason') }]);
    assert.deepStrictEqual(
      (await analyze(filled)).map((x) => x.code),
      [],
    );
  });

  it('ML903 rewrites `B614,B113` without a space', async () => {
    const r = await fix(`${HEAD}torch.load(requests.get("u").content)  # nosec: B614,B113\n`, 'ML903');
    assert.strictEqual(r.text, `${HEAD}torch.load(requests.get("u").content)  # nosec B614, B113\n`);
    assert.deepStrictEqual(r.after, ['ML902']);
  });

  it('ML903 moves prose after the codes behind a `#`', async () => {
    const r = await fix(`${HEAD}torch.load("a.pt")  # nosec B614 - trusted input # checked in review\n`, 'ML903');
    assert.strictEqual(r.text, `${HEAD}torch.load("a.pt")  # nosec B614 # trusted input # checked in review\n`);
    assert.deepStrictEqual(r.after, []);
  });

  it('ML903 names the codes for a prose-only nosec', async () => {
    const r = await fix(`${HEAD}torch.load("a.pt")  # nosec because it is fine\n`, 'ML903');
    assert.strictEqual(r.text, `${HEAD}torch.load("a.pt")  # nosec B614 # because it is fine\n`);
    assert.deepStrictEqual(r.after, []);
  });

  it('ML903 upper-cases codes and writes Bandit test names as IDs', async () => {
    const r = await fix(`${HEAD}torch.load(requests.get("u").content)  # nosec b614 request_without_timeout # ok\n`, 'ML903');
    assert.strictEqual(r.text, `${HEAD}torch.load(requests.get("u").content)  # nosec B614, B113 # ok\n`);
    assert.deepStrictEqual(r.after, []);
  });

  it('ML903 offers no fix when only unknown codes are named', async () => {
    const found = await analyze(`${HEAD}torch.load("a.pt")  # nosec B164 # typo\n`);
    assert.deepStrictEqual(
      found.map((f) => [f.code, f.fixes.length]),
      [
        ['B614', 1],
        ['ML903', 0],
      ],
    );
  });

  it('ML904 removes the whole comment when its only code is unused', async () => {
    const r = await fix(`${HEAD}torch.load("a.pt", weights_only=True)  # nosec B614 # stale\n`, 'ML904');
    assert.strictEqual(r.text, `${HEAD}torch.load("a.pt", weights_only=True)\n`);
    assert.deepStrictEqual(r.after, []);
  });

  it('ML904 removes one code and keeps the rest and the reason', async () => {
    const r = await fix(`${HEAD}torch.load("a.pt")  # nosec B113, B614, B101 # reviewed\n`, 'ML904');
    assert.strictEqual(r.text, `${HEAD}torch.load("a.pt")  # nosec B614, B101 # reviewed\n`);
    assert.deepStrictEqual(r.after, []);
  });

  it('ML904 keeps an earlier comment on the line', async () => {
    const r = await fix(`${HEAD}x = 1  # type: ignore  # nosec B614\n`, 'ML904');
    assert.strictEqual(r.text, `${HEAD}x = 1  # type: ignore\n`);
  });

  it('ML904 leaves codes of disabled checks alone', async () => {
    assert.deepStrictEqual(
      (await analyze(`${HEAD}x = 1  # nosec B614 # r\n`, { ignore: ['B614'] })).map((f) => f.code),
      [],
    );
  });
});

describe('suppression settings', () => {
  const TEXT = `${HEAD}torch.load("a.pt")  # nosec B614\n`;

  it('ML902 is information by default, a warning with requireJustification, and follows severity overrides', async () => {
    assert.deepStrictEqual(
      (await analyze(TEXT)).map((f) => `${f.code} ${f.severity}`),
      ['ML902 information'],
    );
    assert.deepStrictEqual(
      (await analyze(TEXT, { requireJustification: true })).map((f) => `${f.code} ${f.severity}`),
      ['ML902 warning'],
    );
    assert.deepStrictEqual(
      (await analyze(TEXT, { requireJustification: true, severity: { ML902: 'error' } })).map((f) => `${f.code} ${f.severity}`),
      ['ML902 error'],
    );
  });

  it('audit mode keeps suppressed findings, marked with the directive that silences them', async () => {
    const found = await analyze(`${HEAD}state = torch.load(\n    "a.pt",  # nosec B614 # ours\n)\nrequests.get("u")  # noqa: S113\n`, { ignoreSuppressions: true });
    assert.deepStrictEqual(
      found.map((f) => [f.code, f.range.start.line, f.suppressedBy]),
      [
        ['B614', 2, '# nosec B614 # ours'],
        ['B113', 5, '# noqa: S113'],
      ],
    );
  });

  it('ignoring a hygiene code keeps the suppression working', async () => {
    assert.deepStrictEqual(
      (await analyze(`${HEAD}torch.load("a.pt")  # nosec\n`, { ignore: ['ML901'] })).map((f) => f.code),
      [],
    );
  });
});
