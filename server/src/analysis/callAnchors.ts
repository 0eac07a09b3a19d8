// The anchored search for call rules (their calleeRoots, derived from `match.calls` in
// rules/prefilter.ts): the calls a rule could report on, found from the words that must spell them.
//
// Every callee a call rule reports on has a qualified name whose first segment is one of the rule's
// roots, and static evaluation (scope.ts) only ever builds such a name from text that spells it: an
// import statement (`import torch`, `from torch import load as L`), an unbound built-in name (`eval`),
// and from there aliases — a name assigned a dotted name (`l = L`), an import alias — and attribute
// accesses (`th.load`). So the closure below is a superset of every callee that can resolve to a
// root: start from the roots, look each whole-word occurrence up in the tree, climb the dotted chain
// it is part of, and
//   - a call whose callee is that chain is a candidate;
//   - an assignment of the chain to a name, an `as` alias of it, and the names a `from <chain>
//     import …` binds are new words, searched the same way.
// (What one occurrence does is read in occurrences.ts.) Occurrences in strings and comments climb to
// nothing. A word is searched once, whichever rule needs it; rules are attached to candidates
// afterwards by following which words led where.
//
// Each word also carries the qualified names it may stand for (`torch.nn` for `nn` after `from
// torch import nn`) and their last segments. A word no rule's callee can start from is not
// searched at all, and a call is kept for a rule only when a name it may have is one the rule
// reports on. In a tree without syntax errors a written call (`torch.nn.Linear(`) cannot bind a
// name or start an alias, so it is looked up only at the end, and only if a rule could want it.
import type { Node } from 'web-tree-sitter';
import type { Rule } from '../rules/rule';
import { prefilterOf } from '../rules/prefilter';
import { forEachOccurrence, Match, WordIndex } from './textSearch';
import { followOccurrence, WordEffects, writtenCall } from './occurrences';
import type { TextSpan } from './spans';

/** What an identifier's text can be: no dots, blanks, brackets or quotes. */
const PLAIN_NAME = /^[^\s.()[\]{}'"\\#,;:=]+$/;
/** Rounds of the word closure searched in the text directly; later ones use a WordIndex. */
const SEARCH_ROUNDS = 3;

/** Where each searched word occurs (whole word), and which of those occurrences are plain uses. */
export type WordSites = Map<string, { at: number[]; uses: Set<number> }>;

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

/** Adds everything in `from` to `to`; true when `to` grew. */
function merge<T>(to: Set<T>, from: Iterable<T>): boolean {
  const before = to.size;
  for (const x of from) to.add(x);
  return to.size > before;
}

/** How the search runs: see anchoredCandidates (anchors.ts), which hands its own on. */
export interface CallSearch {
  /** The tree has no syntax error. */
  clean: boolean;
  wordMatch: Exclude<Match, 'substring'>;
  sites?: WordSites;
  checkDeadline: () => void;
  searched?: readonly TextSpan[];
}

/** Hands `add` every candidate call of the call rules `rules` (each has calleeRoots) in the tree of `text`. */
export function callCandidates(root: Node, text: string, rules: readonly Rule[], add: (node: Node, rule: Rule) => void, search: CallSearch): void {
  const { clean, wordMatch, sites, checkDeadline, searched } = search;
  const effects = new Map<string, WordEffects>();
  const states = new Map<string, WordState>();
  const stateOf = (word: string): WordState => {
    let st = states.get(word);
    if (!st) states.set(word, (st = { origins: new Set(), lasts: new Set(), values: new Set() }));
    return st;
  };
  for (const rule of rules) {
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
