// GitHub Actions workflow commands: each finding becomes an `::error`, `::warning` or `::notice`
// line, which GitHub shows as an annotation on the pull request's diff without any upload.
// Escaping follows GitHub's rules for workflow commands: in the message `%`, CR and LF are
// percent-encoded; in properties `:` and `,` are too, since they delimit the command.
import type { FileResult } from '../../workspace/scanner';
import type { Severity } from '../../analysis/types';
import { displayPath } from './text';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(results: FileResult[], cwd: string): string {
  let out = '';
  for (const r of results) {
    const file = displayPath(r.file, cwd);
    for (const f of r.findings) {
      // A notebook's finding is annotated where its code is in the .ipynb file (the cell is in the message).
      const at = f.fileRange ?? f.range;
      const props = [
        `file=${escapeProperty(file)}`,
        `line=${at.start.line + 1}`,
        `col=${at.start.character + 1}`,
        `endLine=${at.end.line + 1}`,
        `endColumn=${at.end.character + 1}`,
        `title=${escapeProperty(`${f.code} (${f.name})`)}`,
      ].join(',');
      // A suppressed finding (audit mode) does not fail the run, so it is only a notice.
      const command = f.suppressedBy ? 'notice' : COMMAND[f.severity];
      const suffix = f.suppressedBy ? ` [suppressed by ${f.suppressedBy}]` : '';
      const cell = f.cell !== undefined ? ` (cell ${f.cell + 1}, line ${f.range.start.line + 1})` : '';
      out += `::${command} ${props}::${escapeData(`${f.message}${cell}${suffix}`)}\n`;
    }
  }
  return out;
}
