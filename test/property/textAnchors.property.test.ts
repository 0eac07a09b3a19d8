// Text-anchored rules (analysis/textAnchors.ts: B105, B106, B107, B608, B610 are handed only the nodes
// around their text) must find exactly what a walk over every node of their types finds, on any text,
// and the editor's incremental path (which searches only the re-checked units) exactly what a fresh
// analysis finds. Seeds full of the shapes the anchors must reach: names and keys that spell a secret
// only through their value (split, escaped, continued), nested nodes of the declared types, SQL whose
// keyword sits in another string of the chain, across an implicit concatenation or an interpolation.
import * as assert from 'assert';
import fc from 'fast-check';
import {} from 'vscode-languageserver-textdocument';
import { analyzeTree } from '../../server/src/analysis/engine';
import { configuredRules, finalizeFindings } from '../../server/src/check/source';
import { loadPython, parsePython } from '../../server/src/analysis/parser';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import type { Finding } from '../../server/src/analysis/types';
import { replayEqualsFresh } from '../helpers/editOps';

const SEED = [
  'import sqlite3',
  'DB_PASSWORD = "s3cr3t"',
  'cfg = {"db": {"user": "u", "password": "p"}, "pa" "ssword": 1}',
  'cfg["\\x70wd"] = "w"; cfg["to\\',
  'ken"] = "v"',
  '',
  'class Store:',
  '    api_token = "abc"',
  '',
  '    def connect(self, user, passwd="default"):',
  '        ok = (passwd == "admin")',
  '        return login(user=user, password="hunter2", extra=None)',
  '',
  '    def query(self, rid, table):',
  '        q = "/* r */ " + "SELECT * FROM runs WHERE id = " + rid',
  '        q2 = ("-- a\\n" "DELETE FROM runs WHERE id = %s" % rid)',
  '        q3 = "SEL" "ECT * FROM t WHERE a = %s" % rid',
  '        q4 = f"SEL{\'\'}ECT * FROM {table} WHERE id = {rid}"',
  '        q5 = "\\x53ELECT * FROM t WHERE a = %s" % rid',
  '        q6 = ("note " "UPDATE runs SET a = {} WHERE b = 1").format(rid)',
  '        return self.db.execute(q), Model.objects.extra(where=[q2])',
  '',
  'def helper(x, token="t0k"):',
  '    if x.token != "":',
  '        pass',
  '    return {"a": {"b": {"secret": 1}}}',
  '',
].join('\n');

const SNIPPETS = [
  'password',
  'TOKEN',
  '_secret',
  'pa',
  'ss',
  'SEL',
  'ECT',
  'select ',
  ' from ',
  ' + ',
  ' % x',
  '.format(y)',
  '" "',
  '""',
  '\\x73',
  '\\\n',
  '{',
  '}',
  'f"',
  '{"pwd": "a"}',
  'x == "s"',
  'token="t"',
  '.extra(where=[w])',
  '\n',
  '    ',
  '(',
  ')',
  '"',
  "'",
  '#',
  ':',
  'def f():\n    ',
  'class C:\n    ',
  'x = ',
  'import os\n',
];

function key(f: Finding): string {
  return JSON.stringify([f.code, f.range, f.message, f.severity, f.confidence]);
}

function findings(text: string, anchored: boolean): string[] {
  const config = defaultConfig();
  const tree = parsePython(text);
  try {
    return finalizeFindings(analyzeTree(tree, text, { config, anchored, rules: configuredRules(config) }), text, config).map(key);
  } finally {
    tree.delete();
  }
}

describe('text-anchored rules (property)', function () {
  this.timeout(180_000);
  before(() => loadPython());

  it('the seed: anchored equals the walk, and every text-anchored rule has findings to lose', () => {
    const walked = findings(SEED, false);
    assert.deepStrictEqual(findings(SEED, true), walked);
    for (const code of ['B105', 'B106', 'B107', 'B608'])
      assert.ok(
        walked.some((f) => f.startsWith(`["${code}"`)),
        `no ${code} in the seed`,
      );
    assert.ok(walked.filter((f) => f.startsWith('["B608"')).length >= 6, 'the SQL shapes are not all reported');
  });

  it('anchored equals the walk after random edits', () => {
    const edit = fc.record({
      at: fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000),
      remove: fc.integer({ min: 0, max: 6 }),
      insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.constant('')),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        let text = SEED;
        for (const e of edits) {
          const at = Math.floor(e.at * text.length);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        assert.deepStrictEqual(findings(text, true), findings(text, false), JSON.stringify(text));
      }),
      { numRuns: 300 },
    );
  });

  it('the incremental path (only re-checked units searched) equals a fresh analysis', () => {
    const { counted, total } = replayEqualsFresh({ seed: SEED, snippets: SNIPPETS, numRuns: 200, counts: (stats) => stats?.full === false });
    // Only meaningful if the incremental path (not a full re-check) ran often.
    assert.ok(counted > total / 8, `only ${counted} of ${total} analyses were incremental`);
  });
});
