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

interface LazyScope {
  node: Node | null;
  kind: ScopeKind;
  scope?: Scope;
}

/**
 * Walks the given top-level statements (all children of the module when `statements` is omitted).
 * `moduleScope` may come from a cache; nested scopes are built on demand, only when a rule asks.
 */
export function walk(tree: Tree, moduleScope: Scope, visitor: WalkVisitor, statements?: Node[]): void {
  const language = tree.language;
  const scopeIds = nodeTypeIds(language, Object.keys(SCOPE_KINDS));
  const roots = statements ?? tree.rootNode.children.filter((c): c is Node => c !== null);
  for (const root of roots) {
    const stack: LazyScope[] = [{ node: null, kind: 'module', scope: moduleScope }];
    const resolveScope = (): Scope => {
      // Build every missing scope from the outside in.
      for (let i = 1; i < stack.length; i++) {
        const entry = stack[i];
        if (!entry.scope) entry.scope = new Scope(entry.kind, stack[i - 1].scope, entry.node as Node);
      }
      return stack[stack.length - 1].scope as Scope;
    };
    const cursor = root.walk();
    try {
      const depthOfScope: number[] = [];
      let depth = 0;
      for (;;) {
        const typeId = cursor.nodeTypeId;
        let entered = false;
        if (visitor.wanted.has(typeId)) {
          visitor.visit(cursor.currentNode, resolveScope);
        }
        if (scopeIds.has(typeId)) {
          const node = cursor.currentNode;
          stack.push({ node, kind: SCOPE_KINDS[node.type] });
          depthOfScope.push(depth);
          entered = true;
        }
        if (cursor.gotoFirstChild()) {
          depth++;
          continue;
        }
        if (entered) {
          stack.pop();
          depthOfScope.pop();
        }
        // Climb until a sibling exists, popping scopes we leave.
        let done = false;
        while (!cursor.gotoNextSibling()) {
          if (depth === 0 || !cursor.gotoParent()) {
            done = true;
            break;
          }
          depth--;
          if (depthOfScope.length > 0 && depthOfScope[depthOfScope.length - 1] === depth) {
            depthOfScope.pop();
            stack.pop();
          }
        }
        if (done || depth === 0) break;
      }
    } finally {
      cursor.delete();
    }
  }
}
