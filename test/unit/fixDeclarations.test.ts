// Each rule's declared fix availability (`fix`) and fix safety (`fixSafety`), shown on its page, match
// what it emits on its fixture: 'always' → every finding has a fix, 'none' → none has, 'sometimes' →
// the fixture shows both; each emitted fix's safety equals the declared one, or the declaration says
// 'mixed' and the fixture shows both safeties.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../../server/src/rules';
import type { RuleMeta } from '../../server/src/rules/rule';
import type { Finding } from '../../server/src/analysis/types';
import { analyzeSource } from '../../server/src/check/source';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { parseFixtureConfig } from '../helpers/markers';
import { FIXTURE_DIR } from '../helpers/fixtureFiles';

/** What is wrong with the rule's declarations, given its findings on its fixture ([] when nothing). */
export function fixDeclarationProblems(rule: Pick<RuleMeta, 'code' | 'fix' | 'fixSafety'>, findings: readonly Finding[]): string[] {
  const own = findings.filter((f) => f.code === rule.code);
  if (own.length === 0) return [`${rule.code}: no finding on the fixture`];
  const withFix = own.filter((f) => f.fixes.length > 0).length;
  const shown = withFix === 0 ? 'none' : withFix === own.length ? 'always' : 'sometimes';
  const problems: string[] = [];
  if (shown !== rule.fix) problems.push(`${rule.code}: declares fix '${rule.fix}', the fixture shows '${shown}' (${withFix} of ${own.length} findings with a fix)`);
  const safeties = [...new Set(own.flatMap((f) => f.fixes.map((x) => x.safety)))].sort();
  const declared = rule.fixSafety === 'mixed' ? ['safe', 'unsafe'] : rule.fixSafety === 'none' ? [] : [rule.fixSafety];
  if (safeties.join('+') !== declared.join('+')) problems.push(`${rule.code}: declares fixSafety '${rule.fixSafety}', the fixture's fixes are ${safeties.join(' and ') || 'none'}`);
  return problems;
}

/** Findings of a whole file, made outside the analysis of Python text: no fixture can show them. */
const FILE_LEVEL_CODES = new Set(['ML900', 'ML301', 'ML302', 'ML303', 'ML304']);

async function fixtureFindings(code: string): Promise<Finding[]> {
  const text = fs.readFileSync(path.join(FIXTURE_DIR, `${code}.py`), 'utf8');
  const config = { ...defaultConfig(), ...parseFixtureConfig(text) };
  return (await analyzeSource(text, { config, hfCache: () => undefined })).findings;
}

describe('declared fix availability and safety', () => {
  for (const rule of ALL_RULES.filter((r) => !FILE_LEVEL_CODES.has(r.code))) {
    it(`${rule.code}: fix '${rule.fix}', fixSafety '${rule.fixSafety}' as on its fixture`, async () => {
      assert.deepStrictEqual(fixDeclarationProblems(rule, await fixtureFindings(rule.code)), []);
    });
  }

  it('reports a declaration the fixture contradicts (B614 declared always, B113 declared safe)', async () => {
    assert.deepStrictEqual(fixDeclarationProblems({ code: 'B614', fix: 'always', fixSafety: 'unsafe' }, await fixtureFindings('B614')), [
      "B614: declares fix 'always', the fixture shows 'sometimes' (19 of 20 findings with a fix)",
    ]);
    assert.deepStrictEqual(fixDeclarationProblems({ code: 'B113', fix: 'always', fixSafety: 'safe' }, await fixtureFindings('B113')), [
      "B113: declares fixSafety 'safe', the fixture's fixes are safe and unsafe",
    ]);
    assert.deepStrictEqual(fixDeclarationProblems({ code: 'B302', fix: 'none', fixSafety: 'none' }, []), ['B302: no finding on the fixture']);
  });
});
