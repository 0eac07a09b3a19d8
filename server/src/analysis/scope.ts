// Name binding per Python scope: which names a module, function, lambda or class body binds,
// how often, and to what. This is what turns `th.load` into `torch.load` and `wo` into `True`.
import type { Node } from 'web-tree-sitter';
import { StaticValue, UNKNOWN, NONE } from './values';

export type BindingKind = 'import' | 'assign' | 'def' | 'class' | 'param' | 'other';

interface Binding {
  kind: BindingKind;
  /** For imports: the qualified name bound. */
  qualified?: string;
  /** For plain assignments: the right-hand side, evaluated lazily in this scope. */
  valueNode?: Node;
}

export type ScopeKind = 'module' | 'function' | 'class' | 'lambda';

const SCOPE_NODE_TYPES = new Set(['function_definition', 'lambda', 'class_definition']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/** Builtins that rules refer to; an unbound name from this list resolves to `builtins.<name>`. */
const BUILTINS = new Set(['eval', 'exec', 'compile', 'open', '__import__', 'str', 'dict', 'bool', 'int', 'float', 'repr', 'input', 'getattr', 'Exception', 'BaseException']);

export function isScopeNode(node: Node): boolean {
  return SCOPE_NODE_TYPES.has(node.type);
}

export class Scope {
  readonly bindings = new Map<string, Binding[]>();
  /** Names declared `global` (function scopes): looked up in the module scope. */
  readonly globals = new Set<string>();
  private readonly memo = new Map<string, StaticValue>();
  private readonly evaluating = new Set<string>();

  /** A scope whose bindings are collected on first need (Scope.lazy). */
  private pending?: { node: Node; bindingNodes: () => readonly Node[]; mayBind: (name: string) => boolean };

  constructor(
    readonly kind: ScopeKind,
    readonly parent: Scope | undefined,
    /** The scope node itself (module, function_definition, lambda, class_definition); none: empty. */
    node: Node | undefined,
    /**
     * The binding nodes (BINDING_NODE_TYPES) whose innermost enclosing function, class, lambda or
     * comprehension is `node`, in document order, when the caller already has them (the walker does);
     * otherwise they are found here.
     */
    bindingNodes?: readonly Node[],
    /** Throws when the analysis is over its budget; called while collecting (the module's body is as long as the file). */
    checkDeadline?: () => void,
  ) {
    if (node) collectScope(this, node, bindingNodes, checkDeadline);
  }

  /**
   * A nested scope that collects its bindings only when a name is looked up that it may bind:
   * `mayBind(name)` false must mean that no binding of `name` lies inside `node` (the anchored
   * analysis knows this for the words it searched: every occurrence in the node is a plain use).
   */
  static lazy(kind: ScopeKind, parent: Scope, node: Node, bindingNodes: () => readonly Node[], mayBind: (name: string) => boolean): Scope {
    const scope = new Scope(kind, parent, undefined);
    scope.pending = { node, bindingNodes, mayBind };
    return scope;
  }

  /** Collects the bindings now if `name` may be one of them. */
  private settle(name: string): void {
    const pending = this.pending;
    if (!pending || !pending.mayBind(name)) return;
    this.pending = undefined;
    collectScope(this, pending.node, pending.bindingNodes());
  }

  bind(name: string, binding: Binding): void {
    const list = this.bindings.get(name);
    if (list) list.push(binding);
    else this.bindings.set(name, [binding]);
  }

  /** The scope in which `name` is bound, following Python's rules (class bodies are skipped from methods). */
  private owner(name: string): Scope | undefined {
    this.settle(name);
    if (this.globals.has(name)) {
      let s: Scope | undefined = this;
      while (s && s.kind !== 'module') s = s.parent;
      return s;
    }
    if (this.bindings.has(name)) return this;
    let s = this.parent;
    while (s) {
      if (s.kind !== 'class') {
        s.settle(name);
        if (s.bindings.has(name)) return s;
      }
      s = s.parent;
    }
    return undefined;
  }

  /** Static value of a name as read in this scope. */
  lookup(name: string): StaticValue {
    const owner = this.owner(name);
    if (!owner) return BUILTINS.has(name) ? { kind: 'ref', name: `builtins.${name}` } : UNKNOWN;
    return owner.valueOf(name);
  }

  /** Forces evaluation of every binding so that no tree node is retained (for scopes cached across parses). */
  freeze(checkDeadline: () => void = () => {}): void {
    let count = 0;
    for (const name of this.bindings.keys()) {
      if ((++count & 255) === 0) checkDeadline();
      this.valueOf(name);
    }
    for (const list of this.bindings.values()) for (const b of list) delete b.valueNode;
  }

  private valueOf(name: string): StaticValue {
    const cached = this.memo.get(name);
    if (cached) return cached;
    if (this.evaluating.has(name)) return UNKNOWN;
    this.evaluating.add(name);
    const value = this.computeValue(this.bindings.get(name) ?? []);
    this.evaluating.delete(name);
    this.memo.set(name, value);
    return value;
  }

  private computeValue(list: Binding[]): StaticValue {
    if (list.some((b) => b.kind === 'def' || b.kind === 'class')) return UNKNOWN;
    const imports = list.filter((b) => b.kind === 'import');
    if (imports.length > 0) {
      // `try: import torch / except ImportError: torch = None` still means torch where it is used.
      const targets = new Set(imports.map((b) => b.qualified));
      const others = list.filter((b) => b.kind !== 'import');
      const othersHarmless = others.every((b) => b.kind === 'assign' && b.valueNode && isNoneLiteral(b.valueNode));
      if (targets.size >= 1 && othersHarmless) return { kind: 'ref', name: imports[0].qualified as string };
      return UNKNOWN;
    }
    if (list.length !== 1) return UNKNOWN;
    const only = list[0];
    if (only.kind !== 'assign' || !only.valueNode) return UNKNOWN;
    return evaluate(only.valueNode, this);
  }
}

function isNoneLiteral(node: Node): boolean {
  return node.type === 'none';
}

// ---- collecting bindings -------------------------------------------------------------------

function collectScope(scope: Scope, node: Node, bindingNodes?: readonly Node[], checkDeadline?: () => void): void {
  if (node.type === 'function_definition' || node.type === 'lambda') {
    const params = node.childForFieldName('parameters');
    if (params) collectParameters(scope, params);
  }
  // The module scope's node is the tree's root, whatever its type: a file the parser cannot make
  // sense of at all gets an ERROR root (no `module`). Its children are still module-level code, and
  // moduleBindingSignature (incremental reuse of the module scope) sees their bindings, so a fresh
  // analysis must see them too, or the two disagree on a broken file.
  const body = scope.kind === 'module' || node.type === 'module' ? node : node.childForFieldName('body');
  if (!body) return;
  if (!bindingNodes) return collectBody(scope, body, checkDeadline);
  // Only the body binds here (defaults and decorators are evaluated outside).
  for (const b of bindingNodes) if (b.startIndex >= body.startIndex) collectOne(scope, b);
}

/** Node types that bind names, open a nested scope, or both. */
export const BINDING_NODE_TYPES: readonly string[] = [
  'import_statement', 'import_from_statement', 'function_definition', 'class_definition', 'lambda',
  'global_statement', 'nonlocal_statement', 'assignment', 'augmented_assignment', 'named_expression',
  'for_statement', 'as_pattern', 'except_clause', ...COMPREHENSIONS,
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
 * What one module-level statement binds, as a string that is equal for two statements exactly when
 * they bind the same names, the same way, to the same text ('' when it binds nothing). The editor's
 * incremental analysis compares these to know when the module scope cannot have changed.
 */
export function moduleBindingSignature(statement: Node): string {
  const scope = new Scope('module', undefined, undefined);
  collectFrom(scope, [statement]);
  if (scope.bindings.size === 0 && scope.globals.size === 0) return '';
  const names = [...scope.bindings].map(([name, list]) => [name, list.map((b) => [b.kind, b.qualified ?? '', b.valueNode?.text ?? null])]);
  return JSON.stringify([names, [...scope.globals]]);
}

/**
 * Collects the bindings of a scope body (the walker hands nested scopes their binding nodes, so
 * this runs for the module scope, once per parse). It descends in JS through everything but nested
 * scopes — functions and classes (whose name is bound here), lambdas and comprehensions — which a
 * module mostly consists of: the cost is that of the module-level code, not of the whole file.
 */
function collectBody(scope: Scope, body: Node, checkDeadline?: () => void): void {
  collectFrom(scope, body.namedChildren.filter((c): c is Node => c !== null), checkDeadline);
}

/** collectBody's walk, from the given statements (in source order) instead of a body's children. */
function collectFrom(scope: Scope, roots: Node[], checkDeadline: () => void = () => {}): void {
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
function collectOne(scope: Scope, node: Node): void {
  const type = node.type;
  if (type === 'function_definition' || type === 'class_definition') {
    const name = node.childForFieldName('name');
    if (name) scope.bind(name.text, { kind: type === 'class_definition' ? 'class' : 'def' });
  } else if (!opensScope(type)) {
    collectBinding(scope, node);
  }
}

function collectBinding(scope: Scope, node: Node): void {
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
const chainValues = new WeakMap<Scope, Map<number, Node | null>>();

/** One assignment; in `a = b = value` the inner assignment is visited on its own and binds `b`. */
function collectAssignment(scope: Scope, node: Node): void {
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

function collectParameters(scope: Scope, params: Node): void {
  for (const p of params.namedChildren) {
    if (!p) continue;
    if (p.type === 'identifier') scope.bind(p.text, { kind: 'param' });
    else {
      const id = p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern'
        ? p.namedChildren.find((c) => c?.type === 'identifier')
        : p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier');
      if (id) scope.bind(id.text, { kind: 'param' });
    }
  }
}

function bindTargets(scope: Scope, target: Node, kind: BindingKind): void {
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

function collectImport(scope: Scope, node: Node): void {
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

function collectImportFrom(scope: Scope, node: Node): void {
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

// ---- static evaluation ---------------------------------------------------------------------

const PATH_CONSTRUCTORS = new Set(['pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath', 'pathlib.WindowsPath', 'os.getcwd', 'os.fspath', 'os.path.expanduser', 'os.path.abspath']);

/**
 * How deep evaluation may nest (expressions inside expressions, names bound to names) before it
 * answers "unknown". CPython itself refuses 200 nested brackets and 100 indentation levels, so real
 * code stays far below; hostile input (`((((…))))` 10,000 deep, alias chains) must not overflow the
 * JS stack. Beyond the limit a value may depend on which name was evaluated first: acceptable for
 * input no interpreter would run.
 */
export const MAX_EVALUATION_DEPTH = 250;
let evaluationDepth = 0;

/** What `node` is known to be, evaluated in `scope`. Never runs anything. */
export function evaluate(node: Node, scope: Scope): StaticValue {
  if (evaluationDepth >= MAX_EVALUATION_DEPTH) return UNKNOWN;
  evaluationDepth++;
  try {
    return evaluateNode(node, scope);
  } finally {
    evaluationDepth--;
  }
}

function evaluateNode(node: Node, scope: Scope): StaticValue {
  switch (node.type) {
    case 'true':
      return { kind: 'bool', value: true };
    case 'false':
      return { kind: 'bool', value: false };
    case 'none':
      return NONE;
    case 'integer': {
      const n = Number(node.text.replace(/_/g, ''));
      return Number.isNaN(n) ? UNKNOWN : { kind: 'num', value: n };
    }
    case 'float': {
      const n = Number(node.text.replace(/_/g, ''));
      return Number.isNaN(n) ? UNKNOWN : { kind: 'num', value: n };
    }
    case 'string':
      return evaluateString(node);
    case 'concatenated_string': {
      let text = '';
      for (const part of node.namedChildren) {
        if (!part) continue;
        const v = evaluateString(part);
        if (v.kind === 'str') text += v.value;
        else if (v.kind === 'fstring') return { kind: 'fstring', prefix: text + v.prefix };
        else return UNKNOWN;
      }
      return { kind: 'str', value: text };
    }
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c) => c?.type !== 'comment');
      return inner ? evaluate(inner, scope) : UNKNOWN;
    }
    case 'not_operator': {
      const arg = node.childForFieldName('argument');
      if (!arg) return UNKNOWN;
      const v = evaluate(arg, scope);
      if (v.kind === 'bool') return { kind: 'bool', value: !v.value };
      if (v.kind === 'none') return { kind: 'bool', value: true };
      return UNKNOWN;
    }
    case 'unary_operator': {
      const arg = node.childForFieldName('argument');
      const op = node.childForFieldName('operator')?.text;
      if (!arg) return UNKNOWN;
      const v = evaluate(arg, scope);
      if (v.kind === 'num' && op === '-') return { kind: 'num', value: -v.value };
      if (v.kind === 'num' && op === '+') return v;
      return UNKNOWN;
    }
    case 'identifier':
      return scope.lookup(node.text);
    case 'attribute': {
      const object = node.childForFieldName('object');
      const attr = node.childForFieldName('attribute');
      if (!object || !attr) return UNKNOWN;
      // Only a `ref` base yields a value, and a call never evaluates to a ref: skip evaluating it
      // (`a.b().b().b()…` chains would otherwise be evaluated again at every link).
      if (object.type === 'call') return UNKNOWN;
      const base = evaluate(object, scope);
      if (base.kind === 'ref') return { kind: 'ref', name: `${base.name}.${attr.text}` };
      return UNKNOWN;
    }
    case 'dictionary':
      return evaluateDict(node, scope);
    case 'call':
      return evaluateCall(node, scope);
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.text;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) return UNKNOWN;
      const l = evaluate(left, scope);
      if (op === '/' && l.kind === 'path') return { kind: 'path' };
      if (op === '+') {
        const r = evaluate(right, scope);
        if (l.kind === 'str' && r.kind === 'str') return { kind: 'str', value: l.value + r.value };
        if (l.kind === 'str') return { kind: 'fstring', prefix: l.value };
        if (l.kind === 'fstring') return { kind: 'fstring', prefix: l.prefix };
        if (l.kind === 'num' && r.kind === 'num') return { kind: 'num', value: l.value + r.value };
      }
      return UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

function evaluateString(node: Node): StaticValue {
  if (node.type !== 'string') return UNKNOWN;
  const start = node.namedChildren[0];
  const prefix = start?.type === 'string_start' ? start.text : '"';
  const isBytes = /b/i.test(prefix.replace(/["']/g, ''));
  if (isBytes) return UNKNOWN;
  const isRaw = /r/i.test(prefix.replace(/["']/g, ''));
  let text = '';
  for (const part of node.namedChildren) {
    if (!part) continue;
    if (part.type === 'string_content') text += isRaw ? part.text : unescapeContent(part);
    else if (part.type === 'interpolation') return { kind: 'fstring', prefix: text };
    else if (part.type === 'escape_sequence') text += isRaw ? part.text : unescape(part.text);
  }
  return { kind: 'str', value: text };
}

function unescapeContent(node: Node): string {
  // string_content holds escape_sequence children; join text with them decoded.
  if (node.namedChildCount === 0) return node.text;
  let out = '';
  let pos = node.startIndex;
  const full = node.text;
  for (const child of node.namedChildren) {
    if (!child) continue;
    out += full.slice(pos - node.startIndex, child.startIndex - node.startIndex);
    out += child.type === 'escape_sequence' ? unescape(child.text) : child.text;
    pos = child.endIndex;
  }
  out += full.slice(pos - node.startIndex);
  return out;
}

function unescape(seq: string): string {
  switch (seq[1]) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case '\\': return '\\';
    case "'": return "'";
    case '"': return '"';
    case '0': return '\0';
    case '\n': return '';
    case 'x': return String.fromCharCode(parseInt(seq.slice(2), 16));
    case 'u':
    case 'U': return String.fromCodePoint(parseInt(seq.slice(2), 16));
    default: return seq;
  }
}

function evaluateDict(node: Node, scope: Scope): StaticValue {
  const entries: Record<string, StaticValue> = {};
  let open = false;
  for (const child of node.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (child.type === 'pair') {
      const key = child.childForFieldName('key');
      const value = child.childForFieldName('value');
      const k = key ? evaluate(key, scope) : UNKNOWN;
      if (k.kind === 'str' && value) entries[k.value] = evaluate(value, scope);
      else open = true;
    } else if (child.type === 'dictionary_splat') {
      if (mergeDictSplat(child, scope, entries)) open = true;
    } else open = true;
  }
  return { kind: 'dict', entries, open };
}

/**
 * Adds the entries of `**expr` (in a dict display or a `dict(...)` call) to `entries`. True when the
 * result may hold keys not listed: the expression is not a known dict, or that dict is open itself.
 */
function mergeDictSplat(splat: Node, scope: Scope, entries: Record<string, StaticValue>): boolean {
  const inner = splat.namedChildren[0];
  const v = inner ? evaluate(inner, scope) : UNKNOWN;
  if (v.kind !== 'dict') return true;
  Object.assign(entries, v.entries);
  return v.open;
}

function evaluateCall(node: Node, scope: Scope): StaticValue {
  const fn = node.childForFieldName('function');
  const args = node.childForFieldName('arguments');
  if (!fn) return UNKNOWN;
  const callee = evaluate(fn, scope);
  if (callee.kind !== 'ref') return UNKNOWN;
  const name = callee.name;
  if (name === 'builtins.dict' && args) {
    const entries: Record<string, StaticValue> = {};
    let open = false;
    for (const a of args.namedChildren) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const k = a.childForFieldName('name');
        const v = a.childForFieldName('value');
        if (k && v) entries[k.text] = evaluate(v, scope);
      } else if (a.type === 'dictionary_splat') {
        if (mergeDictSplat(a, scope, entries)) open = true;
      } else open = true;
    }
    return { kind: 'dict', entries, open };
  }
  if (name === 'builtins.str' && args) {
    const inner = args.namedChildren.find((c) => c?.type !== 'comment');
    if (inner) {
      const v = evaluate(inner, scope);
      if (v.kind === 'path' || v.kind === 'str' || v.kind === 'fstring') return v;
    }
    return UNKNOWN;
  }
  if (name.startsWith('os.path.') || PATH_CONSTRUCTORS.has(name) || name.startsWith('pathlib.')) return { kind: 'path' };
  return UNKNOWN;
}
