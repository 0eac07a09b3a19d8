// Text-anchored search: the nodes a rule could report on, found from the words that must spell them
// instead of by walking the whole tree. A full traversal of a tree costs about a fifth of parsing it
// (inside wasm, before any rule runs); searching the text for a handful of words costs a few percent,
// and only their occurrences are looked up in the tree.
//
// Call rules (RuleMeta.calleeRoots): every callee they report on has a qualified name whose first
// segment is one of the rule's roots, and static evaluation (scope.ts) only ever builds such a name
// from text that spells it: an import statement (`import torch`, `from torch import load as L`), an
// unbound built-in name (`eval`), and from there aliases — a name assigned a dotted name (`l = L`),
// an import alias — and attribute accesses (`th.load`). So the closure below is a superset of every
// callee that can resolve to a root: start from the roots, look each whole-word occurrence up in
// the tree, climb the dotted chain it is part of, and
//   - a call whose callee is that chain is a candidate;
//   - an assignment of the chain to a name, an `as` alias of it, and the names a `from <chain>
//     import …` binds are new words, searched the same way.
// Occurrences in strings and comments climb to nothing. A word is searched once, whichever rule
// needs it; rules are attached to candidates afterwards by following which words led where.
//
// Other rules (RuleMeta.anchorWords): the reported node is, or is the parent of, the token that
// spells one of the words (the `except` keyword of an except clause).
import type { Node, Tree } from 'web-tree-sitter';
import type { Rule } from '../rules/rule';
import { forEachOccurrence } from './textSearch';
import { MAX_EVALUATION_DEPTH } from './scope';

/** Node types a qualified name is spelled through: `a.b.c`, `(a.b)`, an import's `a.b`. */
const CHAIN_TYPES = new Set(['attribute', 'parenthesized_expression', 'dotted_name']);

export interface Candidate {
  node: Node;
  rules: Set<Rule>;
}

interface CallEffect {
  call: Node;
  /** The callee's last segment as written (`load` in `th.load(…)`); null: the word itself is the callee. */
  last: string | null;
}

interface AliasEffect {
  name: string;
  /** Last segment of what the name is bound to; null: whatever the word itself stands for. */
  last: string | null;
}

interface WordEffects {
  calls: CallEffect[];
  /** Names bound to what this word spells (aliases, names imported from it). */
  aliases: AliasEffect[];
}

/** Text of the last segment of a dotted chain's top node, or null when the chain is the bare word. */
function lastSegment(top: Node, token: Node): string | null {
  let node = top;
  while (node.type === 'parenthesized_expression') {
    const inner = node.namedChildren.find((c) => c?.type !== 'comment');
    if (!inner) return null;
    node = inner;
  }
  if (node.id === token.id) return null;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text ?? null;
  if (node.type === 'dotted_name') {
    const parts = node.namedChildren;
    const lastPart = parts[parts.length - 1];
    return lastPart && lastPart.id !== token.id ? lastPart.text : null;
  }
  return node.text;
}

/** What one occurrence of a callee word leads to (see the header). */
function followOccurrence(root: Node, position: number, length: number, effects: WordEffects): void {
  const token = root.descendantForIndex(position, position + length);
  if (!token || token.startIndex !== position) return;
  // Up the chain the word starts: a name is resolved from its leftmost identifier, so a word that is
  // an attribute (`model.eval`) or an inner part of an import path stands for nothing of its own.
  // Static evaluation gives up beyond MAX_EVALUATION_DEPTH nested expressions, so a longer chain
  // cannot name anything either (and `((((…torch…))))` 10,000 deep must not cost depth² parent lookups).
  let chain: Node = token;
  let parent = chain.parent;
  let depth = 0;
  while (parent && CHAIN_TYPES.has(parent.type) && (parent.startIndex === chain.startIndex || parent.type === 'parenthesized_expression')) {
    if (++depth > MAX_EVALUATION_DEPTH) return;
    chain = parent;
    parent = parent.parent;
  }
  if (!parent) return;
  switch (parent.type) {
    case 'call': {
      // A chain directly under a call is its callee (the arguments sit in an argument_list).
      effects.calls.push({ call: parent, last: lastSegment(chain, token) });
      return;
    }
    case 'assignment': {
      // `x = chain`, and `y = x = chain` binds every target of the chained assignment.
      const last = lastSegment(chain, token);
      let assignment: Node | null = parent;
      let value: Node = chain;
      while (assignment?.type === 'assignment' && assignment.childForFieldName('right')?.id === value.id) {
        const left = assignment.childForFieldName('left');
        if (left?.type === 'identifier') effects.aliases.push({ name: left.text, last });
        value = assignment;
        assignment = assignment.parent;
      }
      return;
    }
    case 'aliased_import': {
      const alias = parent.childForFieldName('alias');
      if (alias && parent.childForFieldName('name')?.id === chain.id) effects.aliases.push({ name: alias.text, last: lastSegment(chain, token) });
      return;
    }
    case 'import_from_statement': {
      if (parent.childForFieldName('module_name')?.id !== chain.id) return;
      for (const child of parent.childrenForFieldName('name')) {
        if (!child) continue;
        const name = child.type === 'aliased_import' ? child.childForFieldName('name') : child;
        const local = child.type === 'aliased_import' ? child.childForFieldName('alias') : child;
        if (name && local) effects.aliases.push({ name: local.text, last: lastSegment(name, token) ?? name.text });
      }
      return;
    }
  }
}

