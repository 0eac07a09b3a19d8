// The catalog as a whole: every code of the specification is implemented, every rule has a fixture with
// enough safe and flagged cases and complete docs, and the committed docs/rules pages are current.
//
// How cases are counted in test/fixtures/rules/<CODE>.py:
//  - flagged cases: `expect` markers for CODE that sit after the `# --- flagged ---` line (at least 3);
//  - safe cases: non-blank lines between `# --- safe ---` and `# --- flagged ---` that are not comments
//    (at least 3). No marker for CODE may appear in the safe section.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../../server/src/rules';
import { cweUrl } from '../../server/src/rules/rule';
import { renderRuleDocs } from '../../server/src/rules/docsMarkdown';
import { parseMarkers, parseMessages, parseFixtureConfig } from '../helpers/markers';
import { FIXTURE_DIR, fixtureFiles } from '../helpers/fixtureFiles';
import { rulesForText } from '../../server/src/analysis/engine';
import { analyzeSource } from '../../server/src/check/source';
import { defaultConfig } from '../../server/src/config/analysisConfig';
import { prefilterOf, ruleNodeTypes } from '../../server/src/rules/prefilter';
import { configuredRules } from '../../server/src/check/source';

/** The codes of the rule tables of RULES.md (the suppression hygiene rules ML901–ML904 live elsewhere). */
const SPECIFIED_CODES = [
  'B614',
  'B615',
  'ML101',
  'ML102',
  'B301',
  'ML103',
  'ML104',
  'ML105',
  'ML106',
  'B506',
  'B113',
  'ML201',
  'B501',
  'B602',
  'B605',
  'B307',
  'B102',
  'B701',
  'B324',
  'B108',
  'B306',
  'B110',
  'B112',
  'B104',
];

/**
 * Codes whose findings are about a whole file, made outside the analysis of its text (ML900: a file
 * that was not analysed; ML301–ML304: verdicts of the model scan on binary model files, which have no
 * Python text to hold a fixture's markers). No fixture can show them; their tests drive the model
 * scan, the CLI and the server (test/unit/models/*.test.ts).
 */
const FILE_LEVEL_CODES = new Set(['ML900', 'ML301', 'ML302', 'ML303', 'ML304']);

const DOCS_DIR = path.resolve(__dirname, '../../../docs/rules');

interface Sections {
  safeLines: string[];
  safeMarkerLines: number[];
  flaggedMarkers: number;
}

function sections(text: string, code: string): Sections | undefined {
  const lines = text.split(/\r?\n/);
  const safe = lines.findIndex((l) => l.trim() === '# --- safe ---');
  const flagged = lines.findIndex((l) => l.trim() === '# --- flagged ---');
  if (safe < 0 || flagged < safe) return undefined;
  const markers = parseMarkers(text).filter((m) => m.code === code);
  return {
    safeLines: lines.slice(safe + 1, flagged).filter((l) => l.trim() !== '' && !l.trim().startsWith('#')),
    safeMarkerLines: markers.filter((m) => m.line > safe && m.line < flagged).map((m) => m.line + 1),
    flaggedMarkers: markers.filter((m) => m.line > flagged).length,
  };
}

