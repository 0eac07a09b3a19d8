// `mlsec scan --fix` / `--unsafe-fixes` on copies of real files: what is written, what is printed,
// what remains.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCliCaptured as cli, tempProject as project } from '../helpers/cliRun';
import { fixText, formatFixSummary } from '../../server/src/cli/fix';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { loadPython } from '../../server/src/analysis/parser';
import { addKeywordArgument } from '../../server/src/fixes/edits';
import { defineRule } from '../../server/src/rules/rule';
import type { Node } from 'web-tree-sitter';

/** A test rule: flags `connect(...)` calls without keyword `kw` and inserts `kw=1` (safe). */
function needsKeyword(code: string, kw: string) {
  return defineRule({
    code,
    name: `needs-${kw}`,
    summary: 'test',
    severity: 'warning',
    confidence: 'high',
    cwe: 0,
    fix: 'always',
    fixSafety: 'safe',
    match: { nodes: ['call'], text: ['connect'] },
    docs: { whatItDoes: '', whyBad: '', example: '', useInstead: '', fixSafety: '', options: '', references: [] },
    check(call: Node, ctx) {
      if (call.childForFieldName('function')?.text !== 'connect' || ctx.args(call).keywords.has(kw)) return;
      ctx.report({ message: `no ${kw}`, scopeNode: call, fixes: [{ title: `Add ${kw}`, safety: 'safe', edits: addKeywordArgument(call, `${kw}=1`, ctx.text) }] });
    },
  });
}

const EXAMPLES = path.resolve(__dirname, '../../../examples');

interface JsonFinding {
  path: string;
  code: string;
  fixes?: { safety: string }[];
}

