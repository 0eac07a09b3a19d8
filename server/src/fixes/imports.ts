// Adds `import <module>` to a module when a fix needs a name that is not imported yet.
import type { Node, Tree } from 'web-tree-sitter';
import type { TextEdit } from '../analysis/types';
import { lineEndingAt } from './edits';

function isImport(n: Node): boolean {
  return n.type === 'import_statement' || n.type === 'import_from_statement';
}

function isDocstring(n: Node): boolean {
  return n.type === 'expression_statement' && n.namedChildCount === 1 && n.namedChildren[0]?.type === 'string';
}

// Answers per tree: a rule asks once per flagged call, and walking every top-level statement of a
// large file for each call made B602 the most expensive part of a keystroke in the editor.
const plainImportCache = new WeakMap<Tree, Map<string, boolean>>();

/** Whether the module already has a top-level `import <module>` (without an alias). */
export function hasPlainImport(root: Node, module: string): boolean {
  let perTree = plainImportCache.get(root.tree);
  if (!perTree) plainImportCache.set(root.tree, (perTree = new Map()));
  let known = perTree.get(module);
  if (known === undefined) perTree.set(module, (known = scanPlainImport(root, module)));
  return known;
}

function scanPlainImport(root: Node, module: string): boolean {
  for (const stmt of root.namedChildren) {
    if (!stmt || stmt.type !== 'import_statement') continue;
    for (const name of stmt.namedChildren) if (name?.type === 'dotted_name' && name.text === module) return true;
  }
  return false;
}

/**
 * An edit that inserts `import <module>` on its own line: before the first top-level import (after
 * `from __future__` imports), else after the module docstring, else at the top of the file.
 * Returns [] when the module is already imported that way. With the file's `text`, the new line ends
 * as the file's lines do (CRLF stays CRLF).
 */
export function addModuleImport(root: Node, module: string, text?: string): TextEdit[] {
  if (hasPlainImport(root, module)) return [];
  const eol = text === undefined ? '\n' : lineEndingAt(text, 0);
  const at = { line: importLine(root), character: 0 };
  return [{ range: { start: at, end: at }, newText: `import ${module}${eol}` }];
}

const importLineCache = new WeakMap<Tree, number>();

/** The line a new `import` goes on (see addModuleImport), computed once per tree. */
function importLine(root: Node): number {
  let line = importLineCache.get(root.tree);
  if (line === undefined) importLineCache.set(root.tree, (line = findImportLine(root)));
  return line;
}

function findImportLine(root: Node): number {
  const stmts = root.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const firstImport = stmts.find(isImport);
  if (firstImport) return firstImport.startPosition.row;
  let after: Node | undefined;
  for (const s of stmts) {
    if (isDocstring(s) && !after) after = s;
    else if (s.type === 'future_import_statement') after = s;
    else break;
  }
  return after ? after.endPosition.row + 1 : 0;
}

export function moduleRoot(node: Node): Node {
  let n: Node = node;
  while (n.parent) n = n.parent;
  return n;
}

export type { Tree };
