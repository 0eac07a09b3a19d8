// `path:line:col: CODE message` (`path:cell N:line:col:` in notebooks), coloured on a terminal, then a summary line.
import * as path from 'path';
import type { FileResult } from '../../workspace/scanner';
import type { Severity } from '../../analysis/types';

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[90m' };
const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

/**
 * Control characters (newlines, ANSI escapes, C1 codes, the Unicode line and paragraph separators)
 * written as escapes, so that a hostile file name or message cannot forge report lines or drive the
 * terminal.
 */
export function escapeControl(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** displayPath, escaped for a terminal or a line-oriented report. */
export function shownPath(file: string, cwd: string): string {
  return escapeControl(displayPath(file, cwd));
}

export function formatText(results: FileResult[], cwd: string, color: boolean): string {
  const c = (code: string, s: string) => (color ? `${code}${s}${RESET}` : s);
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let filesWithFindings = 0;
  for (const r of results) {
    if (r.findings.length > 0) filesWithFindings++;
    for (const f of r.findings) {
      counts[f.severity]++;
      // Notebooks name the cell as Ruff does: `nb.ipynb:cell 3:2:5:` (1-based, every cell counted).
      const cell = f.cell !== undefined ? `cell ${f.cell + 1}:` : '';
      const where = `${shownPath(r.file, cwd)}:${cell}${f.range.start.line + 1}:${f.range.start.character + 1}:`;
      const suppressed = f.suppressedBy ? c(DIM, ` [suppressed by ${f.suppressedBy}]`) : '';
      const conf = f.confidence !== 'high' ? c(DIM, ` (${f.confidence} confidence)`) : '';
      lines.push(`${c(BOLD, where)} ${c(COLORS[f.severity], f.code)} ${escapeControl(f.message)}${conf}${suppressed}`);
    }
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const parts = (Object.keys(counts) as Severity[]).filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}${counts[k] === 1 || k === 'information' ? '' : 's'}`);
  const scanned = results.length;
  const skipped = results.filter((r) => r.skipped).length;
  const skippedText = skipped > 0 ? `, ${skipped} skipped` : '';
  if (total === 0) {
    lines.push(c('\x1b[32m', `No problems found in ${scanned} file${scanned === 1 ? '' : 's'}${skippedText}.`));
  } else {
    if (lines.length > 0) lines.push('');
    lines.push(`Found ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${filesWithFindings} of ${scanned} file${scanned === 1 ? '' : 's'}${skippedText}.`);
  }
  return lines.join('\n') + '\n';
}
