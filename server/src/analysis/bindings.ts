// Binding collection: which names a module, function, lambda or class body binds, how often and to
// what (an import's qualified name, an assignment's value node). analysis/scope.ts reads them.
import type { Node } from 'web-tree-sitter';

export type BindingKind = 'import' | 'assign' | 'def' | 'class' | 'param' | 'other';

export interface Binding {
  kind: BindingKind;
  /** For imports: the qualified name bound. */
  qualified?: string;
  /** For plain assignments: the right-hand side, evaluated lazily in this scope. */
  valueNode?: Node;
}

export type ScopeKind = 'module' | 'function' | 'class' | 'lambda';

/** The names a scope binds, as collected; a Scope is one (and also answers what they are worth). */
export class BindingTable {
  readonly bindings = new Map<string, Binding[]>();
  /** Names declared `global` (function scopes): looked up in the module scope. */
  readonly globals = new Set<string>();

  bind(name: string, binding: Binding): void {
    const list = this.bindings.get(name);
    if (list) list.push(binding);
    else this.bindings.set(name, [binding]);
  }
}

const SCOPE_NODE_TYPES = new Set(['function_definition', 'lambda', 'class_definition']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/**
 * Collects what the scope opened by `node` binds into `scope` (its parameters and its body; for the
 * module, `node` is the tree's root). `bindingNodes`: see Scope's constructor (analysis/scope.ts).
 */
export function collectScope(scope: BindingTable, kind: ScopeKind, node: Node, bindingNodes?: readonly Node[], checkDeadline?: () => void): void {
  if (node.type === 'function_definition' || node.type === 'lambda') {
    const params = node.childForFieldName('parameters');
    if (params) collectParameters(scope, params);
  }
  // The module scope's node is the tree's root, whatever its type: a file the parser cannot make
  // sense of at all gets an ERROR root (no `module`). Its children are still module-level code, and
  // moduleBindingSignature (incremental reuse of the module scope) sees their bindings, so a fresh
  // analysis must see them too, or the two disagree on a broken file.
  const body = kind === 'module' || node.type === 'module' ? node : node.childForFieldName('body');
  if (!body) return;
  if (!bindingNodes) return collectBody(scope, body, checkDeadline);
  // Only the body binds here (defaults and decorators are evaluated outside).
  for (const b of bindingNodes) if (b.startIndex >= body.startIndex) collectOne(scope, b);
}

/** Node types that bind names, open a nested scope, or both. */
export const BINDING_NODE_TYPES: readonly string[] = [
  'import_statement',
  'import_from_statement',
  'function_definition',
  'class_definition',
  'lambda',
  'global_statement',
  'nonlocal_statement',
  'assignment',
  'augmented_assignment',
  'named_expression',
  'for_statement',
  'as_pattern',
  'except_clause',
  ...COMPREHENSIONS,
];

const BINDING_NODE_SET = new Set(BINDING_NODE_TYPES);

/**
 * Groups binding nodes (document order) by the innermost function, class, lambda or comprehension
 * among them that encloses each; nodes no such node encloses go to `outerId`. The result is what a
 * Scope built for each of those nodes gets as its `bindingNodes`.
 */
export function groupBindingsByScope(bindings: readonly Node[], outerId: number): Map<number, Node[]> {
  const owned = new Map<number, Node[]>();
  const open: { id: number; end: number }[] = [];
  for (const node of bindings) {
    const start = node.startIndex;
    while (open.length > 0) {
      const end = open[open.length - 1].end;
      if (start < end || (start === end && node.endIndex === start)) break;
      open.pop();
    }
    const owner = open.length > 0 ? open[open.length - 1].id : outerId;
    const list = owned.get(owner);
    if (list) list.push(node);
    else owned.set(owner, [node]);
    if (opensScope(node.type)) open.push({ id: node.id, end: node.endIndex });
  }
  return owned;
}

/** The binding nodes inside `scopeNode`, grouped as groupBindingsByScope does (one traversal in wasm). */
export function bindingsWithin(scopeNode: Node): Map<number, Node[]> {
  const nodes = scopeNode.descendantsOfType(BINDING_NODE_TYPES as string[]).filter((n): n is Node => n !== null && n.id !== scopeNode.id);
  return groupBindingsByScope(nodes, scopeNode.id);
}

/**
 * Collects the bindings of a scope body (the walker hands nested scopes their binding nodes, so
 * this runs for the module scope, once per parse). It descends in JS through everything but nested
 * scopes — functions and classes (whose name is bound here), lambdas and comprehensions — which a
 * module mostly consists of: the cost is that of the module-level code, not of the whole file.
 */
function collectBody(scope: BindingTable, body: Node, checkDeadline?: () => void): void {
  collectFrom(
    scope,
    body.namedChildren.filter((c): c is Node => c !== null),
    checkDeadline,
  );
}

/** collectBody's walk, from the given statements (in source order) instead of a body's children. */
export function collectFrom(scope: BindingTable, roots: Node[], checkDeadline: () => void = () => {}): void {
  // Iterative (an explicit stack, visited in source order): deeply nested code cannot overflow the JS stack.
  const work: Node[] = [];
  const pushChildren = (node: Node) => {
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) if (children[i]) work.push(children[i] as Node);
  };
  for (let i = roots.length - 1; i >= 0; i--) work.push(roots[i]);
  let count = 0;
  for (let node = work.pop(); node; node = work.pop()) {
    if ((++count & 1023) === 0) checkDeadline();
    const type = node.type;
    if (BINDING_NODE_SET.has(type)) {
      collectOne(scope, node);
      if (opensScope(type) || type === 'import_statement' || type === 'import_from_statement') continue;
    }
    pushChildren(node);
  }
}

