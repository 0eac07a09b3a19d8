// Text-anchored search: the nodes a rule could report on, found from the words that must spell them
// instead of by walking the whole tree. A full traversal of a tree costs about a fifth of parsing it
// (inside wasm, before any rule runs); searching the text for a handful of words costs a few percent,
// and only their occurrences are looked up in the tree.
//
// Call rules (their calleeRoots, derived from `match.calls` in rules/prefilter.ts): every callee they report on has a qualified name whose first
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
// Each word also carries the qualified names it may stand for (`torch.nn` for `nn` after `from
// torch import nn`) and their last segments. A word no rule's callee can start from is not
// searched at all, and a call is kept for a rule only when a name it may have is one the rule
// reports on. In a tree without syntax errors a written call (`torch.nn.Linear(`) cannot bind a
// name or start an alias, so it is looked up only at the end, and only if a rule could want it.
//
// Other rules (anchorWords: the keyword of a node kind): the reported node is, or is the parent of, the token that
// spells one of the words (the `except` keyword of an except clause). String-literal rules
// (literalAnchors, `match.strings`): the literal whose source text holds the string. Node rules
// whose node holds their text (textAnchors, `match.textIn: 'node'`): see textAnchors.ts.
import type { Node, Tree } from 'web-tree-sitter';
import type { Rule } from '../rules/rule';
import { prefilterOf } from '../rules/prefilter';
import type { AnalysisConfig } from '../config/analysisConfig';
import { forEachOccurrence, Match, WordIndex } from './textSearch';
import { textAnchoredCandidates } from './textAnchors';
import { MAX_EVALUATION_DEPTH, dotted } from './scope';
import type { TextSpan } from './spans';

