// Exact output of each CI format on the examples project (test/cli/expected/examples.*), plus the
// properties the formats promise: GitHub's escaping, valid XML, and GitLab fingerprints that survive
// line moves. After a deliberate change to rules or messages, refresh the expected files with
// `MLSEC_UPDATE_EXPECTED=1 npx mocha out/test/cli/formats.test.js` and review the diff.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { runCliCaptured, tempProject } from '../helpers/cliRun';
import { escapeData, escapeProperty } from '../../server/src/cli/formats/github';
import { xmlAttr, xmlText } from '../../server/src/cli/formats/junit';

const ROOT = path.resolve(__dirname, '../../..');
const EXPECTED = path.join(ROOT, 'test/cli/expected');

/** A temp folder holding a copy of examples/ as `examples/`, so reported paths start with `examples/`. */
function examplesCopy(): string {
  const dir = tempProject({});
  fs.cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
  return dir;
}

function checkExpected(name: string, actual: string): void {
  const file = path.join(EXPECTED, name);
  if (process.env.MLSEC_UPDATE_EXPECTED) fs.writeFileSync(file, actual);
  assert.strictEqual(actual, fs.readFileSync(file, 'utf8'), `output differs from test/cli/expected/${name}`);
}

describe('mlsec scan: CI formats on examples/ (exact output)', () => {
  let dir: string;
  before(() => {
    dir = examplesCopy();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const [args, expected] of [
    [['-f', 'github'], 'examples.github.txt'],
    [['-f', 'gitlab'], 'examples.gitlab.json'],
    [['-f', 'junit'], 'examples.junit.xml'],
    [['--statistics'], 'examples.statistics.txt'],
    [['--statistics', '-f', 'json'], 'examples.statistics.json'],
  ] as const) {
    it(`${args.join(' ')} → ${expected}, exit 1`, async () => {
      const r = await runCliCaptured(['scan', '--no-cache', ...args, 'examples'], dir);
      assert.strictEqual(r.stderr, '');
      assert.strictEqual(r.code, 1);
      checkExpected(expected, r.stdout);
    });
  }

  it('github: the train.py torch.load line, exactly; one command per finding of the JSON report', async () => {
    const gh = (await runCliCaptured(['scan', '--no-cache', '-f', 'github', 'examples'], dir)).stdout.trimEnd().split('\n');
    assert.ok(
      gh.includes(
        '::error file=examples/sentiment/train.py,line=39,col=13,endLine=39,endColumn=23,title=B614 (torch-unsafe-load)::' +
          '`torch.load` without `weights_only=True` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`',
      ),
    );
    const json = JSON.parse((await runCliCaptured(['scan', '--no-cache', '-f', 'json', 'examples'], dir)).stdout);
    assert.deepStrictEqual(
      gh.map((l) => /file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=(\S+)/.exec(l)!.slice(1).join(' ')),
      json.findings.map((f: Record<string, unknown>) => `${f.path} ${f.line} ${f.column} ${f.endLine} ${f.endColumn} ${f.code}`),
    );
    // error → error, warning → warning, information → notice.
    const severities = json.findings.map((f: { severity: string }) => f.severity);
    assert.deepStrictEqual(
      gh.map((l) => l.split(' ')[0]),
      severities.map((s: string) => (s === 'information' ? '::notice' : `::${s}`)),
    );
    assert.deepStrictEqual([...new Set(severities)].sort(), ['error', 'information', 'warning']);
  });

  it('gitlab: the train.py torch.load issue, exactly', async () => {
    const issues = JSON.parse((await runCliCaptured(['scan', '--no-cache', '-f', 'gitlab', 'examples'], dir)).stdout);
    const issue = issues.find((i: { location: { path: string; lines: { begin: number } } }) => i.location.path === 'examples/sentiment/train.py' && i.location.lines.begin === 39);
    assert.deepStrictEqual(
      { ...issue, fingerprint: issue.fingerprint.length },
      {
        description: 'B614: `torch.load` without `weights_only=True` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`',
        check_name: 'B614',
        fingerprint: 64,
        severity: 'critical',
        location: { path: 'examples/sentiment/train.py', lines: { begin: 39 } },
      },
    );
    assert.deepStrictEqual([...new Set(issues.map((i: { severity: string }) => i.severity))].sort(), ['critical', 'major', 'minor']);
  });
});

describe('mlsec scan --format github: escaping', () => {
  it('percent-encodes %, CR and LF in messages, and also : and , in properties', () => {
    assert.strictEqual(escapeData('50% a\r\nb:c,d'), '50%25 a%0D%0Ab:c,d');
    assert.strictEqual(escapeProperty('50% a\r\nb:c,d'), '50%25 a%0D%0Ab%3Ac%2Cd');
  });

  it('escapes a hostile file name (a newline could start a command of its own) in the command itself', async () => {
    const dir = tempProject({ 'x,y:%\n::error file=evil.py::pwned.py': 'import torch\ntorch.load(p)\n' });
    const r = await runCliCaptured(['scan', '--no-cache', '-f', 'github', '.'], dir);
    assert.strictEqual(
      r.stdout,
      '::error file=x%2Cy%3A%25%0A%3A%3Aerror file=evil.py%3A%3Apwned.py,line=2,col=1,endLine=2,endColumn=11,title=B614 (torch-unsafe-load)::' +
        '`torch.load` without `weights_only=True` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`\n',
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('mlsec scan --format junit: XML', () => {
  it('escapes markup and replaces characters XML cannot carry', () => {
    assert.strictEqual(xmlText('a<b>&c"\'\u0001\uD800z\n'), 'a&lt;b&gt;&amp;c"\'\uFFFD\uFFFDz\n');
    assert.strictEqual(xmlAttr('a"b\tc\nd\re'), 'a&quot;b&#9;c&#10;d&#13;e');
  });

  it('a hostile file name gives well-formed XML with the exact test case', async () => {
    const name = 'a&<b>"\u0001.py';
    const dir = tempProject({ [name]: 'import torch\ntorch.load(p)  # nosec B614 # ours\ntorch.load(q)\n' });
    const r = await runCliCaptured(['scan', '--no-cache', '--ignore-suppressions', '-f', 'junit', '.'], dir);
    const esc = 'a&amp;&lt;b&gt;&quot;\uFFFD.py';
    assert.strictEqual(
      r.stdout,
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="mlsec" tests="2" failures="1" errors="0" skipped="1">',
        '  <testsuite name="mlsec" tests="2" failures="1" errors="0" skipped="1">',
        `    <testcase classname="${esc}" name="B614 (torch-unsafe-load) at line 2, column 1" file="${esc}" line="2">`,
        '      <skipped message="suppressed by # nosec B614 # ours"/>',
        '    </testcase>',
        `    <testcase classname="${esc}" name="B614 (torch-unsafe-load) at line 3, column 1" file="${esc}" line="3">`,
        '      <failure type="B614" message="`torch.load` without `weights_only=True` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`">' +
          'a&amp;&lt;b&gt;"\uFFFD.py:3:1: B614 `torch.load` without `weights_only=True` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`',
        'severity: error (Bandit HIGH), confidence: high',
        'https://github.com/mlsec-dev/mlsec/blob/main/docs/rules/B614.md</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
    // An independent XML parser agrees that it is well-formed (where Python is installed).
    const py = spawnSync('python3', ['-c', 'import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.buffer.read()); print(len(d.getElementsByTagName("testcase")))'], {
      input: r.stdout,
      encoding: 'utf8',
    });
    if (!py.error) assert.strictEqual(py.stdout.trim(), '2', py.stderr);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('mlsec scan --format gitlab: fingerprints', () => {
  const SOURCE = 'import torch\n\ndef load(p, q):\n    a = torch.load(p)\n    b = torch.load(q)\n    return a, b\n';
  async function issues(dir: string): Promise<{ fingerprint: string; location: { lines: { begin: number } } }[]> {
    return JSON.parse((await runCliCaptured(['scan', '--no-cache', '-f', 'gitlab', '.'], dir)).stdout);
  }

  it('are unchanged after lines are inserted above the findings (and the lines move)', async () => {
    const dir = tempProject({ 'm.py': SOURCE });
    const before = await issues(dir);
    fs.writeFileSync(path.join(dir, 'm.py'), `"""Docs."""\n# a comment\n\n${SOURCE.replace('    a = torch.load(p)', '    x = 1\n        \n    a   =   torch.load(p)')}`);
    const after = await issues(dir);
    assert.deepStrictEqual(
      before.map((i) => i.location.lines.begin),
      [4, 5],
    );
    assert.deepStrictEqual(
      after.map((i) => i.location.lines.begin),
      [9, 10],
    );
    assert.deepStrictEqual(
      after.map((i) => i.fingerprint),
      before.map((i) => i.fingerprint),
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('change when the flagged text changes, and tell identical lines apart by their order', async () => {
    const dir = tempProject({ 'm.py': 'import torch\na = torch.load(p)\na = torch.load(p)\n' });
    const twins = await issues(dir);
    assert.strictEqual(new Set(twins.map((i) => i.fingerprint)).size, 2);
    fs.writeFileSync(path.join(dir, 'm.py'), 'import torch\na = torch.load(p)\na = torch.load(p2)\n');
    const changed = await issues(dir);
    assert.strictEqual(changed[0].fingerprint, twins[0].fingerprint);
    assert.notStrictEqual(changed[1].fingerprint, twins[1].fingerprint);
    fs.renameSync(path.join(dir, 'm.py'), path.join(dir, 'n.py'));
    assert.notStrictEqual((await issues(dir))[0].fingerprint, twins[0].fingerprint, 'the path is part of the fingerprint');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
