// The hygiene rules ML901–ML904 for one `# nosec` directive, each finding carrying its fix.
// One problem layer at a time: a malformed comment gets ML903 only (its rewrite also names codes
// and keeps the prose as the reason); a blanket one gets ML901; only a well-formed comment that
// names codes is checked for a missing reason (ML902). ML904 looks at each code on its own.
import type { Finding, Fix, Range, Severity } from '../analysis/types';
import { AnalysisConfig, isCodeEnabled } from '../config/analysisConfig';
import { isHygieneCode, type RuleCatalog } from './catalog';
import { isBanditCode, NosecDirective } from './parse';
import { NARROWER_THAN_BANDIT } from '../config/banditTests';
import { canonicalNosec, escapeSnippet, keptJustification, removeDirective, replaceDirective } from './rewrite';

function directiveRange(d: NosecDirective): Range {
  return { start: { line: d.line, character: d.start }, end: { line: d.line, character: d.end } };
}

function make(code: string, message: string, range: Range, fixes: Fix[], config: AnalysisConfig, catalog: RuleCatalog, severity?: Severity): Finding | undefined {
  const rule = catalog.get(code);
  if (!rule || !isCodeEnabled(code, config)) return undefined;
  return {
    code,
    name: rule.name,
    message,
    range,
    nodeLines: [range.start.line, range.start.line],
    severity: config.severity[code] ?? severity ?? rule.severity,
    confidence: rule.confidence,
    cwe: rule.cwe,
    fixes,
  };
}

function sorted(codes: Iterable<string>): string[] {
  return [...codes].sort();
}

/** Codes a rewrite keeps, normalised (Bandit test names become their IDs), without repeats. */
function recognisedCodes(d: NosecDirective): string[] {
  return [...new Set(d.codes.filter((c) => c.kind !== 'unknown').map((c) => c.code))];
}

/**
 * Whether removing `code` from a directive leaves Bandit's reading of it no wider and drops nothing
 * Bandit needs. Bandit reads a `# nosec` whose codes are all unknown to it (`# nosec ML101`) as
 * blanket. Removing a Bandit code mlsec finds nothing for is harmless to Bandit (mlsec's findings for
 * it include Bandit's) unless the codes left are all unknown to Bandit — the comment would turn blanket
 * for Bandit. Removing a code Bandit does not know changes nothing for Bandit, unless it removes the
 * whole comment while Bandit read it as blanket.
 */
function removalKeepsBanditReading(d: NosecDirective, code: string, rest: string[]): boolean {
  const restBandit = rest.filter(isBanditCode);
  if (isBanditCode(code)) return rest.length === 0 || restBandit.length > 0;
  const bandit = d.codes.map((c) => c.code).filter(isBanditCode);
  return bandit.length > 0 || rest.length > 0;
}

export function hygieneFindings(d: NosecDirective, silenced: ReadonlySet<string>, lineText: string, config: AnalysisConfig, catalog: RuleCatalog): Finding[] {
  const out: (Finding | undefined)[] = [];
  const found = sorted(silenced);
  if (d.problems.length > 0) {
    let codes = recognisedCodes(d);
    if (codes.length === 0 && d.codes.length === 0) codes = found; // prose only: name what is on the line
    const fixes: Fix[] = [];
    if (codes.length > 0 || d.codes.length === 0) {
      const newText = canonicalNosec(codes, keptJustification(d));
      fixes.push({ title: `Rewrite as \`${newText}\``, safety: 'unsafe', edits: [replaceDirective(d, newText)] });
    }
    out.push(make('ML903', `Malformed \`# nosec\`: ${d.problems.join('; ')}`, directiveRange(d), fixes, config, catalog));
  } else if (d.blanket) {
    const fixes: Fix[] = [];
    if (found.length > 0) {
      const newText = canonicalNosec(found, d.justification);
      fixes.push({ title: `Name the codes: \`${newText}\``, safety: 'unsafe', edits: [replaceDirective(d, newText)] });
    }
    const what = found.length > 0 ? ` (here: ${found.join(', ')})` : '';
    out.push(make('ML901', `Blanket \`# nosec\` silences every check on this line; name the codes it is meant for${what}`, directiveRange(d), fixes, config, catalog));
  } else if (!d.justification) {
    const codes = recognisedCodes(d);
    const newText = `${escapeSnippet(canonicalNosec(codes))} # \${1:reason}`;
    const fixes: Fix[] = [{ title: 'Add the reason for this suppression', safety: 'unsafe', snippet: true, edits: [replaceDirective(d, newText)] }];
    const severity: Severity = config.requireJustification ? 'warning' : 'information';
    out.push(make('ML902', `\`${d.text}\` gives no reason; add it after a second \`#\`: \`${canonicalNosec(codes, '<why this is safe>')}\``, directiveRange(d), fixes, config, catalog, severity));
  }

  // ML904: a code of a check we implement and run that silences nothing here — only for checks whose
  // findings include Bandit's: for the others Bandit may still need the comment.
  for (const token of d.codes) {
    if (token.kind === 'unknown' || isHygieneCode(token.code) || !catalog.has(token.code) || !isCodeEnabled(token.code, config)) continue;
    if (NARROWER_THAN_BANDIT.has(token.code)) continue;
    if (silenced.has(token.code)) continue;
    const rest = d.codes.filter((c) => c !== token && c.code !== token.code);
    const safety = removalKeepsBanditReading(
      d,
      token.code,
      rest.map((c) => c.code),
    )
      ? 'safe'
      : 'unsafe';
    let fix: Fix;
    if (rest.length === 0) {
      fix = { title: 'Remove the unused `# nosec`', safety, edits: [removeDirective(d, lineText)] };
    } else {
      const newText = canonicalNosec([...new Set(rest.map((c) => (c.kind === 'unknown' ? c.text : c.code)))], keptJustification(d));
      fix = { title: `Remove ${token.code} from the \`# nosec\``, safety, edits: [replaceDirective(d, newText)] };
    }
    out.push(
      make(
        'ML904',
        `\`${token.text}\` in this \`# nosec\` silences nothing: no ${token.code} finding on this statement`,
        { start: { line: d.line, character: token.start }, end: { line: d.line, character: token.end } },
        [fix],
        config,
        catalog,
      ),
    );
  }
  return out.filter((f): f is Finding => f !== undefined);
}
