// A Python scope: the names its body binds (collected by bindings.ts) and what each is worth as read
// there, following Python's rules (evaluated by evaluate.ts). This is what turns `th.load` into
// `torch.load` and `wo` into `True`.
import type { Node } from 'web-tree-sitter';
import { StaticValue, UNKNOWN } from './values';
import { BindingTable, collectScope, type Binding, type ScopeKind } from './bindings';
import { evaluate } from './evaluate';

/** Builtins that rules refer to; an unbound name from this list resolves to `builtins.<name>`. */
const BUILTINS = new Set(['eval', 'exec', 'compile', 'open', '__import__', 'str', 'dict', 'bool', 'int', 'float', 'repr', 'input', 'getattr', 'Exception', 'BaseException']);

export class Scope extends BindingTable {
  private readonly memo = new Map<string, StaticValue>();
  /** The names being evaluated, each with its place on the stack of evaluations. */
  private readonly evaluating = new Map<string, number>();
  /** The lowest stack place an evaluation under way has reached back to (a cycle), or Infinity. */
  private reached = Number.POSITIVE_INFINITY;

  /** A scope whose bindings are collected on first need (Scope.lazy). */
  private pending?: { node: Node; bindingNodes: () => readonly Node[] | undefined; mayBind: (name: string) => boolean };

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
    super();
    if (node) collectScope(this, kind, node, bindingNodes, checkDeadline);
  }

  /**
   * A nested scope that collects its bindings only when a name is looked up that it may bind:
   * `mayBind(name)` false must mean that no binding of `name` lies inside `node` (the anchored
   * analysis knows this for the words it searched: every occurrence in the node is a plain use).
   */
  static lazy(kind: ScopeKind, parent: Scope, node: Node, bindingNodes: () => readonly Node[] | undefined, mayBind: (name: string) => boolean): Scope {
    const scope = new Scope(kind, parent, undefined);
    scope.pending = { node, bindingNodes, mayBind };
    return scope;
  }

  /** Collects the bindings now if `name` may be one of them. */
  private settle(name: string): void {
    const pending = this.pending;
    if (!pending || !pending.mayBind(name)) return;
    this.pending = undefined;
    collectScope(this, this.kind, pending.node, pending.bindingNodes());
  }

  /** The scope in which `name` is bound, following Python's rules (class bodies are skipped from methods). */
  private owner(name: string): Scope | undefined {
    this.settle(name);
    if (this.globals.has(name)) {
      if (this.kind === 'module') return this;
      let s = this.parent;
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

  /**
   * A name's value, memoized. A name whose value depends on itself (`a = (b, 1)`, `b = a`) is
   * unknown, and so is every name on that cycle, whichever was asked first: values do not depend on
   * the order of the questions, so checking a few statements of a file answers as checking all of them.
   */
  private valueOf(name: string): StaticValue {
    const cached = this.memo.get(name);
    if (cached) return cached;
    const onStack = this.evaluating.get(name);
    if (onStack !== undefined) {
      this.reached = Math.min(this.reached, onStack);
      return UNKNOWN;
    }
    const place = this.evaluating.size;
    const outer = this.reached;
    this.reached = Number.POSITIVE_INFINITY;
    this.evaluating.set(name, place);
    let value = this.computeValue(this.bindings.get(name) ?? []);
    this.evaluating.delete(name);
    // Reaching back to this name or below it: it is on a cycle.
    if (this.reached <= place) value = UNKNOWN;
    this.reached = Math.min(outer, this.reached < place ? this.reached : Number.POSITIVE_INFINITY);
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