/** Functions, classes and lambdas, and comprehensions (whose variables are their own). */
export function opensScope(type: string): boolean {
  return SCOPE_NODE_TYPES.has(type) || COMPREHENSIONS.has(type);
}

/** Binds what one binding node binds in `scope` (a def or class binds its name; lambdas nothing). */
function collectOne(scope: BindingTable, node: Node): void {
  const type = node.type;
  if (type === 'function_definition' || type === 'class_definition') {
    const name = node.childForFieldName('name');
    if (name) scope.bind(name.text, { kind: type === 'class_definition' ? 'class' : 'def' });
  } else if (!opensScope(type)) {
    collectBinding(scope, node);
  }
}

function collectBinding(scope: BindingTable, node: Node): void {
  switch (node.type) {
    case 'import_statement':
      collectImport(scope, node);
      return;
    case 'import_from_statement':
      collectImportFrom(scope, node);
      return;
    case 'global_statement':
    case 'nonlocal_statement':
      for (const id of node.namedChildren) if (id?.type === 'identifier') scope.globals.add(id.text);
      if (node.type === 'nonlocal_statement') for (const id of node.namedChildren) if (id) scope.globals.delete(id.text);
      return;
    case 'assignment':
      collectAssignment(scope, node);
      return;
    case 'augmented_assignment':
    case 'for_statement': {
      const left = node.childForFieldName('left');
      if (left) bindTargets(scope, left, 'other');
      return;
    }
    case 'named_expression': {
      const name = node.childForFieldName('name');
      if (name) scope.bind(name.text, { kind: 'other' });
      return;
    }
    case 'as_pattern': {
      const alias = node.childForFieldName('alias');
      if (alias) bindTargets(scope, alias, 'other');
      return;
    }
    case 'except_clause': {
      // `except E as e`: the identifier after `as`.
      const kids = node.children;
      for (let i = 0; i + 1 < kids.length; i++) {
        if (kids[i]?.type === 'as' && kids[i + 1]) bindTargets(scope, kids[i + 1] as Node, 'other');
      }
      return;
    }
  }
}

