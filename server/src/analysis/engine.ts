// The engine: a parsed tree and the rules it is handed → raw findings (suppressions are applied one
// layer up, check/source.ts). Over the whole file, or over a region of incremental units (units.ts).
import type { Node, Tree } from 'web-tree-sitter';
import { Finding, Severity, rangeOf } from './types';
import { Scope } from './scope';
import { evaluate } from './evaluate';
import { refName, StaticValue } from './values';
import { callArguments, CallArguments } from './calls';
import { walk, nodeTypeIds } from './walker';
import { anchoredCandidates, WordSites } from './anchors';
import { candidateScopes } from './candidateScopes';
import { forEachOccurrence } from './textSearch';
import type { Unit } from './units';
import { TextSpan, mergeSpans, within } from './spans';
import { cachingLookup, HfCacheLookup } from './hfCache';
import type { Rule, RuleContext, ReportInput } from '../rules/rule';
import { prefilterOf } from '../rules/prefilter';
import { AnalysisConfig, isCodeEnabled } from '../config/analysisConfig';

export interface AnalyzeOptions {
  config: AnalysisConfig;
  /** Rules to run (enabled ones: the engine never reads the registry; the caller hands them down). */
  rules: readonly Rule[];
  /** A module scope built earlier for this same tree (the incremental path reuses it). */
  moduleScope?: Scope;
  /**
   * The part of the file to check: the incremental units an edit touched (units.ts) and the
   * context the word search must also read (every unit that is not a function: the module- and
   * class-level code that can bind aliases). The whole file when omitted.
   */
  region?: AnalysisRegion;
  hfCache?: HfCacheLookup;
  /**
   * Time limit for running the rules, in ms (0 or absent: none). Rules are cheap per node, but some
   * questions (a node's ancestors) cost time proportional to nesting depth, so pathological nesting
   * could otherwise hold a file for minutes. Exceeding it throws AnalysisTimeoutError.
   */
  budgetMs?: number;
  /**
   * Called once per rule that throws; the other rules go on. Running out of the budget inside a rule
   * is not a rule error: AnalysisTimeoutError propagates.
   */
  onRuleError?: (rule: Rule, error: unknown, node: Node) => void;
  /**
   * Whether rules whose match can be anchored (prefilter.ts) get only the nodes found from their
   * words (anchors.ts) instead of a walk over every node of their types. Default: on, for a whole
   * file and a region alike. Off gives the reference result the anchored one must equal.
   */
  anchored?: boolean;
  /** Filled with the words the anchored search followed and where (the sparse scan checks them: sparse.ts). */
  wordSites?: WordSites;
}

export interface AnalysisRegion {
  units: readonly Unit[];
  context: readonly TextSpan[];
}

/** One remembering lookup per cache folder ('' is the environment's), so a keystroke never re-reads it. */
const hfCacheLookups = new Map<string, HfCacheLookup>();

function hfCacheLookupFor(dir: string | undefined): HfCacheLookup {
  const key = dir ?? '';
  let lookup = hfCacheLookups.get(key);
  if (!lookup) {
    if (hfCacheLookups.size >= 16) hfCacheLookups.clear(); // a few folders per session; bounded anyway
    lookup = cachingLookup(dir);
    hfCacheLookups.set(key, lookup);
  }
  return lookup;
}

export class AnalysisTimeoutError extends Error {
  constructor(readonly budgetMs: number) {
    super(`over its time limit: the analysis took longer than ${budgetMs} ms`);
  }
}

/** The rules of `rules` (the registry, handed down) that the configuration enables. */
export function enabledRules(config: AnalysisConfig, rules: readonly Rule[]): Rule[] {
  return rules.filter((r) => isCodeEnabled(r.code, config));
}

/**
 * Sound pre-filter: the rules that could possibly report something in `text`. From each rule's
 * declared match (rules/prefilter.ts): when it has word lists, every word of one list must occur as
 * a whole word; and one string of each of its substring groups must occur. Each is a necessary
 * condition on its own, so both together are.
 */
export function rulesForText(text: string, rules: readonly Rule[], config: AnalysisConfig): Rule[] {
  return rulesPresent(textPresence(text, rules, config), rules, config);
}

