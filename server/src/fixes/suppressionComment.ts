// The "disable for this line" edit: writes `# nosec CODE # reason` for a finding, in the one form
// both mlsec and Bandit read safely.
import type { Finding, TextEdit } from '../analysis/types';
import { scanComments } from '../suppressions/comments';
import { parseDirectives, NosecDirective } from '../suppressions/parse';
import { canonicalNosec, escapeSnippet, keptJustification, replaceDirective } from '../suppressions/rewrite';

/** Placeholder reason written when the client cannot take a snippet; greppable on purpose. */
export const PLAIN_REASON_PLACEHOLDER = 'TODO: reason';

function lineBounds(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  out.push({ start, end: text.length });
  return out;
}

/**
 * The offset just after the line break that ends the line `lines` lines below the one at `offset` (the
 * text's end if there is none): the lexer needs the break to see a string or a `\` go on past it.
 */
function lineEndAfter(text: string, offset: number, lines: number): number {
  const re = /\r\n|\r|\n/g;
  re.lastIndex = offset;
  for (let m = re.exec(text), n = 0; m; m = re.exec(text), n++) {
    if (n === lines) return m.index + m[0].length;
  }
  return text.length;
}

function codesOf(d: NosecDirective): string[] {
  return d.codes.map((c) => (c.kind === 'unknown' ? c.text : c.code));
}

/**
 * The edit that suppresses `finding` with `# nosec CODE # reason`.
 *
 * - When a `# nosec` already sits on a line of the finding's node, the code is merged into it
 *   (`# nosec B113` → `# nosec B113, B614 # reason`; an existing reason is kept) instead of adding a
 *   second comment.
 * - Otherwise the comment goes at the end of the node's FIRST line: Bandit ≥ 1.7.5 looks on the
 *   issue's line (the node's first line) and then along the node's lines, and mlsec accepts any line
 *   of the node, so the first line works for both. A line that ends inside a string literal or with a
 *   `\` continuation cannot take a comment; the next line of the node that can is used. An existing
 *   other comment on that line (`# type: ignore`) stays first and the nosec is appended after it.
 * - `snippet`: the reason is the LSP snippet placeholder `${1:reason}` (set `Fix.snippet`);
 *   otherwise the plain text `TODO: reason`. Either way the result is a comment, so the file still parses.
 *
 * Reads only `finding.code` and `finding.nodeLines`, so a finding revived from `Diagnostic.data` works.
 * `from`: a line at or before the node's first line that starts outside any string or bracket, and
 * its offset (statements.ts `codeLineStart`); the text is then read from there only, not from the top.
 * Not for the hygiene codes ML901–ML904: a `# nosec` cannot silence them (offer no such action).
 * Returns undefined only when no line of the node can take a comment.
 */
/** `isKnownCode`: the codes of the registry's rules and Bandit's tests (handed down: this layer never reads the registry). */
export function suppressionEdit(
  text: string,
  finding: Pick<Finding, 'code' | 'nodeLines'>,
  snippet: boolean,
  isKnownCode: (code: string) => boolean,
  from?: { line: number; offset: number },
): TextEdit | undefined {
  const [nodeFirst, nodeLast] = finding.nodeLines;
  if (from && from.line <= nodeFirst && from.line > 0) {
    // Only the lines from `from` to the node's last line are read, renumbered from 0.
    const shift = (e: TextEdit | undefined): TextEdit | undefined =>
      e && {
        range: { start: { line: e.range.start.line + from.line, character: e.range.start.character }, end: { line: e.range.end.line + from.line, character: e.range.end.character } },
        newText: e.newText,
      };
    return shift(
      suppressionEdit(
        text.slice(from.offset, lineEndAfter(text, from.offset, nodeLast - from.line)),
        { code: finding.code, nodeLines: [nodeFirst - from.line, nodeLast - from.line] },
        snippet,
        isKnownCode,
      ),
    );
  }
  const reason = snippet ? '${1:reason}' : PLAIN_REASON_PLACEHOLDER;
  const lit = (s: string) => (snippet ? escapeSnippet(s) : s);
  const scan = scanComments(text);
  const [first, last] = finding.nodeLines;
  const commentsOnNode = scan.comments.filter((c) => c.line >= first && c.line <= last);
  for (const comment of commentsOnNode) {
    const nosec = parseDirectives(comment, isKnownCode).find((d): d is NosecDirective => d.kind === 'nosec');
    if (!nosec) continue;
    const codes = [...new Set([...codesOf(nosec), finding.code])];
    const kept = keptJustification(nosec);
    const newText = kept ? lit(canonicalNosec(codes, kept)) : `${lit(canonicalNosec(codes))} # ${reason}`;
    return replaceDirective(nosec, newText);
  }
  const lines = lineBounds(text);
  for (let line = first; line <= last && line < lines.length; line++) {
    if (scan.noCommentLines.has(line)) continue;
    const { start, end } = lines[line];
    const content = text.slice(start, end);
    const trimmed = content.trimEnd().length;
    const hasComment = commentsOnNode.some((c) => c.line === line);
    const newText = `${hasComment ? ' ' : '  '}${lit(canonicalNosec([finding.code]))} # ${reason}`;
    return { range: { start: { line, character: trimmed }, end: { line, character: content.length } }, newText };
  }
  return undefined;
}