/** Adds everything in `from` to `to`; true when `to` grew. */
function merge<T>(to: Set<T>, from: Iterable<T>): boolean {
  const before = to.size;
  for (const x of from) to.add(x);
  return to.size > before;
}

function setIn<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

/**
 * The candidate nodes of the given anchored rules in `tree`, each with the rules that must see it.
 * `rules` must all declare calleeRoots or anchorWords.
 */
export function anchoredCandidates(tree: Tree, text: string, rules: readonly Rule[]): Candidate[] {
  const root = tree.rootNode;
  const byId = new Map<number, Candidate>();
  const add = (node: Node, rule: Rule) => {
    const c = byId.get(node.id);
    if (c) c.rules.add(rule);
    else byId.set(node.id, { node, rules: new Set([rule]) });
  };

  // Call rules: the word closure, then which rules reach which calls.
  const callRules = rules.filter((r) => r.calleeRoots);
  if (callRules.length > 0) {
    const effects = new Map<string, WordEffects>();
    // Breadth first, one text search per round for all the words new in it.
    let round: string[] = [];
    const enqueue = (word: string) => {
      if (effects.has(word)) return;
      effects.set(word, { calls: [], aliases: [] });
      round.push(word);
    };
    for (const rule of callRules) for (const word of rule.calleeRoots ?? []) enqueue(word);
    while (round.length > 0) {
      const words = round;
      round = [];
      forEachOccurrence(text, words, true, (word, at) => followOccurrence(root, at, word.length, effects.get(word) as WordEffects));
      for (const word of words) for (const alias of (effects.get(word) as WordEffects).aliases) enqueue(alias.name);
    }
    // For each word: the rules it may stand for (its own roots, those of every word it aliases) and
    // the last segments of what it may be bound to (a root stands for itself: `eval`, `torch`).
    const origins = new Map<string, Set<Rule>>();
    const lasts = new Map<string, Set<string>>();
    for (const rule of callRules) {
      for (const word of rule.calleeRoots ?? []) {
        setIn(origins, word).add(rule);
        setIn(lasts, word).add(word);
      }
    }
    for (let changed = true; changed;) {
      changed = false;
      for (const [word, e] of effects) {
        const from = origins.get(word);
        if (!from) continue;
        for (const alias of e.aliases) {
          if (merge(setIn(origins, alias.name), from)) changed = true;
          if (merge(setIn(lasts, alias.name), alias.last === null ? lasts.get(word) ?? [] : [alias.last])) changed = true;
        }
      }
    }
    for (const [word, e] of effects) {
      const from = origins.get(word);
      if (!from) continue;
      for (const { call, last } of e.calls) {
        const possible = last === null ? lasts.get(word) ?? new Set<string>() : new Set([last]);
        for (const rule of from) {
          if (rule.calleeLast && !rule.calleeLast.some((l) => possible.has(l))) continue;
          add(call, rule);
        }
      }
    }
  }

  // Keyword-anchored rules: the token spelling the word, or its parent, is the node.
  for (const rule of rules) {
    if (!rule.anchorWords) continue;
    const types = new Set(rule.nodeTypes);
    forEachOccurrence(text, rule.anchorWords, true, (word, at) => {
      const token = root.descendantForIndex(at, at + word.length);
      if (!token || token.startIndex !== at) return;
      if (types.has(token.type)) add(token, rule);
      else {
        const parent = token.parent;
        if (parent && types.has(parent.type)) add(parent, rule);
      }
    });
  }
  // Document order, outer nodes first (as a walk would visit them).
  return [...byId.values()].sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex);
}

/** Function, class and lambda nodes enclosing `node`, outermost first. */
export function enclosingScopeNodes(root: Node, node: Node, scopeTypes: ReadonlySet<string>): Node[] {
  const found: Node[] = [];
  let current: Node | null = root;
  for (let steps = 0; current && current.id !== node.id && steps < 100_000; steps++) {
    const next: Node | null = current.childWithDescendant(node);
    if (!next || next.id === current.id) break;
    if (next.id !== node.id && scopeTypes.has(next.type)) found.push(next);
    current = next;
  }
  return found;
}
