// The incremental analysis's test for a module-level statement: whether an edit to it can have
// changed the module scope (analysis/incremental.ts, documentStore.ts).
import type { Node } from 'web-tree-sitter';
import { BindingTable, collectFrom } from './bindings';

/**
 * What one module-level statement binds, as a string that is equal for two statements exactly when
 * they bind the same names, the same way, to the same text ('' when it binds nothing). The editor's
 * incremental analysis compares these to know when the module scope cannot have changed.
 */
export function moduleBindingSignature(statement: Node): string {
  const scope = new BindingTable();
  collectFrom(scope, [statement]);
  if (scope.bindings.size === 0 && scope.globals.size === 0) return '';
  const names = [...scope.bindings].map(([name, list]) => [name, list.map((b) => [b.kind, b.qualified ?? '', b.valueNode?.text ?? null])]);
  return JSON.stringify([names, [...scope.globals]]);
}
