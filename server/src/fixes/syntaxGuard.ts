// The syntax guard: a fix is offered or applied only if the text still parses at least as well
// afterwards. Edits are in LSP positions; tree-sitter rows are the same lines (a lone `\r` ends a
// row for both: see analysis/lineIndex.ts), so an edit's offsets give its tree edit directly.
import { Edit, Node, Tree } from 'web-tree-sitter';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Fix, TextEdit } from '../analysis/types';
import { parsePython } from '../analysis/parser';
import { LineIndex, treeEditSpan } from '../analysis/lineIndex';
import { applyEdits, compareEdits, documentOf } from './offsets';
import { plainEdits } from './snippets';
import { statementAtRow } from './statements';

/** Statements longer than this are not checked on their own (a whole class would cost a parse of its own). */
const LOCAL_ROWS = 200;
/** More edits than this are checked by a fresh parse of the text after them. */
const ONE_TREE_EDIT_ABOVE = 64;
/** Edits in more statements than this are checked by one re-parse of the whole text. */
const LOCAL_STATEMENTS = 8;

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

/**
 * Whether `text` — a `pass`, some statements, a `pass`, all in one block (an `if 1:` block when
 * `indented`) — parses without errors and with both `pass` statements in that one block. The grammar
 * accepts some indentation Python refuses (a dedent to a level never opened), so "no errors" alone
 * would let an edit move the statements after it out of their block.
 */
