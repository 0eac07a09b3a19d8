// Applying fixes to a text without an editor: the CLI's --fix, fix-all code actions and the tests.
// Positions are LSP positions (zero-based line, UTF-16 column). Lines are counted at `\n`, as
// tree-sitter counts the rows the findings' ranges come from (a CRLF line ends at its `\n` too).
import type { Tree } from 'web-tree-sitter';
import { Fix, Finding, Position, TextEdit, comparePositions } from '../analysis/types';
import { parsePython } from '../analysis/parser';

/** String index of an LSP position; a column past the end of its line clamps to the line end. */
export function offsetAt(text: string, position: Position): number {
  let index = 0;
  for (let line = 0; line < position.line; line++) {
    const nl = text.indexOf('\n', index);
    if (nl < 0) return text.length;
    index = nl + 1;
  }
  const nl = text.indexOf('\n', index);
  const lineEnd = nl < 0 ? text.length : nl;
  return Math.min(index + Math.max(0, position.character), lineEnd);
}

function byStart(a: TextEdit, b: TextEdit): number {
  return comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end);
}

/**
 * Whether two edits conflict: their ranges overlap, or both insert at the same point (the result
 * would depend on their order). Edits that merely touch do not conflict.
 */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  const [first, second] = byStart(a, b) <= 0 ? [a, b] : [b, a];
  const cmp = comparePositions(second.range.start, first.range.end);
  if (cmp < 0) return true;
  if (cmp > 0) return false;
  // second starts where first ends: a conflict only when both are insertions at that one point,
  // or an insertion sits exactly at the start of a replacement of the same start.
  const firstEmpty = comparePositions(first.range.start, first.range.end) === 0;
  const secondEmpty = comparePositions(second.range.start, second.range.end) === 0;
  return comparePositions(first.range.start, second.range.start) === 0 && (firstEmpty || secondEmpty);
}

/** Applies non-overlapping edits (all against `text`). Throws if two of them overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((x, y) => byStart(x.e, y.e) || x.i - y.i);
  for (let k = 1; k < sorted.length; k++) {
    if (editsOverlap(sorted[k - 1].e, sorted[k].e)) throw new Error('mlsec: overlapping text edits');
  }
  let out = '';
  let cursor = 0;
  for (const { e } of sorted) {
    const start = offsetAt(text, e.range.start);
    const end = offsetAt(text, e.range.end);
    out += text.slice(cursor, start) + e.newText;
    cursor = Math.max(cursor, end);
  }
  return out + text.slice(cursor);
}

/**
 * Snippet syntax → the text a client without snippet support should insert: `${1:COMMIT_SHA}` →
 * `COMMIT_SHA`, `${1|a,b|}` → `a`, `$1` / `${2}` / `$0` → nothing, `\$` `\}` `\\` → the character.
 */