describe('rule catalog', () => {
  it('implements every code of the RULES.md tables, each once', () => {
    const codes = ALL_RULES.map((r) => r.code);
    assert.deepStrictEqual(
      codes.filter((c, i) => codes.indexOf(c) !== i),
      [],
    );
    assert.deepStrictEqual(
      SPECIFIED_CODES.filter((c) => !codes.includes(c)),
      [],
    );
  });

  for (const rule of ALL_RULES) {
    describe(rule.code, () => {
      it('has a fixture with ≥3 safe cases and ≥3 flagged markers', function () {
        if (FILE_LEVEL_CODES.has(rule.code)) this.skip();
        const file = path.join(FIXTURE_DIR, `${rule.code}.py`);
        assert.ok(fs.existsSync(file), `missing fixture ${file}`);
        const s = sections(fs.readFileSync(file, 'utf8'), rule.code);
        assert.ok(s, `${rule.code}.py needs a "# --- safe ---" line followed by a "# --- flagged ---" line`);
        assert.ok(s.safeLines.length >= 3, `${rule.code}.py: ${s.safeLines.length} safe cases`);
        assert.deepStrictEqual(s.safeMarkerLines, [], `${rule.code}.py: markers in the safe section`);
        assert.ok(s.flaggedMarkers >= 3, `${rule.code}.py: ${s.flaggedMarkers} flagged markers`);
        const text = fs.readFileSync(file, 'utf8');
        assert.ok(
          parseMessages(text).some((m) => m.code === rule.code),
          `${rule.code}.py: no '# expect-message: ${rule.code} …' line`,
        );
      });

      it('has complete metadata and docs, references including its CWE page', () => {
        assert.match(rule.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
        // ML9xx findings come from the suppression pass, file-level ones from outside the walk: they inspect no node type.
        assert.ok(ruleNodeTypes(rule).length > 0 || rule.code.startsWith('ML9') || FILE_LEVEL_CODES.has(rule.code));
        assert.ok(Number.isInteger(rule.cwe) && rule.cwe > 0);
        assert.strictEqual(rule.fix === 'none', rule.fixSafety === 'none', 'fix and fixSafety must agree');
        // The pre-filter derives from the match (a malformed one throws here): a file must be able to pass it.
        const filter = prefilterOf(rule);
        const groups = filter.substringGroups({ ...defaultConfig(), tmpDirs: ['/tmp'] });
        assert.ok(FILE_LEVEL_CODES.has(rule.code) || groups.every((g) => g.length > 0 && g.every((t) => t.length > 0)), 'substrings');
        assert.ok(
          (filter.wordAlternatives ?? []).every((alt) => alt.length > 0 && alt.every((w) => /^\w+$/.test(w))),
          'words',
        );
        for (const [key, value] of Object.entries(rule.docs)) {
          if (key === 'references') continue;
          assert.ok(typeof value === 'string' && value.trim().length > 0, `docs.${key} is empty`);
        }
        assert.ok(rule.docs.references.includes(cweUrl(rule.cwe)), `references lack ${cweUrl(rule.cwe)}`);
      });
    });
  }

  it('the pre-filter is sound: per fixture, the pre-filtered anchored analysis equals a full walk of every rule', async () => {
    for (const file of fixtureFiles()) {
      const text = fs.readFileSync(path.join(FIXTURE_DIR, file), 'utf8');
      const config = { ...defaultConfig(), ...parseFixtureConfig(text) };
      // The reference: every enabled rule, every node of its types walked (no anchors, no text
      // pre-filter); a call rule still sees only the calls its patterns match, as its contract says.
      const reference = await analyzeSource(text, { config, anchored: false, hfCache: () => undefined });
      // What a scan does: the rules the text pre-filter keeps, anchored, call patterns applied.
      const kept = rulesForText(text, configuredRules(config), config);
      const prefiltered = await analyzeSource(text, { config, rules: kept, hfCache: () => undefined });
      assert.ok(reference.findings.length > 0, `${file}: no findings to compare`);
      assert.deepStrictEqual(prefiltered.findings, reference.findings, file);
      // And the anchors alone (every rule, no text pre-filter), so a fault shows which half it is in.
      const anchored = await analyzeSource(text, { config, anchored: true, hfCache: () => undefined });
      assert.deepStrictEqual(anchored.findings, reference.findings, `${file}: anchored`);
    }
  });

  it('docs/rules is what `npm run docs` generates (run it and commit the result)', () => {
    const expected = renderRuleDocs(ALL_RULES);
    const onDisk = fs.existsSync(DOCS_DIR)
      ? fs
          .readdirSync(DOCS_DIR)
          .filter((f) => f.endsWith('.md'))
          .sort()
      : [];
    assert.deepStrictEqual(onDisk, [...expected.keys()].sort());
    for (const [name, text] of expected) {
      assert.strictEqual(fs.readFileSync(path.join(DOCS_DIR, name), 'utf8'), text, `docs/rules/${name} is stale`);
    }
  });
});
