// The syntax guard: a fix is offered or applied only if the text still parses at least as well
// afterwards. Edits are in LSP positions; tree-sitter rows are the same lines (a lone `\r` ends a
// row for both: see analysis/lineIndex.ts), so an edit's offsets give its tree edit directly.
import { Edit, Tree } from 'web-tree-sitter';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Fix, TextEdit } from '../analysis/types';
import { parsePython } from '../analysis/parser';
import { LineIndex, treeEditSpan } from '../analysis/lineIndex';
import { applyEdits, compareEdits, documentOf } from './offsets';
import { plainEdits } from './snippets';

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
  private readonly doc: TextDocument;
  private lines: LineIndex | undefined;

  /**
   * `tree`: a parse of exactly `text` the caller already holds (the document store's); the guard
   * works on copies and never changes or frees it. Without it, an incremental guard parses `text` once.
   */
  constructor(readonly text: string, incremental: boolean, tree?: Tree) {
    this.doc = documentOf(text);
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
    if (!this.tree) return textSyntaxErrors(after);
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

  /** Whether the edits leave the text parsing no worse than before; false for overlapping edits. */
  keeps(edits: readonly TextEdit[]): boolean {
    try {
      return this.errorsAfter(edits) <= this.baseErrors;
    } catch {
      return false;
    }
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
  }

  private treeEdit(e: TextEdit): Edit {
    const lines = (this.lines ??= new LineIndex(this.text));
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