export function snippetToPlain(snippet: string): string {
  let out = '';
  let i = 0;
  const readUntilClose = (): string => {
    // Inside `${n:...}`: the placeholder text, which may itself hold snippet syntax.
    let depth = 0;
    let inner = '';
    while (i < snippet.length) {
      const ch = snippet[i];
      if (ch === '\\' && i + 1 < snippet.length) {
        inner += ch + snippet[i + 1];
        i += 2;
        continue;
      }
      if (ch === '$' && snippet[i + 1] === '{') depth++;
      if (ch === '}') {
        if (depth === 0) {
          i++;
          return inner;
        }
        depth--;
      }
      inner += ch;
      i++;
    }
    return inner;
  };
  while (i < snippet.length) {
    const ch = snippet[i];
    if (ch === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1])) {
      out += snippet[i + 1];
      i += 2;
      continue;
    }
    if (ch === '$') {
      const simple = /^\$(\d+)/.exec(snippet.slice(i));
      if (simple) {
        i += simple[0].length;
        continue;
      }
      const braced = /^\$\{(\d+)(:|\||\})/.exec(snippet.slice(i));
      if (braced) {
        i += braced[0].length;
        if (braced[2] === '}') continue;
        if (braced[2] === ':') {
          out += snippetToPlain(readUntilClose());
          continue;
        }
        const choice = readUntilClose(); // `a,b|`
        out += choice.replace(/\|$/, '').split(',')[0];
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** A fix's edits as plain text edits (snippet syntax resolved to its placeholders). */
export function plainEdits(fix: Fix): TextEdit[] {
  return fix.snippet ? fix.edits.map((e) => ({ range: e.range, newText: snippetToPlain(e.newText) })) : fix.edits;
}

/** Number of ERROR and MISSING nodes in a tree: how broken the text is. */
export function syntaxErrorCount(tree: Tree): number {
  if (!tree.rootNode.hasError) return 0;
  let count = 0;
  const cursor = tree.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) count++;
      // Only subtrees with errors are worth entering.
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return count;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Syntax error count of a text (loadPython() must have resolved). */
export function textSyntaxErrors(text: string): number {
  const tree = parsePython(text);
  try {
    return syntaxErrorCount(tree);
  } finally {
    tree.delete();
  }
}

export interface CandidateFix {
  finding: Finding;
  fix: Fix;
}

export interface MergeOptions {
  /** Also take unsafe fixes (the CLI's --unsafe-fixes; a per-code fix-all the user picked). */
  unsafe: boolean;
  /** Take snippet fixes with their placeholders as plain text (never for files on disk). */
  snippets?: boolean;
}

/**
 * The fixes that can be applied together: each finding's first eligible fix, safe ones only unless
 * `unsafe`, in position order; a fix whose edits overlap an edit already taken is dropped whole.
 */
export function mergeFixes(findings: readonly Finding[], options: MergeOptions): CandidateFix[] {
  const candidates: CandidateFix[] = [];
  for (const finding of findings) {
    if (finding.suppressedBy) continue;
    const fix = finding.fixes.find((f) => f.edits.length > 0 && (options.unsafe || f.safety === 'safe') && (options.snippets || !f.snippet));
    if (fix) candidates.push({ finding, fix });
  }
  const firstEdit = (c: CandidateFix): TextEdit => [...c.fix.edits].sort(byStart)[0];
  candidates.sort((a, b) =>
    byStart(firstEdit(a), firstEdit(b)) ||
    (a.finding.code < b.finding.code ? -1 : a.finding.code > b.finding.code ? 1 : 0) ||
    (a.fix.title < b.fix.title ? -1 : a.fix.title > b.fix.title ? 1 : 0));
  const taken: TextEdit[] = [];
  const accepted: CandidateFix[] = [];
  for (const c of candidates) {
    const edits = plainEdits(c.fix);
    const selfOverlap = edits.some((e, i) => edits.some((o, j) => j > i && editsOverlap(e, o)));
    if (selfOverlap || edits.some((e) => taken.some((t) => editsOverlap(e, t)))) continue;
    taken.push(...edits);
    accepted.push(c);
  }
  return accepted;
}

export interface AppliedFixes {
  text: string;
  applied: CandidateFix[];
  /** Fixes left out because the text would no longer parse (or would parse worse). */
  refused: CandidateFix[];
}

/**
 * Applies merged fixes to `text`, refusing any fix whose result has more syntax errors than the
 * text had: a quick fix never leaves a file that no longer parses. All fixes are tried together
 * first; only when that result is worse is each fix checked on its own.
 */
export function applyFixesChecked(text: string, fixes: readonly CandidateFix[], baseErrors = textSyntaxErrors(text)): AppliedFixes {
  if (fixes.length === 0) return { text, applied: [], refused: [] };
  const all = applyEdits(text, fixes.flatMap((c) => plainEdits(c.fix)));
  if (textSyntaxErrors(all) <= baseErrors) return { text: all, applied: [...fixes], refused: [] };
  const applied: CandidateFix[] = [];
  const refused: CandidateFix[] = [];
  for (const c of fixes) {
    const trial = applyEdits(text, [...applied, c].flatMap((a) => plainEdits(a.fix)));
    if (textSyntaxErrors(trial) <= baseErrors) applied.push(c);
    else refused.push(c);
  }
  return { text: applyEdits(text, applied.flatMap((a) => plainEdits(a.fix))), applied, refused };
}

/** Whether one fix, applied alone, keeps the text parsing as well as before. */
export function fixKeepsSyntax(text: string, fix: Fix, baseErrors = textSyntaxErrors(text)): boolean {
  try {
    return textSyntaxErrors(applyEdits(text, plainEdits(fix))) <= baseErrors;
  } catch {
    return false; // overlapping edits within the fix
  }
}