/**
 * The value at the bottom of each chained assignment seen while collecting a scope, by the id of
 * each assignment in the chain: the inner ones are visited after the outer one, and finding the
 * bottom again from each would cost n² for `a1 = a2 = … = an = value`.
 */
const chainValues = new WeakMap<BindingTable, Map<number, Node | null>>();

/** One assignment; in `a = b = value` the inner assignment is visited on its own and binds `b`. */
function collectAssignment(scope: BindingTable, node: Node): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left) return;
  if (right?.type === 'assignment') {
    let known = chainValues.get(scope);
    if (!known) chainValues.set(scope, (known = new Map()));
    let inner: Node | null | undefined = known.get(node.id);
    if (inner === undefined) {
      const chain: number[] = [];
      for (inner = right; inner?.type === 'assignment'; inner = inner.childForFieldName('right')) chain.push(inner.id);
      for (const id of chain) known.set(id, inner);
    }
    if (left.type === 'identifier') scope.bind(left.text, { kind: 'assign', valueNode: inner ?? undefined });
    else bindTargets(scope, left, 'other');
    return;
  }
  if (left.type === 'identifier') {
    // `x: int` without a value binds nothing at run time.
    if (right) scope.bind(left.text, { kind: 'assign', valueNode: right });
  } else {
    bindTargets(scope, left, 'other');
  }
}

function collectParameters(scope: BindingTable, params: Node): void {
  for (const p of params.namedChildren) {
    if (!p) continue;
    if (p.type === 'identifier') scope.bind(p.text, { kind: 'param' });
    else {
      const id =
        p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern'
          ? p.namedChildren.find((c) => c?.type === 'identifier')
          : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier'));
      if (id) scope.bind(id.text, { kind: 'param' });
    }
  }
}

function bindTargets(scope: BindingTable, target: Node, kind: BindingKind): void {
  // Iterative: `[[[[a]]]] = x` may nest arbitrarily deep.
  const work: Node[] = [target];
  for (let t = work.pop(); t; t = work.pop()) {
    if (t.type === 'identifier') scope.bind(t.text, { kind });
    else if (t.type !== 'attribute' && t.type !== 'subscript') {
      const children = t.namedChildren;
      for (let i = children.length - 1; i >= 0; i--) if (children[i]) work.push(children[i] as Node);
    }
  }
}

function collectImport(scope: BindingTable, node: Node): void {
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'dotted_name') {
      // `import a.b.c` binds `a` to module a.
      const first = child.namedChildren[0];
      if (first) scope.bind(first.text, { kind: 'import', qualified: first.text });
    } else if (child.type === 'aliased_import') {
      const name = child.childForFieldName('name');
      const alias = child.childForFieldName('alias');
      if (name && alias) scope.bind(alias.text, { kind: 'import', qualified: dotted(name) });
    }
  }
}

function collectImportFrom(scope: BindingTable, node: Node): void {
  const moduleNode = node.childForFieldName('module_name');
  if (!moduleNode) return;
  // Relative imports (`from . import x`) are the project's own modules: bind them as unknowable.
  const relative = moduleNode.type === 'relative_import';
  const moduleName = relative ? '' : dotted(moduleNode);
  for (const child of node.childrenForFieldName('name')) {
    if (!child) continue;
    let name: Node | null = child;
    let alias: Node | null = null;
    if (child.type === 'aliased_import') {
      name = child.childForFieldName('name');
      alias = child.childForFieldName('alias');
    }
    if (!name) continue;
    const local = alias ? alias.text : name.text;
    if (relative) scope.bind(local, { kind: 'other' });
    else scope.bind(local, { kind: 'import', qualified: `${moduleName}.${dotted(name)}` });
  }
}

/** The dotted name an import spells (`a.b.c`), as the scope binds it. */
export function dotted(node: Node): string {
  if (node.type === 'dotted_name') return node.namedChildren.map((c) => c?.text ?? '').join('.');
  return node.text;
}
