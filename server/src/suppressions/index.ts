// The suppression pass: reads `# nosec` / `# noqa` directives from the file's real comments, drops
// (or, in audit mode, marks) the findings they silence, and adds the hygiene findings ML901–ML904.
// It must see ALL raw findings of the file from every enabled rule: ML904 concludes "unused" from
// their absence. (A rule left out by the text pre-filter could not have found anything, so leaving
// it out is sound.)
import type { Finding } from '../analysis/types';
import type { AnalysisConfig } from '../config/analysisConfig';
import { scanComments } from './comments';
import { Directive, NosecDirective, coveringCode, directiveCovers, parseDirectives, isBanditCode } from './parse';
import { hygieneFindings } from './hygiene';
import type { RuleCatalog } from './catalog';

export { ruleCatalog, type RuleCatalog } from './catalog';

/** A code of one of the catalog's rules or of a Bandit test (by ID). */
export function isKnownCode(code: string, catalog: RuleCatalog): boolean {
  return catalog.has(code) || isBanditCode(code);
}

export interface FileDirectives {
  directives: Directive[];
  /** Directives by line. */
  byLine: Map<number, Directive[]>;
}

/** Whether the text can hold a directive at all (cheap test before lexing). */
export function mayHaveDirectives(text: string): boolean {
  return text.includes('nosec') || /noqa/i.test(text);
}

export function readDirectives(text: string, catalog: RuleCatalog): FileDirectives {
  const directives: Directive[] = [];
  const byLine = new Map<number, Directive[]>();
  if (!mayHaveDirectives(text)) return { directives, byLine };
  for (const comment of scanComments(text).comments) {
    for (const d of parseDirectives(comment, (code) => isKnownCode(code, catalog))) {
      directives.push(d);
      const list = byLine.get(d.line);
      if (list) list.push(d);
      else byLine.set(d.line, [d]);
    }
  }
  return { directives, byLine };
}

/** The directives on the lines of a finding's node that silence it. */
export function coveringDirectives(f: Finding, file: FileDirectives): Directive[] {
  const out: Directive[] = [];
  const [first, last] = f.nodeLines;
  if (last - first + 1 < file.byLine.size) {
    for (let l = first; l <= last; l++) for (const d of file.byLine.get(l) ?? []) if (directiveCovers(d, f.code)) out.push(d);
  } else {
    for (const [l, list] of file.byLine) if (l >= first && l <= last) for (const d of list) if (directiveCovers(d, f.code)) out.push(d);
  }
  return out;
}

export function applySuppressions(findings: Finding[], text: string, config: AnalysisConfig, catalog: RuleCatalog): Finding[] {
  const file = readDirectives(text, catalog);
  if (file.directives.length === 0) return [...findings];
  /** For each nosec directive, the codes of the findings it silences. */
  const silenced = new Map<NosecDirective, Set<string>>();
  const out: Finding[] = [];
  for (const f of findings) {
    const covering = coveringDirectives(f, file);
    for (const d of covering) {
      if (d.kind !== 'nosec') continue;
      // Recorded under the code the comment names (B615 for an ML101 finding silenced by `# nosec B615`).
      const code = coveringCode(d, f.code) ?? f.code;
      const set = silenced.get(d);
      if (set) set.add(code);
      else silenced.set(d, new Set([code]));
    }
    if (covering.length === 0) out.push(f);
    else if (config.ignoreSuppressions) out.push({ ...f, suppressedBy: covering[0].text });
  }
  const lines = text.split(/\r\n|\r|\n/);
  for (const d of file.directives) {
    if (d.kind !== 'nosec') continue;
    out.push(...hygieneFindings(d, silenced.get(d) ?? new Set(), lines[d.line] ?? '', config, catalog));
  }
  return out;
}
