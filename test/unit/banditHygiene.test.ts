// Suppression hygiene that stays sound next to Bandit (issue #15, item 6): a Bandit code silences what
// Bandit reports under it, ML904 leaves codes alone where Bandit may still need them, ML903's rewrite
// never widens a suppression, and glued forms read as Bandit reads them. When Bandit 1.9.4 is installed
// (../shared/tools/install-peers.sh into .cache/peers, or MLSEC_BANDIT=path), it is run on the fixed file.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeSource } from '../../server/src/check/source';
import type { Finding } from '../../server/src/analysis/types';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { fixText } from '../../server/src/cli/fix';
import { applyEdits } from '../../server/src/fixes/offsets';

async function findings(text: string): Promise<Finding[]> {
  return (await analyzeSource(text, { config: defaultConfig(), hfCache: () => undefined })).findings;
}

function summary(fs: Finding[]): string[] {
  return fs.map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character}-${f.range.end.character}`);
}

function banditBinary(): string | undefined {
  const candidates = [process.env.MLSEC_BANDIT, path.resolve(__dirname, '../../../.cache/peers/bin/bandit')];
  return candidates.find((c): c is string => !!c && fs.existsSync(c));
}

describe('suppression hygiene next to Bandit', () => {
  it('ML903 keeps the code of `# nosec B614: reason` and moves the reason behind a second #', async () => {
    const text = 'import torch\nstate = torch.load(  # nosec B614: loading trusted model weights\n    path,\n)\n';
    const fs = await findings(text);
    assert.deepStrictEqual(summary(fs), ['ML903@1:21-64']);
    assert.strictEqual(
      fs[0].message,
      "Malformed `# nosec`: 'B614:': punctuation after a code; put the reason after a second '#'; text after the codes without a '#' (Bandit reads each word as a test name)",
    );
    assert.strictEqual(fs[0].fixes[0].title, 'Rewrite as `# nosec B614 # loading trusted model weights`');
    const fixed = applyEdits(text, fs[0].fixes[0].edits);
    assert.strictEqual(fixed, 'import torch\nstate = torch.load(  # nosec B614 # loading trusted model weights\n    path,\n)\n');
    assert.deepStrictEqual(summary(await findings(fixed)), []);
  });

  it('a glued `# noseclike` is blanket, as for Bandit, and reported as ML903; `# nosecB614` names B614', async () => {
    const glued = await findings('import torch\ntorch.load(p)  # noseclike\n');
    assert.deepStrictEqual(summary(glued), ['ML903@1:15-26']);
    assert.match(glued[0].message, /no space after `nosec` in '# noseclike' \(Bandit reads the glued word as a test name\)/);
    const named = await findings('import torch\ntorch.load(p)  # nosecB614\nimport requests\nrequests.get(u)  # nosecB614\n');
    assert.deepStrictEqual(summary(named), ['ML903@1:15-26', 'B113@3:0-12', 'ML903@3:17-28', 'ML904@3:24-28']);
  });

  it('`# nosec B615` silences ML101 (Bandit reports `revision="main"` as B615) and is not unused', async () => {
    const text = 'from transformers import AutoModel\nm = AutoModel.from_pretrained("org/x", revision="main")  # nosec B615 # reviewed\n';
    assert.deepStrictEqual(summary(await findings(text)), []);
    const bare = 'from transformers import AutoModel\nm = AutoModel.from_pretrained("org/x", revision="main")\n';
    assert.deepStrictEqual(
      summary(await findings(bare)).map((s) => s.split('@')[0]),
      ['ML101'],
    );
  });

  it('a blanket nosec over ML101 is named by the Bandit code, so the rewrite works for both tools', async () => {
    const fs = await findings('from transformers import AutoModel\nm = AutoModel.from_pretrained("org/x", revision="main")  # nosec\n');
    assert.deepStrictEqual(summary(fs), ['ML901@1:57-64']);
    assert.strictEqual(fs[0].fixes[0].title, 'Name the codes: `# nosec B615`');
  });

  it('ML904 leaves codes where mlsec reports less than Bandit (B104, B301); --fix keeps them', async () => {
    const text = 'import pickle\nHOST = "0.0.0.0"  # nosec B104 # listens in the container only\ncopy = pickle.loads(pickle.dumps(x))  # nosec B301 # a deep copy\n';
    const fs = (await findings(text)).filter((f) => f.code === 'ML904');
    assert.deepStrictEqual(summary(fs), []);
    assert.strictEqual(fixText(text, defaultConfig(), { unsafe: false }).text, text);
  });

  it('ML904 removal is unsafe when the comment would turn blanket for Bandit, safe otherwise', async () => {
    // Bandit reads `# nosec ML102` as blanket: dropping B113 from `# nosec B113, ML102` widens it for Bandit.
    const widen = (await findings('import requests\nrequests.get(u, timeout=5)  # nosec B113, ML102 # x\n')).filter((f) => f.code === 'ML904');
    assert.deepStrictEqual(
      widen.map((f) => `${f.message} | ${f.fixes[0].title} | ${f.fixes[0].safety}`),
      [
        '`B113` in this `# nosec` silences nothing: no B113 finding on this statement | Remove B113 from the `# nosec` | unsafe',
        '`ML102` in this `# nosec` silences nothing: no ML102 finding on this statement | Remove ML102 from the `# nosec` | safe',
      ],
    );
    // `# nosec ML102` alone is blanket for Bandit: removing it could un-silence a Bandit finding.
    const alone = (await findings('import requests\nrequests.get(u, timeout=5)  # nosec ML102 # x\n')).filter((f) => f.code === 'ML904');
    assert.deepStrictEqual(
      alone.map((f) => f.fixes[0].safety),
      ['unsafe'],
    );
    // A Bandit code mlsec finds nothing for, alone: removing it is safe for Bandit too.
    const plain = (await findings('import requests\nrequests.get(u, timeout=5)  # nosec B113 # x\n')).filter((f) => f.code === 'ML904');
    assert.deepStrictEqual(
      plain.map((f) => f.fixes[0].safety),
      ['safe'],
    );
  });

  it('Bandit 1.9.4, run on what --fix wrote, still passes (skipped when Bandit is not installed)', function () {
    const bandit = banditBinary();
    if (!bandit) this.skip();
    this.timeout(60000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-bandit-'));
    try {
      const text = [
        'import pickle  # nosec B403 # deep copies only',
        'import requests',
        'HOST = "0.0.0.0"  # nosec B104 # listens in the container only',
        'copy = pickle.loads(pickle.dumps(obj))  # nosec B301 # a deep copy',
        'requests.get(u, timeout=5)  # nosec B113, B104 # stale',
        '',
      ].join('\n');
      const file = path.join(dir, 'app.py');
      const fixed = fixText(text, defaultConfig(), { unsafe: false }).text;
      // B113's stale code goes (safe); B104 stays (Bandit may need it, and here it does on line 4).
      assert.strictEqual(fixed, text.replace('# nosec B113, B104 # stale', '# nosec B104 # stale'));
      fs.writeFileSync(file, fixed);
      let out: string;
      try {
        out = execFileSync(bandit, ['-q', '-f', 'json', file], { encoding: 'utf8' });
      } catch (e) {
        out = (e as { stdout: string }).stdout;
      }
      const report = JSON.parse(out) as { results: { test_id: string; line_number: number }[] };
      assert.deepStrictEqual(
        report.results.map((r) => `${r.test_id}@${r.line_number}`),
        [],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
