// Parses suppression directives out of real comments (see comments.ts):
//
//   # nosec                       blanket: every check on the line
//   # nosec B602, B607            codes (`:` after nosec allowed, spaces or commas between codes)
//   # nosec pickle                a Bandit test name stands for its ID (B301)
//   # nosec B614 # our own files  the justification is the text after a second `#`
//   # noqa: S602                  Ruff's flake8-bandit codes: S602 means B602
//
// Besides what a directive means for mlsec, the parser records where Bandit reads it differently
// (`B602,B607` without a space keeps only B607; prose after the codes is read as test names;
// lower-case and unknown codes are dropped, which makes the comment blanket): ML903 reports those.
import { banditIdForName, banditParentOf, BANDIT_TEST_IDS } from '../config/banditTests';
import type { SourceComment } from './comments';

export interface CodeToken {
  /** As written. */
  text: string;
  /** The test ID it stands for (upper-cased code, or the ID of a Bandit test name). */
  code: string;
  kind: 'id' | 'name' | 'unknown';
  /** UTF-16 columns on the directive's line. */
  start: number;
  end: number;
}

export interface NosecDirective {
  kind: 'nosec';
  line: number;
  /** Column of the directive's `#`. */
  start: number;
  /** Column just after the comment's last non-blank character. */
  end: number;
  codes: CodeToken[];
  /** No code at all: silences every check on the line. */
  blanket: boolean;
  /** Words after the codes that are not behind a `#` (Bandit reads them as test names). */
  prose?: string;
  /** Text after the second `#`, trimmed; undefined when absent or empty. */
  justification?: string;
  /** How Bandit reads this comment differently from what it says (ML903), empty when well-formed. */
  problems: string[];
  /** The directive as written, for `suppressedBy`. */
  text: string;
}

export interface NoqaDirective {
  kind: 'noqa';
  line: number;
  start: number;
  /** The B-codes its S-codes stand for. A blanket `# noqa` is not an mlsec suppression. */
  codes: string[];
  text: string;
}

export type Directive = NosecDirective | NoqaDirective;

// Bandit requires lower case; so do we. Bandit also reads a word glued to `nosec` (`# noseclike`,
// `# nosecB602`) as the start of its test list — `like` is no test, which leaves the list empty: a
// blanket nosec. We read glued forms as Bandit does and report them (ML903).
const NOSEC = /#\s*nosec/;
const NOQA = /#\s*noqa(?![A-Za-z0-9_])(?::\s*([A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*))?/i;
const CODE_LIKE = /^[A-Za-z]{1,3}[0-9]{3,4}$/;
/** Punctuation Bandit's test list stops at without losing the code before it (`B614:`, `B614.`). */
const AFTER_CODE = /^([A-Za-z]{1,3}[0-9]{3,4})[:;.]$/;
const TOKEN = /[^\s,]+/g;

/** Whether `code` names a check someone knows: one of ours or one of Bandit's. */
export type KnownCode = (code: string) => boolean;

export function isBanditCode(code: string): boolean {
  return BANDIT_TEST_IDS.has(code);
}