/** Node types a qualified name is spelled through: `a.b.c`, `(a.b)`, an import's `a.b`. */
const CHAIN_TYPES = new Set(['attribute', 'parenthesized_expression', 'dotted_name']);
/** What an identifier's text can be: no dots, blanks, brackets or quotes. */
const PLAIN_NAME = /^[^\s.()[\]{}'"\\#,;:=]+$/;
/** Levels from the text in a string literal up to the literal: content, interpolation, expression. */
const LITERAL_CLIMB = 4;
/** Rounds of the word closure searched in the text directly; later ones use a WordIndex. */
const SEARCH_ROUNDS = 3;

export interface Candidate {
  node: Node;
  rules: Set<Rule>;
}

/** Where each searched word occurs (whole word), and which of those occurrences are plain uses. */
export type WordSites = Map<string, { at: number[]; uses: Set<number> }>;

interface CallEffect {
  call: Node;
  /** The callee's last segment as written (`load` in `th.load(…)`); null: the word itself is the callee. */
  last: string | null;
  /** What the callee adds to the word (`.nn.Linear`, '' for the word alone); null: not a plain chain. */
  suffix: string | null;
}

interface AliasEffect {
  name: string;
  /** Last segment of what the name is bound to; null: whatever the word itself stands for. */
  last: string | null;
  /** The qualified name bound, when the binding spells it whole (imports). */
  value?: string;
  /** Otherwise what the binding adds to the word's values ('' for `x = word`); null: unknown. */
  suffix?: string | null;
}

interface WordEffects {
  calls: CallEffect[];
  /** Names bound to what this word spells (aliases, names imported from it). */
  aliases: AliasEffect[];
  /** Written calls not looked up yet (error-free trees only): looked up once the rules are known. */
  deferred: { at: number; written: WrittenCallee }[];
}

interface WrittenCallee {
  end: number;
  last: string | null;
  suffix: string;
  paren: number;
}

/** What a word may stand for, as far as the search can tell. */
interface WordState {
  /** Rules whose callees the word may start. */
  origins: Set<Rule>;
  /** Last segments of the qualified names the word may be bound to; null: any (no pruning). */
  lasts: Set<string> | null;
  /** The qualified names the word may be bound to; null: unknown (no pruning). */
  values: Set<string> | null;
}

/** Past these, a word's values are unknown (a self-extending alias such as `a = a.b` would never stop). */
const MAX_VALUES = 64;
/** Past this many, a word's last segments are "any": n names each bound to n attributes must not cost n². */
const MAX_LASTS = 64;
const MAX_SEGMENTS = 24;

/**
 * `word` + what follows it in `chain`'s text when the chain is a plain dotted name (parentheses and
 * blanks are dropped, as static evaluation drops them): `.load` for `(th) . load`. Null otherwise.
 */
function chainSuffix(chain: Node, word: string): string | null {
  // Blanks only around dots and parentheses: `a b` glued into `ab` would be another name.
  const flat = chain.text.replace(/\s*([.()])\s*/g, '$1').replace(/[()]/g, '');
  if (!flat.startsWith(word)) return null;
  const rest = flat.slice(word.length);
  return /^(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(rest) ? rest : null;
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

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * The dotted name written from `from` on (`.nn.Linear`, ASCII names, spaces and tabs around dots):
 * where it ends, its last name (null: none, the word alone), and the index of a `(` right after it.
 */
function writtenCallee(text: string, from: number): WrittenCallee {
  let end = from;
  let last: string | null = null;
  let suffix = '';
  let i = from;
  const skipBlanks = () => {
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  };
  for (;;) {
    skipBlanks();
    if (text.charCodeAt(i) !== 46) break; // '.'
    i++;
    skipBlanks();
    IDENTIFIER.lastIndex = i;
    const m = IDENTIFIER.exec(text);
    if (!m) break;
    i += m[0].length;
    end = i;
    last = m[0];
    suffix += `.${m[0]}`;
  }
  i = end;
  skipBlanks();
  return { end, last, suffix, paren: text.charCodeAt(i) === 40 ? i : -1 };
}

/**
 * The call whose callee is exactly the chain written at `position` (`torch.nn.Linear(`): one lookup
 * instead of climbing parent by parent (each parent lookup descends from the root). Null when the
 * tree has something else there (a string, a class pattern, broken code).
 */
function writtenCall(root: Node, position: number, written: WrittenCallee): Node | null {
  const call = root.descendantForIndex(position, written.paren + 1);
  if (!call || call.type !== 'call' || call.startIndex !== position) return null;
  const fn = call.childForFieldName('function');
  return fn && fn.startIndex === position && fn.endIndex === written.end ? call : null;
}

/** Whether the name at `position` follows `def` or `class` (it is then being defined, not called). */
function followsDefinitionKeyword(text: string, position: number): boolean {
  let i = position - 1;
  while (i >= 0 && /[ \t\\\r\n]/.test(text[i])) i--;
  const end = i + 1;
  while (i >= 0 && /[A-Za-z]/.test(text[i])) i--;
  const keyword = text.slice(i + 1, end);
  return keyword === 'def' || keyword === 'class';
}

/**
 * Returns whether the occurrence is a plain use of the word: it reads the name, never binds it.
 * In a tree without syntax errors, a written `name(.name)*(` is a call of exactly that chain, or
 * sits in a string or comment, or is a class pattern — never a binding or the source of an alias —
 * unless `def` or `class` precede a bare name: such occurrences are not looked up now but deferred
 * until the rules they could matter to are known.
 */
function followOccurrence(root: Node, text: string, position: number, word: string, effects: WordEffects, clean: boolean, checkDeadline: () => void): boolean {
  const length = word.length;
  // In a tree with syntax errors, an ERROR node may sit inside a chain (`pickle.from load(f)` is a
  // call of pickle.load): what is written says nothing there, only the tree does.
  const written = writtenCallee(text, position + length);
  if (clean && written.paren !== -1 && (written.last !== null || !followsDefinitionKeyword(text, position))) {
    effects.deferred.push({ at: position, written });
    return true;
  }
  // Likewise a bare name followed by `=` (not `==`) is a target or a keyword's name: it binds, and
  // starts no call or alias. Said from the text, since each lookup of a node's parent costs the
  // node's depth (`a1 = a2 = … = an = torch` nests n assignments).
  if (clean && written.last === null) {
    let i = written.end;
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    if (text.charCodeAt(i) === 61 && text.charCodeAt(i + 1) !== 61) return false;
  }
  const token = root.descendantForIndex(position, position + length);
  if (!token || token.startIndex !== position) return false;
  // Up the chain the word starts: a name is resolved from its leftmost identifier, so a word that is
  // an attribute (`model.eval`) or an inner part of an import path stands for nothing of its own.
  // Static evaluation gives up beyond MAX_EVALUATION_DEPTH nested expressions, so a longer chain
  // cannot name anything either (and `((((…torch…))))` 10,000 deep must not cost depth² parent lookups).
  let chain: Node = token;
  let parent = chain.parent;
  let depth = 0;
  while (parent && CHAIN_TYPES.has(parent.type) && (parent.startIndex === chain.startIndex || parent.type === 'parenthesized_expression')) {
    if (++depth > MAX_EVALUATION_DEPTH) return false;
    chain = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  switch (parent.type) {
    case 'call': {
      // A chain directly under a call is its callee (the arguments sit in an argument_list).
      effects.calls.push({ call: parent, last: lastSegment(chain, token), suffix: chain.id === token.id ? '' : clean ? chainSuffix(chain, word) : null });
      return true;
    }
    case 'assignment': {
      // `x = chain`, and `y = x = chain` binds every target of the chained assignment.
      const last = lastSegment(chain, token);
      const suffix = chain.id === token.id ? '' : clean ? chainSuffix(chain, word) : null;
      // Climbing `parent` costs a descent from the root each: for `a1 = … = an = chain` the
      // ancestors come from one descent instead (only when the assignment is itself a value).
      if (parent.childForFieldName('right')?.id !== chain.id) return false;
      const above = parent.parent;
      const ancestors = above?.type === 'assignment' ? pathTo(root, above, checkDeadline) : [];
      const climb = (node: Node): Node | null | undefined => {
        if (ancestors.length > 0 && ancestors[ancestors.length - 1].id === node.id) {
          ancestors.pop();
          return ancestors[ancestors.length - 1] ?? null;
        }
        return node.parent;
      };
      let assignment: Node | null | undefined = parent;
      let value: Node = chain;
      let assigned = false;
      while (assignment?.type === 'assignment' && assignment.childForFieldName('right')?.id === value.id) {
        const left = assignment.childForFieldName('left');
        if (left?.type === 'identifier') effects.aliases.push({ name: left.text, last, suffix });
        assigned = true;
        checkDeadline();
        value = assignment;
        assignment = assignment.id === parent.id ? above : climb(assignment);
      }
      return assigned;
    }
    case 'aliased_import': {
      // `import a.b as N` binds N to a.b. In `from m import a as N` the name is m.a: that is the
      // module's word to follow, not this one.
      if (parent.parent?.type === 'import_from_statement') return false;
      const alias = parent.childForFieldName('alias');
      if (!alias || parent.childForFieldName('name')?.id !== chain.id) return false;
      effects.aliases.push({ name: alias.text, last: lastSegment(chain, token), value: dotted(chain) });
      return true;
    }
    case 'import_from_statement': {
      if (parent.childForFieldName('module_name')?.id !== chain.id) return false;
      const module = dotted(chain);
      for (const child of parent.childrenForFieldName('name')) {
        if (!child) continue;
        const name = child.type === 'aliased_import' ? child.childForFieldName('name') : child;
        const local = child.type === 'aliased_import' ? child.childForFieldName('alias') : child;
        if (name && local) effects.aliases.push({ name: local.text, last: lastSegment(name, token) ?? name.text, value: `${module}.${dotted(name)}` });
      }
      return true;
    }
  }
  return false;
}

/** Adds everything in `from` to `to`; true when `to` grew. */
function merge<T>(to: Set<T>, from: Iterable<T>): boolean {
  const before = to.size;
  for (const x of from) to.add(x);
  return to.size > before;
}

/**
 * The candidate nodes of the given anchored rules in `tree`, each with the rules that must see it.
 * `rules` must all be anchored (rules/prefilter.ts). When `sites` is given, it is
 * filled with every occurrence of the words followed and which of them are plain uses.
 * `checkDeadline` throws when the analysis is over its budget: it is called in every loop whose
 * length the text controls (occurrences, aliases, candidates). With `searched` (sorted, disjoint
 * spans), only occurrences inside them are followed: the caller keeps the candidates of the part it
 * checks, and includes in `searched` all code whose aliases that part can see.
 */
export function anchoredCandidates(
  tree: Tree,
  text: string,
  rules: readonly Rule[],
  config: AnalysisConfig,
  sites?: WordSites,
  checkDeadline: () => void = () => {},
  searched?: readonly TextSpan[],
): Candidate[] {
  const root = tree.rootNode;
  const byId = new Map<number, Candidate>();
  // Without a syntax error in the tree no name can follow a number directly (`1subprocess`).
  const clean = !root.hasError;
  const wordMatch: Match = clean ? 'word' : 'word-or-digit-run';
  const add = (node: Node, rule: Rule) => {
    const c = byId.get(node.id);
    if (c) c.rules.add(rule);
    else byId.set(node.id, { node, rules: new Set([rule]) });
  };

  // Call rules: the word closure, then which rules reach which calls.
  const callRules = rules.filter((r) => prefilterOf(r).calleeRoots);
  if (callRules.length > 0) {
    const effects = new Map<string, WordEffects>();
    const states = new Map<string, WordState>();
    const stateOf = (word: string): WordState => {
      let st = states.get(word);
      if (!st) states.set(word, (st = { origins: new Set(), lasts: new Set(), values: new Set() }));
      return st;
    };
    for (const rule of callRules) {
      for (const word of prefilterOf(rule).calleeRoots ?? []) {
        const st = stateOf(word);
        st.origins.add(rule);
        st.lasts?.add(word);
        // A root is a module's name, or a built-in's (`eval` unbound is builtins.eval).
        st.values?.add(word);
        st.values?.add(`builtins.${word}`);
      }
    }
    // The rules a word can still lead to: with known values, only those with a callee under one.
    const live = (st: WordState): Rule[] =>
      [...st.origins].filter((r) => {
        const couldStartWith = prefilterOf(r).calleeCouldStartWith;
        if (!couldStartWith || st.values === null) return true;
        for (const v of st.values) if (couldStartWith(v)) return true;
        return false;
      });
    // A worklist: a word's aliases are followed again only when its state grew (states only grow, and
    // a word's live rules with them), so a chain of n aliases costs n steps, not n rounds of n.
    const dirty: string[] = [];
    const isDirty = new Set<string>();
    // Words whose state grew and that were not searched yet: the next round's candidates.
    const unsearched = new Set<string>(states.keys());
    const grew = (word: string) => {
      if (!effects.has(word)) unsearched.add(word);
      else if (!isDirty.has(word)) {
        isDirty.add(word);
        dirty.push(word);
      }
    };
    const propagate = () => {
      for (let word = dirty.pop(); word !== undefined; word = dirty.pop()) {
        checkDeadline();
        isDirty.delete(word);
        const e = effects.get(word) as WordEffects;
        const from = stateOf(word);
        const rulesFrom = live(from);
        if (rulesFrom.length === 0) continue;
        for (const alias of e.aliases) {
          // Only a name can be looked up. (Broken code can make an import "bind" `a.b`.)
          if (!PLAIN_NAME.test(alias.name)) continue;
          const to = stateOf(alias.name);
          let changed = merge(to.origins, rulesFrom);
          if (to.lasts !== null) {
            const lasts = alias.last === null ? from.lasts : [alias.last];
            if (lasts === null) {
              to.lasts = null;
              changed = true;
            } else if (merge(to.lasts, lasts)) {
              changed = true;
              if (to.lasts.size > MAX_LASTS) to.lasts = null;
            }
          }
          if (to.values !== null) {
            let add: Iterable<string> | null;
            if (alias.value !== undefined) add = [alias.value];
            else if (alias.suffix === null || alias.suffix === undefined || from.values === null) add = null;
            else add = [...from.values].map((v) => v + (alias.suffix as string));
            if (add === null) {
              to.values = null;
              changed = true;
            } else if (merge(to.values, add)) {
              changed = true;
              if (to.values.size > MAX_VALUES || [...to.values].some((v) => v.split('.').length > MAX_SEGMENTS)) to.values = null;
            }
          }
          if (changed) grew(alias.name);
        }
      }
    };
    // Breadth first, one search per round for every word that became live in it. A long chain of
    // aliases takes one round per link: after a few rounds every remaining word is looked up in an
    // index of the text's names built once, so the rounds cost what their words' occurrences cost.
    let index: WordIndex | undefined;
    for (let rounds = 0; ; rounds++) {
      propagate();
      const round = [...unsearched].filter((word) => live(stateOf(word)).length > 0);
      unsearched.clear();
      if (round.length === 0) break;
      for (const word of round) effects.set(word, { calls: [], aliases: [], deferred: [] });
      for (const word of round) sites?.set(word, { at: [], uses: new Set() });
      const follow = (word: string, at: number) => {
        checkDeadline();
        const plain = followOccurrence(root, text, at, word, effects.get(word) as WordEffects, clean, checkDeadline);
        const site = sites?.get(word);
        if (site) {
          site.at.push(at);
          if (plain) site.uses.add(at);
        }
      };
      if (rounds < SEARCH_ROUNDS) forEachOccurrence(text, round, wordMatch, follow, searched);
      else (index ??= new WordIndex(text, wordMatch, checkDeadline)).forEachOccurrence(round, follow, searched);
      for (const word of round) grew(word);
    }
    for (const [word, e] of effects) {
      const st = stateOf(word);
      const rulesHere = live(st);
      const accepting = (last: string | null, suffix: string | null): Rule[] => {
        const possible = last === null ? st.lasts : new Set([last]);
        return rulesHere.filter((rule) => {
          const { callMatches, calleeLast } = prefilterOf(rule);
          if (callMatches && st.values !== null && suffix !== null) {
            // The callee's qualified name is one of the word's values followed by what is written.
            return [...st.values].some((v) => callMatches(v + suffix));
          }
          return !calleeLast || possible === null || calleeLast.some((l) => possible.has(l));
        });
      };
      checkDeadline();
      for (const { call, last, suffix } of e.calls) for (const rule of accepting(last, suffix)) add(call, rule);
      for (const { at, written } of e.deferred) {
        checkDeadline();
        const rulesThere = accepting(written.last, written.suffix);
        if (rulesThere.length === 0) continue;
        const call = writtenCall(root, at, written);
        if (call) for (const rule of rulesThere) add(call, rule);
      }
    }
  }

  // Keyword-anchored rules: the token spelling the word, or its parent, is the node. One search for
  // all of them (B110 and B112 both anchor on `except`).
  const keywordRules = rules.filter((r) => prefilterOf(r).anchorWords);
  if (keywordRules.length > 0) {
    const words = [...new Set(keywordRules.flatMap((r) => prefilterOf(r).anchorWords ?? []))];
    forEachOccurrence(
      text,
      words,
      wordMatch,
      (word, at) => {
        checkDeadline();
        const token = root.descendantForIndex(at, at + word.length);
        if (!token || token.startIndex !== at) return;
        let parent: Node | null | undefined;
        for (const rule of keywordRules) {
          const { anchorWords, nodeTypes } = prefilterOf(rule);
          if (!anchorWords?.includes(word)) continue;
          if (nodeTypes.includes(token.type)) add(token, rule);
          else {
            if (parent === undefined) parent = token.parent;
            if (parent && nodeTypes.includes(parent.type)) add(parent, rule);
          }
        }
      },
      searched,
    );
  }
  // Node rules whose node holds their text (textAnchors.ts).
  const textRules = rules.filter((r) => prefilterOf(r).textAnchors);
  if (textRules.length > 0) textAnchoredCandidates(root, text, textRules, add, checkDeadline, searched);
  // String-literal rules: the literal holding the text (the first part of a concatenation).
  for (const rule of rules) {
    const literalAnchors = prefilterOf(rule).literalAnchors;
    if (!literalAnchors) continue;
    forEachOccurrence(
      text,
      literalAnchors(config),
      'substring',
      (s, at) => {
        checkDeadline();
        let node = root.descendantForIndex(at, at + s.length);
        // From the string's content (or an interpolation's) up to the literal; a few levels at most.
        for (let i = 0; node && node.type !== 'string' && node.type !== 'concatenated_string' && i < LITERAL_CLIMB; i++) node = node.parent;
        if (!node) return;
        const whole = node.type === 'concatenated_string' ? node : node.parent?.type === 'concatenated_string' ? node.parent : null;
        if (whole) node = whole.namedChildren.find((c) => c?.type === 'string') ?? null;
        if (node?.type === 'string') add(node, rule);
      },
      searched,
    );
  }
  // Document order, outer nodes first (as a walk would visit them).
  return [...byId.values()].sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex);
}

/**
 * `root`, the nodes from it down to `node`, and `node` itself, in one descent (`childWithDescendant`
 * costs a node's children; `parent` costs a search from the root, and so do cursor steps, nearly).
 * Stops early, without `node`, if the descent cannot place it.
 */
function pathTo(root: Node, node: Node, checkDeadline: () => void): Node[] {
  const path: Node[] = [root];
  let current = root;
  while (current.id !== node.id) {
    if ((path.length & 255) === 0) checkDeadline();
    const next: Node | null = current.childWithDescendant(node);
    if (!next || next.id === current.id) break;
    path.push(next);
    current = next;
  }
  return path;
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
