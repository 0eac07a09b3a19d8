// The single walk: one pass over the syntax tree that hands each node to the rules that asked for
// its type, while keeping track of the Python scope the node is in.
import type { Node, Tree, Language } from 'web-tree-sitter';
import { Scope } from './scope';
import { ScopeKind, BINDING_NODE_TYPES, groupBindingsByScope } from './bindings';

export interface WalkVisitor {
  /** Node type ids the visitor wants to see. */
  wanted: Set<number>;
  visit(node: Node, scope: () => Scope): void;
}

export const SCOPE_KINDS: Record<string, ScopeKind> = {
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
 * Walks the given statements (all children of the module when `statements` is omitted), each in
 * the scope `scopeOfRoot` gives (the module scope when omitted). `moduleScope` may come from a
 * cache; nested scopes are built on demand, only when a rule asks.
 *
 * The traversal runs inside wasm: one `descendantsOfType` call per root returns, in document order,
 * the wanted nodes, the scope nodes and the nodes that bind names — instead of several JS↔wasm
 * crossings per tree node with a cursor. Enclosing scopes are tracked by position (in pre-order a
 * scope node comes before everything inside it and stops enclosing at its end offset), and the same
 * list gives each nested scope its bindings, so building a scope costs no second traversal.
 */
export function walk(tree: Tree, moduleScope: Scope, visitor: WalkVisitor, statements?: Node[], scopeOfRoot?: (root: Node) => Scope): void {
  const language = tree.language;
  const scopeIds = nodeTypeIds(language, Object.keys(SCOPE_KINDS));
  const bindingIds = nodeTypeIds(language, BINDING_NODE_TYPES);
  const names = new Set<string>(BINDING_NODE_TYPES);
  for (const id of visitor.wanted) names.add(language.nodeTypeForId(id) as string);
  for (const id of scopeIds) names.add(language.nodeTypeForId(id) as string);
  const typeNames = [...names];
  const rootNode = tree.rootNode;
  const roots = statements ?? [rootNode];
  const moduleEntry: OpenScope = { node: rootNode, end: Number.MAX_SAFE_INTEGER, kind: 'module', scope: moduleScope };
  const leaves = (stack: { end: number }[], node: Node, floor: number) => {
    const start = node.startIndex;
    while (stack.length > floor) {
      const end = stack[stack.length - 1].end;
      if (start < end || (start === end && node.endIndex === start)) break;
      stack.pop();
    }
  };
  for (const root of roots) {
    const nodes = root.descendantsOfType(typeNames).filter((n): n is Node => n !== null && (statements !== undefined || n.id !== rootNode.id));
    // Pass 1: each binding node belongs to its innermost enclosing function, class, lambda or comprehension.
    const owned = groupBindingsByScope(
      nodes.filter((n) => bindingIds.has(n.typeId)),
      -1,
    );
    // Pass 2: visit, building the scopes a rule asks for from the outside in.
    // A root inside a class body (an incremental unit, units.ts) starts in the scope it is evaluated in.
    const stack: OpenScope[] = [scopeOfRoot && root.id !== rootNode.id ? { ...moduleEntry, scope: scopeOfRoot(root) } : moduleEntry];
    const resolveScope = (): Scope => {
      for (let i = 1; i < stack.length; i++) {
        const entry = stack[i];
        if (!entry.scope) entry.scope = new Scope(entry.kind, stack[i - 1].scope, entry.node, owned.get(entry.node.id) ?? []);
      }
      return stack[stack.length - 1].scope as Scope;
    };
    for (const node of nodes) {
      const typeId = node.typeId;
      leaves(stack, node, 1);
      if (visitor.wanted.has(typeId)) visitor.visit(node, resolveScope);
      if (scopeIds.has(typeId)) stack.push({ node, end: node.endIndex, kind: SCOPE_KINDS[node.type] });
    }
  }
}