/**
 * What of the pre-filter's words and strings a text (or the given spans of it) holds. Presences can
 * be merged: the editor keeps one per document and adds what each edit's re-checked units hold, a
 * superset of the truth (words deleted stay counted until the next full analysis), which keeps the
 * filter sound.
 */
export interface TextPresence {
  words: Set<string>;
  strings: Set<string>;
}

export function textPresence(text: string, rules: readonly Rule[], config: AnalysisConfig, spans?: readonly TextSpan[]): TextPresence {
  const filter = compiledFilter(rules, config);
  const words = new Set<string>();
  forEachOccurrence(text, filter.words, 'word-or-digit-run', (w) => words.add(w), spans);
  // A string inside a word found is there; the rest (`nosec`, `/tmp`) is looked for, in one pass.
  const strings = new Set<string>();
  const rest: string[] = [];
  for (const t of filter.strings) {
    if ((filter.inWords.get(t) ?? []).some((w) => words.has(w))) strings.add(t);
    else rest.push(t);
  }
  // The search reports the longest string at each position: the shorter ones it starts with are there too.
  forEachOccurrence(
    text,
    rest,
    'substring',
    (t) => {
      for (const p of filter.prefixesOf.get(t) ?? [t]) strings.add(p);
    },
    spans,
  );
  return { words, strings };
}

export function mergePresence(into: TextPresence, from: TextPresence): void {
  for (const w of from.words) into.words.add(w);
  for (const t of from.strings) into.strings.add(t);
}

/** The rules whose pre-filter the presence satisfies (see rulesForText). */
export function rulesPresent(presence: TextPresence, rules: readonly Rule[], config: AnalysisConfig): Rule[] {
  const filter = compiledFilter(rules, config);
  return rules.filter((r, i) => {
    const alts = filter.alternatives[i];
    if (alts && !alts.some((alt) => alt.every((w) => presence.words.has(w)))) return false;
    return filter.substrings[i].every((group) => group.some((t) => presence.strings.has(t)));
  });
}

interface CompiledFilter {
  alternatives: (readonly (readonly string[])[] | undefined)[];
  substrings: (readonly (readonly string[])[])[];
  words: string[];
  /** Every substring of every group. */
  strings: string[];
  /** For each substring, the substrings it starts with (itself included). */
  prefixesOf: Map<string, string[]>;
  /** For each substring, the words that contain it. */
  inWords: Map<string, string[]>;
}

const filterCache = new WeakMap<AnalysisConfig, Map<string, CompiledFilter>>();

/** What rulesForText needs for a rule list, prepared once per configuration and list. */
function compiledFilter(rules: readonly Rule[], config: AnalysisConfig): CompiledFilter {
  let byRules = filterCache.get(config);
  if (!byRules) filterCache.set(config, (byRules = new Map()));
  const key = rules.map((r) => r.code).join(' ');
  let filter = byRules.get(key);
  if (!filter || filter.alternatives.length !== rules.length) {
    const alternatives = rules.map((r) => prefilterOf(r).wordAlternatives);
    const substrings = rules.map((r) => prefilterOf(r).substringGroups(config));
    const words = [...new Set(alternatives.flatMap((alts) => (alts ?? []).flat()))];
    const inWords = new Map<string, string[]>();
    const strings = [...new Set(substrings.flat(2))];
    for (const t of strings)
      inWords.set(
        t,
        words.filter((w) => w.includes(t)),
      );
    const prefixesOf = new Map(strings.map((t) => [t, strings.filter((u) => t.startsWith(u))]));
    filter = { alternatives, substrings, words, strings, prefixesOf, inWords };
    byRules.set(key, filter);
  }
  return filter;
}

/**
 * The module scope with every binding evaluated up front, in source order, so that it holds no tree
 * node and can be kept across parses (the editor's document store keeps it while the module's
 * bindings are unchanged).
 */
export function frozenModuleScope(tree: Tree, checkDeadline?: () => void): Scope {
  const scope = new Scope('module', undefined, tree.rootNode, undefined, checkDeadline);
  scope.freeze(checkDeadline);
  return scope;
}

