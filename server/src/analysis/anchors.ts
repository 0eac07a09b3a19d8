// Text-anchored search: the nodes a rule could report on, found from the words that must spell them
// instead of by walking the whole tree. A full traversal of a tree costs about a fifth of parsing it
// (inside wasm, before any rule runs); searching the text for a handful of words costs a few percent,
// and only their occurrences are looked up in the tree.
//
// This module is the entry point and holds the searches that take one lookup per occurrence; each
// search with more to it has its own module:
//   - call rules (calleeRoots, `match.calls`): the closure over words that may name a callee, in
//     callAnchors.ts (what one occurrence does: occurrences.ts);
//   - node rules whose node holds their text (textAnchors, `match.textIn: 'node'`): textAnchors.ts;
//   - keyword rules (anchorWords: the keyword of a node kind): the reported node is, or is the parent
//     of, the token that spells one of the words (the `except` keyword of an except clause), here;
//   - string-literal rules (literalAnchors, `match.strings`): the literal whose source text holds the
//     string, here.
import type { Node, Tree } from 'web-tree-sitter';
import type { Rule } from '../rules/rule';
import { prefilterOf } from '../rules/prefilter';
import type { AnalysisConfig } from '../config/analysisConfig';
import { forEachOccurrence, Match } from './textSearch';
import { textAnchoredCandidates } from './textAnchors';
import { callCandidates, WordSites } from './callAnchors';
import type { TextSpan } from './spans';

export type { WordSites } from './callAnchors';

/** Levels from the text in a string literal up to the literal: content, interpolation, expression. */
const LITERAL_CLIMB = 4;

export interface Candidate {
  node: Node;
  rules: Set<Rule>;
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

  // Call rules: the word closure, then which rules reach which calls (callAnchors.ts).
  const callRules = rules.filter((r) => prefilterOf(r).calleeRoots);
  if (callRules.length > 0) callCandidates(root, text, callRules, add, { clean, wordMatch, sites, checkDeadline, searched });

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
