// The single walk: one pass over the syntax tree that hands each node to the rules that asked for
// its type, while keeping track of the Python scope the node is in.
import type { Node, Tree, Language } from 'web-tree-sitter';
import { Scope, ScopeKind } from './scope';

export interface WalkVisitor {
  /** Node type ids the visitor wants to see. */
  wanted: Set<number>;
  visit(node: Node, scope: () => Scope): void;
}

const SCOPE_KINDS: Record<string, ScopeKind> = {
  function_definition: 'function',
  lambda: 'lambda',
  class_definition: 'class',
};

const idCache = new WeakMap<Language, Map<string, number[]>>();

export function nodeTypeIds(language: Language, types: Iterable<string>): Set<number> {
  let byName = idCache.get(language);
  if (!byName) {
    byName = new Map();
    for (let id = 0; id < language.nodeTypeCount; id++) {
      const name = language.nodeTypeForId(id);
      if (!name || !language.nodeTypeIsNamed(id)) continue;
      const list = byName.get(name);
      if (list) list.push(id);
      else byName.set(name, [id]);
    }
    idCache.set(language, byName);
  }
  const ids = new Set<number>();
  for (const type of types) for (const id of byName.get(type) ?? []) ids.add(id);
  return ids;
}

interface OpenScope {
  node: Node;
  end: number;
  kind: ScopeKind;
  scope?: Scope;
}

/**
 * Walks the given top-level statements (all children of the module when `statements` is omitted).
 * `moduleScope` may come from a cache; nested scopes are built on demand, only when a rule asks.
 *
 * The traversal runs inside wasm (`descendantsOfType`): one call per root returns the wanted nodes
 * and the scope nodes in document order, instead of several JS↔wasm crossings per tree node with a
 * cursor. Enclosing scopes are then tracked by position: in pre-order, a scope node comes before
 * everything inside it, and stops enclosing at its end offset.
 */
export function walk(tree: Tree, moduleScope: Scope, visitor: WalkVisitor, statements?: Node[]): void {
  const language = tree.language;
  const scopeIds = nodeTypeIds(language, Object.keys(SCOPE_KINDS));
  const names = new Set<string>();
  for (const id of visitor.wanted) names.add(language.nodeTypeForId(id) as string);
  for (const id of scopeIds) names.add(language.nodeTypeForId(id) as string);
  const typeNames = [...names];
  const rootNode = tree.rootNode;
  const roots = statements ?? [rootNode];
  const moduleEntry: OpenScope = { node: rootNode, end: Number.MAX_SAFE_INTEGER, kind: 'module', scope: moduleScope };
  for (const root of roots) {
    const stack: OpenScope[] = [moduleEntry];
    const resolveScope = (): Scope => {
      // Build every missing scope from the outside in.
      for (let i = 1; i < stack.length; i++) {
        const entry = stack[i];
        if (!entry.scope) entry.scope = new Scope(entry.kind, stack[i - 1].scope, entry.node);
      }
      return stack[stack.length - 1].scope as Scope;
    };
    for (const node of root.descendantsOfType(typeNames)) {
      if (!node || (statements === undefined && node.id === rootNode.id)) continue;
      const typeId = node.typeId;
      const start = node.startIndex;
      // Leave the scopes this node is not inside.
      while (stack.length > 1 && start >= stack[stack.length - 1].end && !(start === stack[stack.length - 1].end && node.endIndex === start)) stack.pop();
      if (visitor.wanted.has(typeId)) visitor.visit(node, resolveScope);
      if (scopeIds.has(typeId)) stack.push({ node, end: node.endIndex, kind: SCOPE_KINDS[node.type] });
    }
  }
}