/** Runs the rules over a parsed tree. Returns raw findings: suppressions are not applied yet. */
export function analyzeTree(tree: Tree, text: string, options: AnalyzeOptions): Finding[] {
  const rules = options.rules;
  const findings: Finding[] = [];
  if (rules.length === 0) return findings;
  const budgetMs = options.budgetMs ?? 0;
  const deadline = budgetMs > 0 ? performance.now() + budgetMs : 0;
  const checkDeadline = (): void => {
    if (deadline && performance.now() > deadline) throw new AnalysisTimeoutError(budgetMs);
  };
  let moduleScope = options.moduleScope;
  // Evaluated up front in source order even for one analysis: an alias chain (`a1 = a0`, `a2 = a1`, …)
  // is then followed one link at a time, where evaluating its last name first would nest past
  // MAX_EVALUATION_DEPTH and answer "unknown".
  const getModuleScope = (): Scope => (moduleScope ??= frozenModuleScope(tree, checkDeadline));
  const anchoredMode = options.anchored ?? true;
  const region = options.region;
  // Where the word search reads (the units and their context), and where candidates are kept.
  // (Units cover every non-blank character of the file, so the blanks between two spans hold nothing
  // a search could find: joined across them, each search reads a few long spans.)
  const searched = region ? mergeSpans([...region.units, ...region.context], text) : undefined;
  const checked = region ? mergeSpans(region.units) : undefined;
  const anchored = anchoredMode ? rules.filter(isAnchored) : [];
  const walked = anchoredMode ? rules.filter((r) => !isAnchored(r)) : rules;
  const hfCache = options.hfCache ?? hfCacheLookupFor(options.config.hfCache);
  const failed = new Set<Rule>();
  let currentRule: Rule = rules[0];
  let currentScope: () => Scope = getModuleScope;
  const argsCache = new Map<number, CallArguments>();
  // Every call-interested rule asks for the same callee: evaluate each node once per walk. A node is
  // always visited in the same scope, so its value does not depend on which rule asked first.
  const valueCache = new Map<number, StaticValue>();
  const evaluateOnce = (expr: Node): StaticValue => {
    let v = valueCache.get(expr.id);
    if (!v) {
      v = evaluate(expr, currentScope());
      valueCache.set(expr.id, v);
    }
    return v;
  };
  const calleeCache = new Map<number, string | null>();
  // The parser reads each NUL as a blank (parser.chunkedInput), so node texts are not the file's
  // there: no fix in such a text (no Python runs it either), lest one copy a blank for a NUL.
  const withholdFixes = text.includes('\u0000');

  const ctx: RuleContext = {
    text,
    config: options.config,
    qualifiedName: (expr) => refName(evaluateOnce(expr)),
    calleeName: (call) => {
      let name = calleeCache.get(call.id);
      if (name === undefined) {
        const fn = call.childForFieldName('function');
        name = fn ? refName(evaluateOnce(fn)) : null;
        calleeCache.set(call.id, name);
      }
      return name;
    },
    evaluate: (expr) => evaluateOnce(expr),
    args: (call) => {
      let a = argsCache.get(call.id);
      if (!a) {
        a = callArguments(call);
        argsCache.set(call.id, a);
      }
      return a;
    },
    cachedCommit: (repoId, repoType) => hfCache(repoId, repoType),
    report: (input: ReportInput) => findings.push(toFinding(currentRule, input, options.config, withholdFixes)),
  };
  const runRule = (rule: Rule, node: Node) => {
    if (failed.has(rule)) return;
    currentRule = rule;
    try {
      // A rule that declares call patterns sees only the calls they match (the anchors' contract too).
      const callMatches = prefilterOf(rule).callMatches;
      if (callMatches && node.type === 'call' && !callMatches(ctx.calleeName(node))) return;
      rule.check(node, ctx);
    } catch (error) {
      // Out of time inside a rule (its questions build scopes): the file is not analysed. Never a
      // rule error, which would leave the file looking analysed with that rule's findings missing.
      if (error instanceof AnalysisTimeoutError) throw error;
      failed.add(rule);
      options.onRuleError?.(rule, error, node);
    }
  };

  const sites: WordSites = options.wordSites ?? new Map();
  const scopeOf = candidateScopes(tree, getModuleScope, sites, checkDeadline, searched);
  if (anchored.length > 0) {
    for (const candidate of anchoredCandidates(tree, text, anchored, options.config, sites, checkDeadline, searched)) {
      if (deadline && performance.now() > deadline) throw new AnalysisTimeoutError(budgetMs);
      if (checked && !within(checked, candidate.node.startIndex)) continue;
      let scope: Scope | undefined;
      currentScope = () => (scope ??= scopeOf(candidate.node));
      for (const rule of anchored) if (candidate.rules.has(rule)) runRule(rule, candidate.node);
    }
  }

  if (walked.length > 0) {
    const byType = new Map<number, Rule[]>();
    const language = tree.language;
    for (const rule of walked) {
      for (const id of nodeTypeIds(language, prefilterOf(rule).nodeTypes)) {
        const list = byType.get(id);
        if (list) list.push(rule);
        else byType.set(id, [rule]);
      }
    }
    if (byType.size > 0) {
      walk(
        tree,
        getModuleScope(),
        {
          wanted: new Set(byType.keys()),
          visit(node, scope) {
            if (deadline && performance.now() > deadline) throw new AnalysisTimeoutError(budgetMs);
            currentScope = scope;
            for (const rule of byType.get(node.typeId) ?? []) runRule(rule, node);
          },
        },
        region ? region.units.flatMap((u) => u.roots) : undefined,
        region ? scopeOf : undefined,
      );
    }
  }
  return findings;
}