function parsesBetweenSentinels(text: string, indented: boolean): boolean {
  const tree = parsePython(text);
  try {
    if (tree.rootNode.hasError) return false;
    const statements = (n: Node) => n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    let block: Node | null = tree.rootNode;
    if (indented) {
      const top = statements(tree.rootNode);
      block = top.length === 1 && top[0].type === 'if_statement' ? top[0].childForFieldName('consequence') : null;
    }
    if (!block) return false;
    const inner = statements(block);
    const first = inner[0];
    const last = inner[inner.length - 1];
    return (
      inner.length >= 2 &&
      first.type === 'pass_statement' &&
      last.type === 'pass_statement' &&
      first.startPosition.row === (indented ? 1 : 0) &&
      last.endPosition.row === tree.rootNode.endPosition.row - 1
    );
  } finally {
    tree.delete();
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
  /** The text's errors from a fresh parse, when the base count came from the caller's (incremental) tree. */
  private freshBase: number | undefined;
  private tree: Tree | undefined;
  private readonly doc: TextDocument;
  private lines: LineIndex | undefined;

  /**
   * `tree`: a parse of exactly `text` the caller already holds (the document store's); the guard
   * works on copies and never changes or frees it. Without it, an incremental guard parses `text` once.
   * `lines`: an index of `text` the caller already holds.
   */
  constructor(
    readonly text: string,
    incremental: boolean,
    tree?: Tree,
    lines?: LineIndex,
  ) {
    this.doc = documentOf(text);
    this.lines = lines;
    if (incremental) {
      this.tree = tree ? tree.copy() : parsePython(text);
      this.baseErrors = syntaxErrorCount(this.tree);
    } else {
      this.baseErrors = textSyntaxErrors(text);
    }
  }

  /** Syntax errors of the text after `edits` (plain text edits against the guard's text). */
  errorsAfter(edits: readonly TextEdit[]): number {
    const after = applyEdits(this.text, edits, this.doc);
    // Thousands of edits (a fix-all): each tree edit costs time in proportion to the siblings after
    // it, and one edit over the whole changed span costs ts_tree_edit a walk of everything in it and
    // the parser a re-parse with little to reuse: a fresh parse is cheaper than both.
    if (!this.tree || edits.length > ONE_TREE_EDIT_ABOVE) return textSyntaxErrors(after);
    const copy = this.tree.copy();
    try {
      // Last edit first: each edit's old offsets are then still those of the original text.
      for (const e of [...edits].sort(compareEdits).reverse()) copy.edit(this.treeEdit(e));
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

  /**
   * Whether the edits leave the text parsing no worse than before; false for overlapping edits. An
   * incremental guard first checks the statements the edits touch on their own (keepsLocally): a
   * re-parse of a large file costs ~15 ms however small the edit, a statement's a fraction of one.
   */
  keeps(edits: readonly TextEdit[]): boolean {
    try {
      if (this.tree && this.keepsLocally(edits, this.tree)) return true;
      const after = this.errorsAfter(edits);
      if (after <= this.baseErrors) return true;
      // A fresh parse after the edits is compared with a fresh parse before them (error recovery
      // may count an incremental tree's errors differently).
      if (!this.tree || edits.length <= ONE_TREE_EDIT_ABOVE) return false;
      this.freshBase ??= textSyntaxErrors(this.text);
      return after <= this.freshBase;
    } catch {
      return false;
    }
  }

  /**
   * True when every edit lies in a statement that parses cleanly in the file and, after the edit, still
   * parses cleanly between two statements of its indentation: a Python statement ends at a line break
   * outside brackets and strings, so a statement that is complete there cannot change how the lines
   * around it parse. False means "not shown here" (a statement with errors, one over LOCAL_ROWS rows,
   * two edited statements sharing a row, more than LOCAL_STATEMENTS statements, a result ending in a
   * backslash): the caller re-parses.
   */
  private keepsLocally(edits: readonly TextEdit[], tree: Tree): boolean {
    const lines = this.lineIndex();
    const groups = new Map<number, { statement: Node; edits: TextEdit[] }>();
    for (const e of edits) {
      const statement = statementAtRow(tree, lines, e.range.start.line);
      if (!statement || statement.hasError || statement.endPosition.row - statement.startPosition.row >= LOCAL_ROWS) return false;
      if (statementAtRow(tree, lines, e.range.end.line)?.startIndex !== statement.startIndex) return false;
      const group = groups.get(statement.startIndex);
      if (group) group.edits.push(e);
      else groups.set(statement.startIndex, { statement, edits: [e] });
      // Many statements (a fix-all) cost less as one re-parse than as two small parses each.
      if (groups.size > LOCAL_STATEMENTS) return false;
    }
    const sorted = [...groups.values()].sort((a, b) => a.statement.startIndex - b.statement.startIndex);
    for (let i = 0; i < sorted.length; i++) {
      const lo = sorted[i].statement.startPosition.row;
      const hi = sorted[i].statement.endPosition.row;
      if (i > 0 && sorted[i - 1].statement.endPosition.row >= lo) return false;
      const start = lines.offsetAt({ row: lo, column: 0 });
      const end = hi + 1 < lines.lineCount ? lines.offsetAt({ row: hi + 1, column: 0 }) : this.text.length;
      const before = this.text.slice(start, end);
      const shifted = sorted[i].edits.map((e) => ({
        range: { start: { line: e.range.start.line - lo, character: e.range.start.character }, end: { line: e.range.end.line - lo, character: e.range.end.character } },
        newText: e.newText,
      }));
      const after = applyEdits(before, shifted);
      if (/\\\s*$/.test(after)) return false;
      // Checked between two statements at the statement's own indentation (inside a block when it is
      // indented): an edit that changes the indentation of a line, or leaves a block header without
      // its body, is then an error here as it would be in the file.
      const indent = /^[ \t\f]*/.exec(before)![0];
      const inBlock = (body: string) => `${indent ? 'if 1:\n' : ''}${indent}pass\n${body}${/[\r\n]$/.test(body) ? '' : '\n'}${indent}pass\n`;
      if (!parsesBetweenSentinels(inBlock(before), indent !== '') || !parsesBetweenSentinels(inBlock(after), indent !== '')) return false;
    }
    return true;
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
  }

  private lineIndex(): LineIndex {
    return (this.lines ??= new LineIndex(this.text));
  }

  private treeEdit(e: TextEdit): Edit {
    const lines = this.lineIndex();
    return new Edit(treeEditSpan(lines, this.doc.offsetAt(e.range.start), this.doc.offsetAt(e.range.end), e.newText));
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
