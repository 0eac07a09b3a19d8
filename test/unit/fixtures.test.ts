// Table-driven: every fixture under test/fixtures/rules is analysed and its findings must equal the
// markers written next to the code — same codes, same lines, same UTF-16 columns, same confidence.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeSource } from '../../server/src/check/source';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { FIXTURE_DIR, fixtureFiles } from '../helpers/fixtureFiles';
import { parseMarkers, parseMessages, parseFixtureConfig, describeExpected, describeFinding } from '../helpers/markers';

describe('rule fixtures', () => {
  for (const file of fixtureFiles()) {
    it(`${file}: findings match the markers exactly`, async () => {
      const text = fs.readFileSync(path.join(FIXTURE_DIR, file), 'utf8');
      const config = { ...defaultConfig(), ...parseFixtureConfig(text) };
      const result = await analyzeSource(text, { config, hfCache: () => undefined });
      assert.deepStrictEqual(result.ruleErrors, []);
      const expected = parseMarkers(text).map(describeExpected).sort();
      const actual = result.findings.map(describeFinding).sort();
      assert.deepStrictEqual(actual, expected);
      for (const m of parseMessages(text)) {
        const f = result.findings.find((x) => x.code === m.code && x.range.start.line === m.line);
        assert.ok(f, `${file}: no ${m.code} on line ${m.line + 1} for its expect-message`);
        assert.strictEqual(f.message, m.message, `${file}: message of ${m.code} on line ${m.line + 1}`);
      }
    });
  }
});