/** Whether the rule's match says which words spell every node it can report on (see anchors.ts). */
function isAnchored(rule: Rule): boolean {
  return prefilterOf(rule).anchored;
}

function toFinding(rule: Rule, input: ReportInput, config: AnalysisConfig, withholdFixes: boolean): Finding {
  const range = input.range ?? rangeOf(input.node ?? input.scopeNode);
  const severity: Severity = config.severity[rule.code] ?? input.severity ?? rule.severity;
  const finding: Finding = {
    code: rule.code,
    name: rule.name,
    message: input.message,
    range,
    nodeLines: [input.scopeNode.startPosition.row, input.scopeNode.endPosition.row],
    severity,
    confidence: input.confidence ?? rule.confidence,
    cwe: rule.cwe,
    // Fixes without edits are no fixes; see inBrokenCode for the others withheld.
    fixes: withholdFixes || inBrokenCode(input.scopeNode) ? [] : (input.fixes ?? []).filter((f) => f.edits.length > 0),
  };
  if (input.data) finding.data = input.data;
  return finding;
}

/**
 * Whether `node` sits in code the parser could not make sense of: its own statement holds a syntax
 * error, or it hangs below an ERROR node. A finding there is still reported, but no fix is offered:
 * where half-typed code ends is a guess, and an edit there can leave the file worse than before.
 */
function inBrokenCode(node: Node): boolean {
  const root = node.tree.rootNode;
  if (!root.hasError) return false;
  // Down from the root, not up through `parent`: web-tree-sitter finds a parent by walking down from
  // the root, so climbing would cost depth² (10,000 nested lambdas: seconds per finding).
  const cursor = root.walk();
  try {
    let statementHasError = false;
    let parentType = '';
    for (;;) {
      const current = cursor.currentNode;
      if (current.isError) return true;
      if (parentType === 'block' || parentType === 'module') statementHasError = current.hasError; // the innermost statement wins
      if (current.id === node.id) return statementHasError;
      parentType = current.type;
      if (!cursor.gotoFirstChild()) return inBrokenCodeClimbing(node);
      // The child that holds the node (a zero-width child only if it is the node).
      while (!(cursor.startIndex <= node.startIndex && node.endIndex <= cursor.endIndex && (cursor.endIndex > cursor.startIndex || cursor.nodeId === node.id))) {
        if (!cursor.gotoNextSibling()) return inBrokenCodeClimbing(node);
      }
    }
  } finally {
    cursor.delete();
  }
}

/** The same question answered by climbing `parent` (for zero-width nodes the descent cannot place). */
function inBrokenCodeClimbing(node: Node): boolean {
  let statementSeen = false;
  for (let n: Node | null = node; n; n = n.parent) {
    if (n.isError) return true;
    if (!statementSeen && (n.parent === null || n.parent.type === 'block' || n.parent.type === 'module')) {
      statementSeen = true;
      if (n.hasError) return true;
    }
  }
  return false;
}
