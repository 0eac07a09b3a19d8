// Stand-in for the suppressions work's `suppressionEdit` (server/src/fixes/suppressionComment.ts),
// with the same signature, so the code actions can offer "Suppress … with a justification" before
// that lands. It writes the canonical form `# nosec CODE # <reason>` at the end of the finding's
// first line, or adds the code to a `# nosec` already there.
import type { Finding, TextEdit } from '../analysis/types';

export const REASON_PLACEHOLDER = 'reason: explain why this is safe';

export function suppressionEdit(text: string, finding: Finding, snippet: boolean): TextEdit {
  const line = finding.range.start.line;
  let start = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    start = nl + 1;
  }
  const nl = text.indexOf('\n', start);
  const lineText = text.slice(start, nl < 0 ? text.length : nl).replace(/\r$/, '');
  const reason = snippet ? `\${1:${REASON_PLACEHOLDER}}` : REASON_PLACEHOLDER;
  const existing = /#\s*nosec\b([^#]*)/.exec(lineText);
  if (existing) {
    // `# nosec B602` → `# nosec B602, B614`; the justification after a second `#` is kept.
    const codesEnd = existing.index + existing[0].length - (existing[1].length - existing[1].trimEnd().length);
    const codes = existing[1].trim();
    const insert = codes.length > 0 ? `, ${finding.code}` : ` ${finding.code}`;
    const at = { line, character: codesEnd };
    const hasReason = lineText.slice(existing.index + existing[0].length).startsWith('#');
    return { range: { start: at, end: at }, newText: hasReason ? insert : `${insert} # ${reason}` };
  }
  const at = { line, character: lineText.length };
  return { range: { start: at, end: at }, newText: `  # nosec ${finding.code} # ${reason}` };
}
