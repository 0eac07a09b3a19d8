// Rule selection by profile (issue #15, item 3): the default profile leaves out habit-level checks,
// the bandit profile runs exactly Bandit's checks (mlsec findings Bandit reports under its IDs included),
// `select = ["ALL"]` runs everything, and a Bandit config's tests/skips select within the profile.
import * as assert from 'assert';
import * as path from 'path';
import { defaultConfig, isCodeEnabled, AnalysisConfig } from '../../server/src/config/analysisConfig';
import { runCliCaptured, tempProject } from '../helpers/cliRun';

function config(extra: Partial<AnalysisConfig>): AnalysisConfig {
  return { ...defaultConfig(), ...extra };
}

function enabled(codes: string[], c: AnalysisConfig): string[] {
  return codes.filter((code) => isCodeEnabled(code, c));
}

const CODES = ['B101', 'B311', 'B403', 'B404', 'B603', 'B607', 'B602', 'B614', 'B615', 'ML101', 'ML102', 'ML201', 'ML900', 'ML901'];

describe('profiles', () => {
  it('default: everything but B101, B311, the import checks, B603 and B607; naming them turns them on', () => {
    assert.deepStrictEqual(enabled(CODES, defaultConfig()), ['B602', 'B614', 'B615', 'ML101', 'ML102', 'ML201', 'ML900', 'ML901']);
    assert.deepStrictEqual(enabled(CODES, config({ select: ['B1', 'B4'] })), ['B101', 'B403', 'B404']);
    assert.deepStrictEqual(enabled(CODES, config({ select: ['ALL'] })), CODES);
    assert.deepStrictEqual(
      enabled(CODES, config({ select: ['ALL'], ignore: ['B4', 'ML9'] })),
      CODES.filter((c) => !/^(B4|ML9)/.test(c)),
    );
  });

  it("bandit: Bandit's checks, ML101 and ML201 as parts of B615 and B310, ML900; a Bandit skip follows the parent", () => {
    assert.deepStrictEqual(enabled(CODES, config({ profile: 'bandit' })), ['B101', 'B311', 'B403', 'B404', 'B603', 'B607', 'B602', 'B614', 'B615', 'ML101', 'ML201', 'ML900']);
    // [tool.bandit] tests = ["B615"] becomes select ["B615", "ML"]: ML101 follows B615, other ML codes stay out.
    assert.deepStrictEqual(enabled(CODES, config({ profile: 'bandit', select: ['B615', 'ML'] })), ['B615', 'ML101', 'ML900']);
    assert.deepStrictEqual(enabled(CODES, config({ profile: 'bandit', ignore: ['B615', 'B310'] })), ['B101', 'B311', 'B403', 'B404', 'B603', 'B607', 'B602', 'B614', 'ML900']);
    assert.deepStrictEqual(enabled(CODES, config({ profile: 'bandit', select: ['ALL'] })), CODES);
  });

  it('`profile = "bandit"` in [tool.mlsec] and --profile on the CLI; unknown profiles are reported', async () => {
    const src = 'from transformers import AutoModel\nimport hashlib\nm = AutoModel.from_pretrained("o/m", trust_remote_code=True, revision="main")\nh = hashlib.md5(b)\n';
    const dir = tempProject({ 'app.py': src, 'pyproject.toml': '[tool.mlsec]\nprofile = "bandit"\n' });
    const bandit = await runCliCaptured(['scan', '--no-cache', '-f', 'json', '.'], dir);
    assert.deepStrictEqual(
      JSON.parse(bandit.stdout).findings.map((f: { code: string; line: number }) => `${f.code}@${f.line}`),
      ['ML101@3', 'B324@4'],
    );
    const dflt = await runCliCaptured(['scan', '--no-cache', '-f', 'json', '--profile', 'default', '.'], dir);
    assert.deepStrictEqual(
      JSON.parse(dflt.stdout).findings.map((f: { code: string; line: number }) => `${f.code}@${f.line}`),
      ['ML102@3', 'ML101@3', 'B324@4'],
    );
    const bad = await runCliCaptured(['scan', '--profile', 'strict', '.'], dir);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /unknown profile 'strict' \(default or bandit\)/);
    const badConfig = tempProject({ 'app.py': 'x = 1\n', 'pyproject.toml': '[tool.mlsec]\nprofile = "strict"\n' });
    const r = await runCliCaptured(['scan', '--no-cache', '.'], badConfig);
    assert.match(r.stderr, new RegExp(`${path.join('pyproject.toml').replace('.', '\\.')}:2: 'profile' must be one of "default", "bandit"`));
  });
});
