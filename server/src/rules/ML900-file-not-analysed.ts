// ML900: a file mlsec was asked to analyse but did not (too large, not text, over its time limit, a
// worker crash, a link out of the scanned root…). It is a finding, not a log line, so that nothing in
// a repository can hide findings by making a file unanalysable: CI fails on it and SARIF shows it.
// Produced where a file is skipped (CLI report, workspace scan, editor diagnostics) through
// `notAnalysedFinding`; `check` is inert like the suppression-hygiene rules'.
import type { Finding } from '../analysis/types';
import { defineRule } from './rule';

export const NOT_ANALYSED_CODE = 'ML900';

export default defineRule({
  code: NOT_ANALYSED_CODE,
  name: 'file-not-analysed',
  summary: 'a file mlsec was asked to analyse and did not (too large, binary, over its time limit, …)',
  severity: 'error',
  confidence: 'high',
  cwe: 1059,
  fix: 'none',
  fixSafety: 'none',
  match: {},
  docs: {
    whatItDoes:
      'Reports a file that mlsec was asked to analyse and did not: larger than the size limit, binary or not decodable, over its parse or analysis time limit, a special file, a link that leaves the scanned folder, or a file whose analysis crashed. The message gives the reason.',
    whyBad:
      'A file that is not analysed may hold any of the problems the other rules look for. A hostile repository could otherwise hide code from the scan just by making a file too large or too slow to analyse; reporting the file as a finding makes CI fail and shows it in code scanning instead of a line on stderr.',
    example: '# a generated 12 MB module, or a 6,000-line alias chain that exceeds the analysis time limit',
    useInstead: '# split or exclude the file deliberately (exclude = ["generated/**"] in [tool.mlsec]),\n# or raise the limit if the file is yours and trusted',
    fixSafety: 'No fix.',
    options: 'Select or ignore the code like any other (`ignore = ["ML900"]`): ignoring it is a visible decision in your configuration.',
    references: ['https://cwe.mitre.org/data/definitions/1059.html'],
  },
  check() {
    // Inert: the finding is made where a file is skipped (see the header comment).
  },
});

/** The ML900 finding for a file that was not analysed, on its first line. */
export function notAnalysedFinding(reason: string): Finding {
  return firstLineFinding(`file not analysed: ${reason}`, 0);
}

/**
 * The ML900 finding for a file on which one rule threw: the other rules' findings are reported, but
 * that rule was stopped for the whole file, so its findings there may be missing. On the first line
 * like every ML900; `nodeLines` is the row where the rule failed (the editor re-checks that statement).
 */
export function ruleFailedFinding(code: string, row: number, error: unknown): Finding {
  const why = String((error as Error)?.message ?? error)
    .split(/\r?\n/)[0]
    .slice(0, 200);
  return { ...firstLineFinding(`file not fully analysed: rule ${code} failed at line ${row + 1} (${why}); its findings in this file may be missing`, row), data: { failedRule: code, why } };
}

/** A rule failure kept through edits (incremental analysis): its message names the line the statement is on now. */
export function ruleFailedNow(f: Finding): Finding {
  const code = f.data?.failedRule;
  const why = f.data?.why;
  return typeof code === 'string' && typeof why === 'string' ? ruleFailedFinding(code, f.nodeLines[0], why) : f;
}

function firstLineFinding(message: string, row: number): Finding {
  return {
    code: NOT_ANALYSED_CODE,
    name: 'file-not-analysed',
    message,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    nodeLines: [row, row],
    severity: 'error',
    confidence: 'high',
    cwe: 1059,
    fixes: [],
  };
}
