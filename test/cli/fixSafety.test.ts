// `--fix` never loses data: it writes a sibling temp file and renames it over the original, keeps the
// mode, the encoding, the BOM and the line endings, writes nothing if the file changed since it was
// analysed, and refuses FIFOs and devices at once. Hostile repositories are real git repositories;
// the bundled CLI runs on them as a user would run it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { hostileRepo, runBundled } from '../helpers/hostileRepo';
import { fixFile } from '../../server/src/cli/fix';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { loadPython } from '../../server/src/analysis/parser';
import { addKeywordArgument } from '../../server/src/fixes/edits';
import { defineRule } from '../../server/src/rules/rule';
import type { Node } from 'web-tree-sitter';

const FIXABLE = 'import requests\nr = requests.get(u)\n';
const FIXED = 'import requests\nr = requests.get(u, timeout=30)\n';

function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'));
}

describe('--fix never loses data', function () {
  this.timeout(60000);

  it('a full disk (ulimit -f) leaves the file byte-identical, no temp file behind, and the run exits non-zero', () => {
    // 300 KB: the new file cannot be written under a 100 KB limit. (The padding is a string: 10,000
    // comment lines in a row are slow for the parser on a loaded machine.)
    const original = `${FIXABLE}PAD = '''\n${'padding line for a large file\n'.repeat(10000)}'''\n`;
    const { repo } = hostileRepo({ 'big.py': original });
    fs.chmodSync(path.join(repo, 'big.py'), 0o640);
    const r = runBundled(['scan', '--fix', '--no-cache', 'big.py'], { cwd: repo, fileSizeLimitBlocks: 100 });
    assert.strictEqual(r.timedOut, false);
    assert.strictEqual(fs.readFileSync(path.join(repo, 'big.py'), 'utf8'), original);
    assert.strictEqual(fs.statSync(path.join(repo, 'big.py')).mode & 0o777, 0o640);
    assert.deepStrictEqual(leftovers(repo), []);
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /^mlsec: big\.py: not fixed: cannot write: EFBIG; the file is unchanged$/m);
  });

  it('a PEP 263 latin-1 file is written back in latin-1 ("café" stays one byte é); cp1252 too', () => {
    const latin1 = Buffer.from(`# -*- coding: latin-1 -*-\nx = "café"\n${FIXABLE}`, 'latin1');
    const cp1252 = Buffer.concat([Buffer.from('# coding: cp1252\nprice = "'), Buffer.from([0x80]), Buffer.from(`"\r\n${FIXABLE.replace(/\n/g, '\r\n')}`)]);
    const { repo } = hostileRepo({ 'l1.py': latin1, 'w.py': cp1252 });
    fs.chmodSync(path.join(repo, 'l1.py'), 0o751);
    // Run as root, mlsec can keep another user's ownership too (as an unprivileged user it is the user's file anyway).
    const asRoot = process.getuid?.() === 0;
    if (asRoot) fs.chownSync(path.join(repo, 'w.py'), 65534, 65534);
    const r = runBundled(['scan', '--fix', 'l1.py', 'w.py'], { cwd: repo });
    assert.strictEqual(r.code, 0, r.stderr + r.stdout);
    assert.deepStrictEqual(fs.readFileSync(path.join(repo, 'l1.py')), Buffer.from(`# -*- coding: latin-1 -*-\nx = "café"\n${FIXED}`, 'latin1'));
    assert.deepStrictEqual(
      fs.readFileSync(path.join(repo, 'w.py')),
      Buffer.concat([Buffer.from('# coding: cp1252\nprice = "'), Buffer.from([0x80]), Buffer.from(`"\r\n${FIXED.replace(/\n/g, '\r\n')}`)]),
    );
    assert.strictEqual(fs.statSync(path.join(repo, 'l1.py')).mode & 0o777, 0o751);
    if (asRoot) assert.deepStrictEqual([fs.statSync(path.join(repo, 'w.py')).uid, fs.statSync(path.join(repo, 'w.py')).gid], [65534, 65534]);
    assert.deepStrictEqual(leftovers(repo), []);
  });

  it('a file that changes between analysis and write is not written, the change is kept, and the result says why', async () => {
    await loadPython();
    const { repo } = hostileRepo({ 'a.py': 'connect(host)\n' });
    const file = path.join(repo, 'a.py');
    // A rule that, while the file is being analysed, lets "another program" save a new version of it.
    const racing = defineRule({
      code: 'T001',
      name: 'needs-kw',
      summary: 'test',
      severity: 'warning',
      confidence: 'high',
      cwe: 0,
      fix: 'always',
      fixSafety: 'safe',
      match: { nodes: ['call'], text: ['connect'] },
      docs: { whatItDoes: '', whyBad: '', example: '', useInstead: '', fixSafety: '', options: '', references: [] },
      check(call: Node, ctx) {
        if (call.childForFieldName('function')?.text !== 'connect' || ctx.args(call).keywords.has('kw')) return;
        if (fs.readFileSync(file, 'utf8') === 'connect(host)\n') fs.writeFileSync(file, 'connect(host)\n# saved by the editor meanwhile\n');
        ctx.report({ message: 'no kw', scopeNode: call, fixes: [{ title: 'Add kw', safety: 'safe', edits: addKeywordArgument(call, 'kw=1', ctx.text) }] });
      },
    });
    const result = fixFile(file, defaultConfig(), { unsafe: false, rules: [racing], rounds: 1 });
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'connect(host)\n# saved by the editor meanwhile\n');
    assert.strictEqual(result.problem, 'changed since it was analysed');
    assert.strictEqual(result.total, 0);
    assert.deepStrictEqual(leftovers(repo), []);
  });

  it('a FIFO and a committed link to /dev/zero named with --fix are refused at once (exit non-zero, ML900), the other file is fixed', function () {
    const { repo } = hostileRepo({ 'zero.py': { link: '/dev/zero' }, 'good.py': FIXABLE });
    if (spawnSync('mkfifo', [path.join(repo, 'pipe.py')]).status !== 0) this.skip();
    this.timeout(90000);
    // Bounded by the run's timeout (a read of /dev/zero or a FIFO would never end), not by a wall-clock assertion.
    const r = runBundled(['scan', '--fix', 'pipe.py', 'zero.py', 'good.py'], { cwd: repo, timeoutMs: 60000 });
    assert.strictEqual(r.timedOut, false, 'the run hung');
    assert.strictEqual(r.code, 2, r.stderr);
    assert.strictEqual(fs.readFileSync(path.join(repo, 'good.py'), 'utf8'), FIXED);
    assert.match(r.stderr, /^mlsec: pipe\.py: not fixed: not a regular file \(a FIFO\)$/m);
    assert.match(r.stderr, /^mlsec: zero\.py: skipped: link leaves the scanned folder$/m);
    assert.match(r.stdout, /^pipe\.py:1:1: ML900 file not analysed: not a regular file \(a FIFO\)$/m);
    assert.match(r.stdout, /^zero\.py:1:1: ML900 file not analysed: link leaves the scanned folder$/m);
    assert.ok(fs.lstatSync(path.join(repo, 'zero.py')).isSymbolicLink());
  });
});
