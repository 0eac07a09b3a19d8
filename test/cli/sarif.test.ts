// SARIF 2.1.0: every property the standard requires is present and well-typed.
import * as assert from 'assert';
import { runCliCaptured, tempProject } from '../helpers/cliRun';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { configuredRules } from '../../server/src/check/source';

describe('mlsec scan --format sarif', () => {
  let log: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the tests check the parsed JSON's shape; a SARIF type would assume it
  before(async () => {
    const dir = tempProject({ 'a.py': 'import torch\nimport requests\ntorch.load("m.pt")\nrequests.get("https://x")\n' });
    const r = await runCliCaptured(['scan', '--format', 'sarif', '.'], dir);
    assert.strictEqual(r.code, 1);
    log = JSON.parse(r.stdout);
  });

  it('has the required top-level properties: version 2.1.0 and runs', () => {
    assert.strictEqual(log.version, '2.1.0');
    assert.ok(Array.isArray(log.runs) && log.runs.length === 1);
    assert.strictEqual(typeof log.$schema, 'string');
  });

  it('has tool.driver.name and rule metadata with helpUri for every rule', () => {
    const driver = log.runs[0].tool.driver;
    assert.strictEqual(driver.name, 'mlsec');
    // The rules that ran: the default profile's (B101 and the other habit checks are off by default).
    assert.deepStrictEqual(
      driver.rules.map((r: { id: string }) => r.id),
      configuredRules(defaultConfig()).map((r) => r.code),
    );
    for (const rule of driver.rules) {
      assert.strictEqual(typeof rule.id, 'string');
      assert.match(rule.helpUri, new RegExp(`^https://.+/docs/rules/${rule.id}\\.md$`));
      assert.ok(rule.shortDescription.text.length > 0);
      assert.ok(rule.fullDescription.text.length > 0);
      assert.ok(rule.help.text.length > 0);
      assert.ok(['error', 'warning', 'note', 'none'].includes(rule.defaultConfiguration.level));
    }
  });

  it('has results with message.text, ruleId, ruleIndex and 1-based UTF-16 regions', () => {
    const run = log.runs[0];
    assert.strictEqual(run.columnKind, 'utf16CodeUnits');
    const results = run.results;
    assert.deepStrictEqual(
      results.map((r: { ruleId: string }) => r.ruleId),
      ['B614', 'B113'],
    );
    for (const r of results) {
      assert.strictEqual(typeof r.message.text, 'string');
      assert.strictEqual(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
      const loc = r.locations[0].physicalLocation;
      assert.strictEqual(loc.artifactLocation.uri, 'a.py');
      assert.strictEqual(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    }
    assert.deepStrictEqual(results[0].locations[0].physicalLocation.region, { startLine: 3, startColumn: 1, endLine: 3, endColumn: 11 });
    assert.deepStrictEqual(results[1].locations[0].physicalLocation.region, { startLine: 4, startColumn: 1, endLine: 4, endColumn: 13 });
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
  });
});