function parseNosec(comment: SourceComment, known: KnownCode): NosecDirective | undefined {
  const m = NOSEC.exec(comment.text);
  if (!m) return undefined;
  const at = m.index;
  let bodyStart = at + m[0].length;
  const glued = /^[A-Za-z0-9_]/.test(comment.text.slice(bodyStart));
  if (comment.text[bodyStart] === ':') bodyStart++;
  const hash = comment.text.indexOf('#', bodyStart);
  const bodyEnd = hash === -1 ? comment.text.length : hash;
  const body = comment.text.slice(bodyStart, bodyEnd);
  const justification = hash === -1 ? undefined : comment.text.slice(hash + 1).trim() || undefined;
  const trimmedEnd = comment.text.trimEnd().length;

  const codes: CodeToken[] = [];
  const problems: string[] = [];
  if (glued) problems.push(`no space after \`nosec\` in '${comment.text.slice(at).trim()}' (Bandit reads the glued word as a test name)`);
  let prose: string | undefined;
  for (const t of body.matchAll(TOKEN)) {
    let word = t[0];
    const punctuated = AFTER_CODE.exec(word);
    if (punctuated) {
      // `B614: reason` — Bandit keeps B614 and reads the words after it as test names.
      word = punctuated[1];
      problems.push(`'${t[0]}': punctuation after a code; put the reason after a second '#'`);
    }
    const start = comment.start + bodyStart + (t.index ?? 0);
    const end = start + word.length;
    const after = body[(t.index ?? 0) + word.length];
    const next = body[(t.index ?? 0) + word.length + 1];
    let token: CodeToken | undefined;
    if (CODE_LIKE.test(word)) {
      const code = word.toUpperCase();
      if (word !== code) problems.push(`lower-case code '${word}' (Bandit does not recognise it)`);
      const isKnown = known(code);
      if (!isKnown) problems.push(`unknown code '${word}'`);
      token = { text: word, code, kind: isKnown ? 'id' : 'unknown', start, end };
    } else {
      const id = banditIdForName(word);
      if (id) token = { text: word, code: id, kind: 'name', start, end };
    }
    if (!token) {
      prose = body.slice(t.index).trim();
      problems.push("text after the codes without a '#' (Bandit reads each word as a test name)");
      break;
    }
    codes.push(token);
    if (after === ',' && next !== undefined && !/\s/.test(next)) {
      problems.push(`no space after the comma in '${body.trim()}' (Bandit keeps only the last code)`);
    }
  }
  return {
    kind: 'nosec',
    line: comment.line,
    start: comment.start + at,
    end: comment.start + trimmedEnd,
    codes,
    blanket: codes.length === 0,
    prose,
    justification,
    problems: [...new Set(problems)],
    text: comment.text.slice(at, trimmedEnd),
  };
}

function parseNoqa(comment: SourceComment): NoqaDirective | undefined {
  const m = NOQA.exec(comment.text);
  if (!m || !m[1]) return undefined;
  const codes = m[1]
    .split(/[\s,]+/)
    .map((c) => c.toUpperCase())
    .filter((c) => /^S[0-9]{3}$/.test(c))
    .map((c) => `B${c.slice(1)}`);
  if (codes.length === 0) return undefined;
  return { kind: 'noqa', line: comment.line, start: comment.start + m.index, codes, text: m[0].trim() };
}

/** The suppression directives in one comment (a comment may carry both a nosec and a noqa). */
export function parseDirectives(comment: SourceComment, known: KnownCode): Directive[] {
  const out: Directive[] = [];
  const nosec = comment.text.includes('nosec') ? parseNosec(comment, known) : undefined;
  if (nosec) out.push(nosec);
  const noqa = /noqa/i.test(comment.text) ? parseNoqa(comment) : undefined;
  if (noqa) out.push(noqa);
  return out;
}

/**
 * The code by which a directive silences a finding with `code`, or undefined when it does not: the
 * code itself, the Bandit test ID Bandit reports that finding under (`# nosec B615` silences ML101),
 * or for a blanket nosec the code a rewrite should name (the Bandit ID when there is one).
 */
export function coveringCode(d: Directive, code: string): string | undefined {
  const parent = banditParentOf(code);
  if (d.kind === 'noqa') return d.codes.includes(code) ? code : parent && d.codes.includes(parent) ? parent : undefined;
  if (d.blanket) return parent ?? code;
  if (d.codes.some((c) => c.code === code)) return code;
  return parent && d.codes.some((c) => c.code === parent) ? parent : undefined;
}

/** Whether a directive silences a finding with `code`. */
export function directiveCovers(d: Directive, code: string): boolean {
  return coveringCode(d, code) !== undefined;
}
