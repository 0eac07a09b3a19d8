// The scan cache's code key (workspace/cache.ts): it changes when any code file changes — the files
// the old key missed (fixes/, analysis/anchors.ts, rules/argState.ts) included — and the bundles
// carry the hash of the sources they were built from, one value for the CLI and the server (the worker keeps no cache).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { codeTreeHash } from '../../server/src/workspace/cache';

const root = path.resolve(__dirname, '../../..');
const compiled = path.resolve(__dirname, '../../server/src');

describe('scan cache code key', () => {
  for (const file of ['fixes/apply.js', 'analysis/anchors.js', 'rules/argState.js', 'suppressions/hygiene.js', 'notebook/mask.js']) {
    it(`changes when ${file} changes`, () => {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-codekey-'));
      try {
        fs.cpSync(compiled, copy, { recursive: true });
        const before = codeTreeHash(copy, '.js');
        assert.strictEqual(codeTreeHash(copy, '.js'), before, 'stable');
        fs.appendFileSync(path.join(copy, file), '\n// edited\n');
        assert.notStrictEqual(codeTreeHash(copy, '.js'), before);
      } finally {
        fs.rmSync(copy, { recursive: true, force: true });
      }
    });
  }

  it('ignores source maps and declaration files', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-codekey-'));
    try {
      fs.mkdirSync(path.join(copy, 'a'));
      fs.writeFileSync(path.join(copy, 'a/x.js'), 'x');
      const before = codeTreeHash(copy, '.js');
      fs.writeFileSync(path.join(copy, 'a/x.js.map'), '{}');
      fs.writeFileSync(path.join(copy, 'a/y.d.ts'), 'declare const y: 1;');
      assert.strictEqual(codeTreeHash(copy, '.js'), before);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('is built into every bundle as the hash of server/src', () => {
    const expected = codeTreeHash(path.join(root, 'server/src'), '.ts');
    for (const bundle of ['mlsec.js', 'server.js']) {
      const text = fs.readFileSync(path.join(root, 'dist', bundle), 'utf8');
      assert.ok(text.includes(JSON.stringify(expected)), `${bundle} carries ${expected}`);
    }
  });
});
