// The ML9xx rules are registered with full metadata and docs, and are inert in the walk.
import * as assert from 'assert';
import { ALL_RULES, ruleByCode } from '../../server/src/rules';
import { ruleNodeTypes } from '../../server/src/rules/prefilter';

describe('suppression hygiene rules (registry)', () => {
  for (const code of ['ML901', 'ML902', 'ML903', 'ML904']) {
    it(`${code} is registered with every doc section, no node types and the 'nosec' trigger`, () => {
      const rule = ruleByCode(code);
      assert.ok(rule && ALL_RULES.includes(rule));
      assert.deepStrictEqual(ruleNodeTypes(rule), []);
      assert.deepStrictEqual(rule.match, { text: ['nosec'] });
      assert.match(rule.name, /^[a-z]+(-[a-z]+)+$/);
      for (const [section, value] of Object.entries(rule.docs)) {
        if (Array.isArray(value)) assert.ok(value.length > 0 && value.every((r) => r.startsWith('https://')), `${code} ${section}`);
        else assert.ok(typeof value === 'string' && value.length > 20, `${code} ${section}`);
      }
    });
  }
});
