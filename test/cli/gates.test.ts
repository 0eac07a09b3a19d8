// Exit codes and gates: --exit-zero, --severity-threshold / -l…, --confidence-threshold / -i….
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runCliCaptured, tempProject } from '../helpers/cliRun';
import { thresholdsFromFlags, meetsThresholds } from '../../server/src/cli/gates';

const ROOT = path.resolve(__dirname, '../../..');

interface JsonFinding {
  code: string;
  severity: string;
  confidence: string;
  path: string;
  line: number;
}

describe('mlsec scan: gates and exit codes', () => {
  let dir: string;
  let all: JsonFinding[];
  const scan = (args: string[]) => runCliCaptured(['scan', '--no-cache', ...args, 'examples'], dir);
  const codesOf = async (args: string[]) => {
    const r = await scan(['-f', 'json', ...args]);
    return { code: r.code, findings: (JSON.parse(r.stdout).findings as JsonFinding[]).map((f) => `${f.path.split('/').pop()}:${f.line} ${f.code}`) };
  };
  before(async () => {
    dir = tempProject({});
    fs.cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
    all = JSON.parse((await scan(['-f', 'json'])).stdout).findings;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('examples/ has findings at every level the gates tell apart', () => {
    assert.deepStrictEqual([...new Set(all.map((f) => f.severity))].sort(), ['error', 'information', 'warning']);
    assert.deepStrictEqual([...new Set(all.map((f) => f.confidence))].sort(), ['high', 'medium']);
  });

  it('--severity-threshold high (= -lll) reports only errors, exactly these', async () => {
    const high = await codesOf(['--severity-threshold', 'high']);
    assert.strictEqual(high.code, 1);
    assert.deepStrictEqual(high.findings, [
      'checkpoints.py:17 B614',
      'checkpoints.py:26 ML104',
      'checkpoints.py:40 ML105',
      'checkpoints.py:47 ML106',
      'download.py:21 ML102',
      'download.py:35 ML102',
      'http_client.py:29 B501',
      'train.py:39 B614',
      'utils.py:13 B602',
      'utils.py:17 B605',
    ]);
    assert.deepStrictEqual(await codesOf(['-lll']), high);
    assert.deepStrictEqual(await codesOf(['--severity-threshold', 'HIGH']), high);
  });

  it('--severity-threshold medium (= -ll) drops information and hint; low (= -l, all) drops nothing', async () => {
    const medium = await codesOf(['-ll']);
    assert.deepStrictEqual(
      medium.findings,
      all.filter((f) => f.severity !== 'information').map((f) => `${f.path.split('/').pop()}:${f.line} ${f.code}`),
    );
    assert.strictEqual(medium.findings.length, all.length - 2);
    assert.deepStrictEqual(await codesOf(['--severity-threshold', 'medium']), medium);
    for (const args of [['-l'], ['--severity-threshold', 'low'], ['--severity-threshold', 'all']]) {
      assert.strictEqual((await codesOf(args)).findings.length, all.length, args.join(' '));
    }
  });

  it('--confidence-threshold high (= -iii) drops the medium-confidence B104 and B108', async () => {
    const high = await codesOf(['--confidence-threshold', 'high']);
    assert.deepStrictEqual(
      all.filter((f) => f.confidence !== 'high').map((f) => f.code),
      ['B104', 'B108'],
    );
    assert.strictEqual(high.findings.length, all.length - 2);
    assert.ok(!high.findings.some((f) => / B10[48]$/.test(f)));
    assert.deepStrictEqual(await codesOf(['-iii']), high);
    assert.deepStrictEqual((await codesOf(['-ii'])).findings.length, all.length);
  });

  it('below the thresholds nothing is left: exit 0, and the text report says no problems', async () => {
    const dir2 = tempProject({ 'serve.py': 'import socket\ns = socket.socket()\ns.bind(("0.0.0.0", 80))\n' });
    const r = await runCliCaptured(['scan', '--no-cache', '-iii', '.'], dir2);
    assert.deepStrictEqual([r.code, r.stdout], [0, 'No problems found in 1 file.\n']);
    const r2 = await runCliCaptured(['scan', '--no-cache', '.'], dir2);
    assert.strictEqual(r2.code, 1);
    fs.rmSync(dir2, { recursive: true, force: true });
  });

  it('--exit-zero: the same report, exit 0; usage errors still exit 2', async () => {
    const plain = await scan([]);
    const zero = await scan(['--exit-zero']);
    assert.deepStrictEqual([plain.code, zero.code], [1, 0]);
    assert.strictEqual(zero.stdout, plain.stdout);
    const bad = await scan(['--exit-zero', '--severity-threshold', 'critical']);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /^mlsec: --severity-threshold wants low, medium or high, not 'critical'\n/);
    const clash = await scan(['--severity-threshold', 'high', '-l']);
    assert.strictEqual(clash.code, 2);
    assert.match(clash.stderr, /^mlsec: --severity-threshold high and -l disagree\n/);
    const stats = await scan(['--statistics', '-f', 'sarif']);
    assert.strictEqual(stats.code, 2);
    assert.match(stats.stderr, /^mlsec: --statistics prints text or json, not sarif\n/);
  });

  it('a baseline with a threshold: below-threshold findings are neither reported nor recorded', async () => {
    const baseline = path.join(dir, 'baseline.json');
    assert.strictEqual((await scan(['-lll', '--write-baseline', baseline])).code, 0);
    assert.strictEqual(JSON.parse(fs.readFileSync(baseline, 'utf8')).findings.length, 10);
    const r = await codesOf(['-lll', '--baseline', baseline]);
    assert.deepStrictEqual(r, { code: 0, findings: [] });
    assert.strictEqual((await codesOf(['--baseline', baseline])).findings.length, all.length - 10);
  });

  it('--statistics counts as fixable exactly what --fix then fixes', async () => {
    const stats = JSON.parse((await scan(['--statistics', '-f', 'json'])).stdout) as { fixable: number }[];
    const fixable = stats.reduce((n, s) => n + s.fixable, 0);
    const fixed = await scan(['--fix']);
    assert.match(fixed.stdout, new RegExp(`^Fixed ${fixable} problems in \\d+ files?\\.$`, 'm'));
    fs.rmSync(path.join(dir, 'examples'), { recursive: true, force: true });
    fs.cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
  });

  it('maps severities to Bandit levels as documented (error HIGH, warning MEDIUM, information and hint LOW)', () => {
    const t = thresholdsFromFlags({ levelCount: 2 });
    assert.deepStrictEqual(t, { severity: 'medium', confidence: 'low' });
    if (typeof t === 'string') return;
    assert.deepStrictEqual(
      (['error', 'warning', 'information', 'hint'] as const).map((severity) => meetsThresholds({ severity, confidence: 'low' }, t)),
      [true, true, false, false],
    );
    assert.deepStrictEqual(thresholdsFromFlags({ levelCount: 5, confidenceCount: 1 }), { severity: 'high', confidence: 'low' });
  });
});
