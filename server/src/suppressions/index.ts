// Suppression comments. This first version understands `# nosec` and `# nosec CODE[, CODE]` on any
// line of the flagged node; the full grammar and the hygiene rules live in the suppressions issue.
import type { Finding } from '../analysis/types';
import type { AnalysisConfig } from '../config/analysisConfig';

const NOSEC = /#\s*nosec\b([^#\n]*)/;

function lineSuppression(line: string): { codes: string[] | 'all' } | undefined {
  const m = NOSEC.exec(line);
  if (!m) return undefined;
  const codes = m[1].split(/[\s,:]+/).filter((c) => /^B\d{3}$|^ML\d{3}$/.test(c));
  return { codes: codes.length === 0 ? 'all' : codes };
}

export function applySuppressions(findings: Finding[], text: string, config: AnalysisConfig): Finding[] {
  if (findings.length === 0 || !text.includes('nosec')) return findings;
  const lines = text.split(/\r\n|\r|\n/);
  const out: Finding[] = [];
  for (const f of findings) {
    let silenced = false;
    for (let l = f.nodeLines[0]; l <= f.nodeLines[1] && !silenced; l++) {
      const s = lineSuppression(lines[l] ?? '');
      if (s && (s.codes === 'all' || s.codes.includes(f.code))) silenced = true;
    }
    if (!silenced) out.push(f);
    else if (config.ignoreSuppressions) out.push({ ...f, suppressedBy: 'nosec' });
  }
  return out;
}
