// GitLab Code Quality (a subset of the Code Climate format): a JSON array of issues that GitLab shows
// in the merge-request widget and the diff. Fingerprints are stable across line moves (see
// fingerprint.ts), so moving code does not report a finding as fixed and new.
import type { FileResult } from '../../workspace/scanner';
import type { Severity } from '../../analysis/types';
import { displayPath } from './text';
import { fingerprintsOf } from './fingerprint';

export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';
/** `blocker` is left for nothing: no single finding stops the world. */
export const GITLAB_SEVERITY: Record<Severity, GitlabSeverity> = { error: 'critical', warning: 'major', information: 'minor', hint: 'info' };

export interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: GitlabSeverity;
  location: { path: string; lines: { begin: number } };
}

export function gitlabIssues(results: FileResult[], cwd: string): GitlabIssue[] {
  const issues: GitlabIssue[] = [];
  for (const r of results) {
    const file = displayPath(r.file, cwd);
    const fingerprints = fingerprintsOf(r, file);
    r.findings.forEach((f, i) => {
      issues.push({
        description: `${f.code}: ${f.message}${f.suppressedBy ? ` [suppressed by ${f.suppressedBy}]` : ''}`,
        check_name: f.code,
        fingerprint: fingerprints[i],
        // A suppressed finding (audit mode) does not fail the run: shown as info.
        severity: f.suppressedBy ? 'info' : GITLAB_SEVERITY[f.severity],
        // A notebook's finding: the line of its code in the .ipynb file.
        location: { path: file, lines: { begin: (f.fileRange ?? f.range).start.line + 1 } },
      });
    });
  }
  return issues;
}

export function formatGitlab(results: FileResult[], cwd: string): string {
  return JSON.stringify(gitlabIssues(results, cwd), null, 2) + '\n';
}
