// Applying fixes to a text without an editor: the CLI's --fix, fix-all code actions and the tests.
// Positions are LSP positions (zero-based line, UTF-16 column). Lines end at `\n`, `\r\n` or a lone
// `\r`, as in LSP; tree-sitter rows are the same lines (see lineIndex.ts).
import { Edit, Tree } from 'web-tree-sitter';
import { Fix, Finding, Position, TextEdit, comparePositions } from '../analysis/types';
import { parsePython } from '../analysis/parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, hasLoneCarriageReturn, treeEditSpan } from '../analysis/lineIndex';

/** String index of an LSP position in an indexed text; a column past the line's end clamps to it. */
export function offsetIn(lines: LineIndex, position: Position): number {
  if (position.line >= lines.lineCount) return lines.text.length;
  const start = lines.offsetAt({ row: Math.max(0, position.line), column: 0 });
  let end = position.line + 1 < lines.lineCount ? lines.offsetAt({ row: position.line + 1, column: 0 }) - 1 : lines.text.length;
  if (end > start && lines.text.charCodeAt(end) === 10 && lines.text.charCodeAt(end - 1) === 13) end--; // before a CRLF's \r
  return Math.min(start + Math.max(0, position.character), end);
}

/** String index of an LSP position; a column past the end of its line clamps to the line end. */
export function offsetAt(text: string, position: Position): number {
  return offsetIn(new LineIndex(text), position);
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
export function applyEdits(text: string, edits: readonly TextEdit[], lines?: LineIndex): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((x, y) => byStart(x.e, y.e) || x.i - y.i);
  for (let k = 1; k < sorted.length; k++) {
    if (editsOverlap(sorted[k - 1].e, sorted[k].e)) throw new Error('mlsec: overlapping text edits');
  }
  const index = lines ?? new LineIndex(text);
  let out = '';
  let cursor = 0;
  for (const { e } of sorted) {
    const start = offsetIn(index, e.range.start);
    const end = offsetIn(index, e.range.end);
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

/** Syntax error count of a text, from a fresh parse (loadPython() must have resolved). */
export function textSyntaxErrors(text: string): number {
  const tree = parsePython(text);
  try {
    return syntaxErrorCount(tree);
  } finally {
    tree.delete();
  }
}

/**
 * Checks candidate edits of one text against its syntax. `incremental` guards reuse the text's tree
 * (copy, `edit`, re-parse), so checking a fix in a large file costs a fraction of a fresh parse: the
 * editor asks for code actions on every cursor move. Guards for files on disk parse afresh, so the
 * verdict cannot depend on incremental error recovery. Call `dispose()` when done.
 */
export class SyntaxGuard {
  readonly baseErrors: number;
  private tree: Tree | undefined;
  private readonly lines: LineIndex;
  /**
   * Set when edits arrive in LSP positions and the text has a lone `\r`. Since tree-sitter is handed
   * each lone `\r` as `\n` (lineIndex.ts), its rows are LSP lines and the conversion maps each
   * position to itself; it stays as the one place where the two would be reconciled.
   */
  private readonly lsp: TextDocument | undefined;

  /**
   * `positions`: 'tree-sitter' for findings straight from analysis, 'lsp' for findings the language
   * server sent as LSP positions (the same lines: a lone `\r` ends a row for both).
   */
  /**
   * `tree`: a parse of exactly `text` the caller already holds (the document store's); the guard
   * works on a copy and never changes or frees it. Without it, an incremental guard parses `text` once.
   */
  constructor(readonly text: string, incremental: boolean, positions: 'tree-sitter' | 'lsp' = 'tree-sitter', tree?: Tree) {
    this.lines = new LineIndex(text);
    if (positions === 'lsp' && hasLoneCarriageReturn(text)) this.lsp = TextDocument.create('mlsec:guard', 'python', 0, text);
    if (incremental) {
      this.tree = tree ? tree.copy() : parsePython(text);
      this.baseErrors = syntaxErrorCount(this.tree);
    } else {
      this.baseErrors = textSyntaxErrors(text);
    }
  }

  /** Syntax errors of the text after `edits` (plain text edits against the guard's text). */
  errorsAfter(edits: readonly TextEdit[]): number {
    edits = this.toRows(edits);
    const after = applyEdits(this.text, edits, this.lines);
    if (!this.tree) return textSyntaxErrors(after);
    const copy = this.tree.copy();
    try {
      // Last edit first: each edit's old offsets are then still those of the original text.
      for (const e of [...edits].sort(byStart).reverse()) copy.edit(this.treeEdit(e));
      const next = parsePython(after, copy);
      try {
        return syntaxErrorCount(next);
      } finally {
        next.delete();
      }
    } finally {
      copy.delete();
    }
  }

  /** Whether the edits leave the text parsing no worse than before; false for overlapping edits. */
  keeps(edits: readonly TextEdit[]): boolean {
    try {
      return this.errorsAfter(edits) <= this.baseErrors;
    } catch {
      return false;
    }
  }

  /** Edits in LSP positions → the same edits in tree-sitter rows (only differs with a lone `\r`). */
  private toRows(edits: readonly TextEdit[]): readonly TextEdit[] {
    const doc = this.lsp;
    if (!doc) return edits;
    const at = (p: Position): Position => {
      const point = this.lines.pointAt(doc.offsetAt(p));
      return { line: point.row, character: point.column };
    };
    return edits.map((e) => ({ range: { start: at(e.range.start), end: at(e.range.end) }, newText: e.newText }));
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
  }

  private treeEdit(e: TextEdit): Edit {
    return new Edit(treeEditSpan(this.lines, offsetIn(this.lines, e.range.start), offsetIn(this.lines, e.range.end), e.newText));
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

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.newText === b.newText && comparePositions(a.range.start, b.range.start) === 0 && comparePositions(a.range.end, b.range.end) === 0;
}

/**
 * The edits of fixes applied together, in plain text. An edit two fixes share (both B602 fixes add
 * the same `import shlex` line) is applied once.
 */
export function combinedEdits(fixes: readonly CandidateFix[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const c of fixes) {
    for (const e of plainEdits(c.fix)) if (!out.some((o) => sameEdit(o, e))) out.push(e);
  }
  return out;
}

/**
 * The fixes that can be applied together: each finding's first eligible fix, safe ones only unless
 * `unsafe`, in position order; a fix whose edits overlap an edit already taken is dropped whole
 * (an identical edit is shared, not a conflict).
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
    if (selfOverlap || edits.some((e) => taken.some((t) => !sameEdit(e, t) && editsOverlap(e, t)))) continue;
    taken.push(...edits.filter((e) => !taken.some((t) => sameEdit(e, t))));
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
 * first; only when that result is worse is each fix checked on its own. Without a guard, fresh
 * parses decide.
 */
export function applyFixesChecked(text: string, fixes: readonly CandidateFix[], guard?: SyntaxGuard): AppliedFixes {
  if (fixes.length === 0) return { text, applied: [], refused: [] };
  const own = guard ?? new SyntaxGuard(text, false);
  try {
    const editsOf = combinedEdits;
    if (own.keeps(editsOf(fixes))) return { text: applyEdits(text, editsOf(fixes)), applied: [...fixes], refused: [] };
    const applied: CandidateFix[] = [];
    const refused: CandidateFix[] = [];
    for (const c of fixes) {
      if (own.keeps(editsOf([...applied, c]))) applied.push(c);
      else refused.push(c);
    }
    return { text: applyEdits(text, editsOf(applied)), applied, refused };
  } finally {
    if (!guard) own.dispose();
  }
}

/** Whether one fix, applied alone, keeps the text parsing as well as before (fresh parses). */
export function fixKeepsSyntax(text: string, fix: Fix): boolean {
  const guard = new SyntaxGuard(text, false);
  try {
    return guard.keeps(plainEdits(fix));
  } finally {
    guard.dispose();
  }
}