describe('mlsec scan --fix', () => {
  before(() => loadPython());

  it('on a copy of examples/: fixes what has a safe fix, then reports only findings without one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-fix-examples-'));
    fs.cpSync(EXAMPLES, path.join(dir, 'examples'), { recursive: true });
    const before = JSON.parse((await cli(['scan', '--format', 'json', 'examples'], dir)).stdout);
    const fixableBefore = before.findings.filter((f: JsonFinding) => f.fixes?.some((x) => x.safety === 'safe'));
    assert.ok(fixableBefore.length >= 2, 'examples/ should have findings with safe fixes');

    const fixed = await cli(['scan', '--fix', 'examples'], dir);
    assert.strictEqual(fixed.code, 1); // findings without a safe fix remain
    // `path: fixed N (CODE×n, …)` per changed file, and the counts add up to what had a safe fix.
    const changed = [...fixed.stdout.matchAll(/^(\S+\.py): fixed (\d+) \(((?:[A-Z]+\d+×\d+(?:, )?)+)\)$/gm)];
    assert.ok(changed.length > 0, fixed.stdout);
    for (const [, , n, parts] of changed) {
      assert.strictEqual(
        parts.split(', ').reduce((sum, p) => sum + Number(p.split('×')[1]), 0),
        Number(n),
      );
    }
    const total = changed.reduce((sum, m) => sum + Number(m[2]), 0);
    assert.strictEqual(total, fixableBefore.length);
    assert.match(fixed.stdout, new RegExp(`^Fixed ${total} problems in ${changed.length} files?\\.$`, 'm'));
    const unsafeOnly = before.findings.filter((f: JsonFinding) => !f.fixes?.some((x) => x.safety === 'safe') && f.fixes?.some((x) => x.safety === 'unsafe'));
    assert.ok(unsafeOnly.length > 0);
    // (the count leaves out placeholder fixes such as revision="COMMIT_SHA", which JSON does not mark)
    assert.match(fixed.stdout, /^(1 more problem has an unsafe fix: review it|([2-9]|\d\d+) more problems have unsafe fixes: review them), or rerun with --unsafe-fixes\.$/m);

    const after = JSON.parse((await cli(['scan', '--format', 'json', 'examples'], dir)).stdout);
    assert.ok(after.findings.length > 0);
    for (const f of after.findings as JsonFinding[]) {
      assert.ok(!(f.fixes ?? []).some((x) => x.safety === 'safe'), `${f.path}: ${f.code} still has a safe fix`);
    }
    assert.strictEqual(after.findings.length, before.findings.length - fixableBefore.length);
    // Files not listed as fixed are untouched, byte for byte.
    const listed = new Set(changed.map((m) => m[1]));
    for (const name of fs.readdirSync(path.join(EXAMPLES, 'sentiment'))) {
      const rel = `examples/sentiment/${name}`;
      const same = fs.readFileSync(path.join(dir, rel), 'utf8') === fs.readFileSync(path.join(EXAMPLES, 'sentiment', name), 'utf8');
      assert.strictEqual(same, !listed.has(rel), rel);
    }
  });

  it('--unsafe-fixes also applies unsafe fixes, never a placeholder; exact text, CRLF and BOM kept', async () => {
    const dir = project({
      'a.py': 'import torch\nimport requests\nstate = torch.load("m.pt")\nr = requests.get(u)\n',
      'b.py': Buffer.from('\uFEFFimport requests\r\nr = requests.get(\r\n    u,\r\n)\r\n', 'utf8'),
      'c.py': 'from transformers import AutoModel\nm = AutoModel.from_pretrained("org/never-cached-xyz")\n',
    });
    const r = await cli(['scan', '--unsafe-fixes', '.'], dir);
    assert.deepStrictEqual(r.stdout.split('\n').slice(0, 3), ['a.py: fixed 2 (B113×1, B614×1)', 'b.py: fixed 1 (B113×1)', 'Fixed 3 problems in 2 files.']);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'a.py'), 'utf8'), 'import torch\nimport requests\nstate = torch.load("m.pt", weights_only=True)\nr = requests.get(u, timeout=30)\n');
    assert.deepStrictEqual(fs.readFileSync(path.join(dir, 'b.py')), Buffer.from('\uFEFFimport requests\r\nr = requests.get(\r\n    u,\r\n    timeout=30,\r\n)\r\n', 'utf8'));
    assert.strictEqual(fs.readFileSync(path.join(dir, 'c.py'), 'utf8'), 'from transformers import AutoModel\nm = AutoModel.from_pretrained("org/never-cached-xyz")\n');
    assert.match(r.stdout, /c\.py:2:5: B615/);
    assert.strictEqual(r.code, 1);
  });

  it('--fix leaves unsafe fixes alone and keeps stdout parseable for JSON (summary on stderr)', async () => {
    const dir = project({ 'a.py': 'import torch\nimport requests\nstate = torch.load("m.pt")\nr = requests.get(u)\n' });
    const r = await cli(['scan', '--fix', '--format', 'json', '.'], dir);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'a.py'), 'utf8'), 'import torch\nimport requests\nstate = torch.load("m.pt")\nr = requests.get(u, timeout=30)\n');
    assert.match(r.stderr, /^a\.py: fixed 1 \(B113×1\)$/m);
    assert.deepStrictEqual(
      JSON.parse(r.stdout).findings.map((f: JsonFinding) => f.code),
      ['B614'],
    );
  });

  it('reports "No fixes applied." and writes nothing when nothing is fixable', async () => {
    const dir = project({ 'ok.py': 'print("hi")\n' });
    const mtime = fs.statSync(path.join(dir, 'ok.py')).mtimeMs;
    const r = await cli(['scan', '--fix', '.'], dir);
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, /^No fixes applied\.$/m);
    assert.strictEqual(fs.statSync(path.join(dir, 'ok.py')).mtimeMs, mtime);
  });

  it('the summary agrees in number: one file, one unsafe fix left ("review it"), and the plural', () => {
    const r = (file: string, total: number, unsafeFixable: number) => ({ file, counts: new Map(total ? [['B113', total]] : []), total, refused: 0, unsafeFixable });
    assert.strictEqual(
      formatFixSummary([r('/p/a.py', 1, 1)], '/p'),
      'a.py: fixed 1 (B113×1)\nFixed 1 problem in 1 file.\n1 more problem has an unsafe fix: review it, or rerun with --unsafe-fixes.\n',
    );
    assert.strictEqual(
      formatFixSummary([r('/p/a.py', 2, 1), r('/p/b.py', 0, 2)], '/p'),
      'a.py: fixed 2 (B113×2)\nFixed 2 problems in 1 file.\n3 more problems have unsafe fixes: review them, or rerun with --unsafe-fixes.\n',
    );
  });

  it('fixText: nested calls each get their own fix', () => {
    const text = 'import requests\nr = requests.get(requests.get(requests.get(u).text).text)\n';
    const out = fixText(text, defaultConfig(), { unsafe: false });
    assert.strictEqual(out.text, 'import requests\nr = requests.get(requests.get(requests.get(u, timeout=30).text, timeout=30).text, timeout=30)\n');
    assert.strictEqual(out.total, 3);
  });

  it('fixText: fixes that insert at the same point are applied over successive rounds, not merged', () => {
    const rules = [needsKeyword('X001', 'alpha'), needsKeyword('X002', 'beta')];
    const text = 'connect(host)\n';
    const one = fixText(text, defaultConfig(), { unsafe: false, rules, rounds: 1 });
    assert.strictEqual(one.text, 'connect(host, alpha=1)\n'); // the overlapping second fix waits
    const all = fixText(text, defaultConfig(), { unsafe: false, rules });
    assert.strictEqual(all.text, 'connect(host, alpha=1, beta=1)\n');
    assert.deepStrictEqual(
      [...all.counts.entries()],
      [
        ['X001', 1],
        ['X002', 1],
      ],
    );
  });

  it("inserts the project's [tool.mlsec] default-timeout", async () => {
    const dir = project({
      'pyproject.toml': '[tool.mlsec]\ndefault-timeout = 45\n',
      'a.py': 'import requests\nr = requests.get(u)\ns = requests.get(v, timeout=None)\n',
    });
    const r = await cli(['scan', '--fix', '.'], dir);
    assert.match(r.stdout, /^a\.py: fixed 2 \(B113×2\)$/m);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'a.py'), 'utf8'), 'import requests\nr = requests.get(u, timeout=45)\ns = requests.get(v, timeout=45)\n');
  });
});
