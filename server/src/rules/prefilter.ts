// Everything the engine needs to skip work, derived in this one place from what a rule declares it
// matches (RuleMeta.match): the node types it is handed, the words a file must contain for it to run
// (engine.rulesForText), and the anchors that find its candidate nodes without a walk (anchors.ts).
// Rules keep no pre-filter fields of their own, so none can drift from what the rule checks: a call
// rule's `check` only ever sees calls whose callee matches its declared names (engine.runRule).
import type { AnalysisConfig } from '../config/analysisConfig';
import type { RuleMatch, RuleMeta } from './rule';

/**
 * Node kinds whose node is, or is the parent of, a keyword token that always spells it: a rule that
 * matches only such kinds is anchored on the keyword (found in the text, looked up in the tree)
 * instead of walking every node. Kinds not listed here are walked, unless the rule's node holds its
 * text (`textIn: 'node'`): then the text anchors it (analysis/textAnchors.ts).
 */
export const NODE_KEYWORDS: Readonly<Record<string, string>> = {
  except_clause: 'except',
  assert_statement: 'assert',
  try_statement: 'try',
  with_statement: 'with',
  global_statement: 'global',
  nonlocal_statement: 'nonlocal',
  delete_statement: 'del',
  import_statement: 'import',
  import_from_statement: 'import',
  function_definition: 'def',
  class_definition: 'class',
  lambda: 'lambda',
};

/** Callees that import a module named by their first argument (Bandit's import checks count them). */
export const IMPORT_CALLS: readonly string[] = ['builtins.__import__', 'importlib.import_module', 'importlib.__import__'];
export const IMPORT_NODE_TYPES: readonly string[] = ['import_statement', 'import_from_statement'];

export interface Prefilter {
  /** Node types the walker (or the anchors) hand to `check`. */
  nodeTypes: readonly string[];
  /** Whole-word pre-filter: every word of one of these lists must occur; undefined: no word test. */
  wordAlternatives?: readonly (readonly string[])[];
  /** Substring pre-filter: one string of every group must occur ([[]]: the rule never runs on text). */
  substringGroups: (config: AnalysisConfig) => readonly (readonly string[])[];
  /** Whether a call (by its callee's qualified name) is one the rule declared; undefined: no call patterns. */
  callMatches?: (callee: string | null) => boolean;
  /** Anchors (analysis/anchors.ts): set when the rule's every candidate can be found from words. */
  calleeRoots?: readonly string[];
  calleeLast?: readonly string[];
  /** Prefix test for the anchors: can a name starting with `value` (a whole segment) match? */
  calleeCouldStartWith?: (value: string) => boolean;
  anchorWords?: readonly string[];
  literalAnchors?: (config: AnalysisConfig) => readonly string[];
  /**
   * Text anchors (analysis/textAnchors.ts), from `text` with `textIn: 'node'`: the strings, lower
   * case, looked for in any case (a superset of the declared spellings, so still sound).
   */
  textAnchors?: readonly string[];
  anchored: boolean;
}

const cache = new WeakMap<RuleMeta, Prefilter>();

/** The derived pre-filter of a rule (computed once per rule object). Throws on a malformed `match`. */
export function prefilterOf(rule: RuleMeta): Prefilter {
  let p = cache.get(rule);
  if (!p) {
    p = derive(rule.code, rule.match);
    cache.set(rule, p);
  }
  return p;
}

/** One call pattern: segments, where `*` stands for any number of segments (none included). */
function segmentsOf(pattern: string, code: string): string[] {
  const segs = pattern.split('.');
  if (segs.length === 0 || segs[0] === '*' || segs.some((s) => s === '' || (s !== '*' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)))) {
    throw new Error(`${code}: bad call pattern '${pattern}' (dotted names; '*' for any segments, never first)`);
  }
  return segs;
}

/** Whether `name`'s segments match `pattern`'s; with `prefix`, whether some extension of `name` can. */
function matchSegments(name: readonly string[], i: number, pattern: readonly string[], j: number, prefix: boolean): boolean {
  if (i === name.length) return prefix || pattern.slice(j).every((s) => s === '*');
  if (j === pattern.length) return false;
  if (pattern[j] === '*') return matchSegments(name, i, pattern, j + 1, prefix) || matchSegments(name, i + 1, pattern, j, prefix);
  return pattern[j] === name[i] && matchSegments(name, i + 1, pattern, j + 1, prefix);
}

/** Compiles call patterns into a matcher and a prefix test (exact names through a set). */
export function callPatternMatcher(patterns: readonly string[], code = 'pattern'): { matches: (callee: string) => boolean; couldStartWith: (value: string) => boolean } {
  const exact = new Set(patterns.filter((p) => !p.includes('*')));
  const wild = patterns.filter((p) => p.includes('*')).map((p) => segmentsOf(p, code));
  const all = patterns.map((p) => segmentsOf(p, code));
  return {
    matches: (callee) => exact.has(callee) || (wild.length > 0 && wild.some((w) => matchSegments(callee.split('.'), 0, w, 0, false))),
    couldStartWith: (value) => {
      const segs = value.split('.');
      return all.some((p) => matchSegments(segs, 0, p, 0, true));
    },
  };
}

/** The words every call of `pattern` spells (`torch`, `load`; a built-in by its own name alone). */
function callWords(segs: readonly string[]): string[] {
  const fixed = segs.filter((s) => s !== '*');
  return fixed[0] === 'builtins' && segs.length === 2 ? fixed.slice(1) : fixed;
}

function derive(code: string, match: RuleMatch): Prefilter {
  const kinds = (['calls', 'imports', 'nodes', 'strings'] as const).filter((k) => match[k] !== undefined);
  // The one combination allowed: an import rule that also matches calls by name (Bandit's B412
  // reports `wsgiref.handlers.CGIHandler()` as well as its import).
  const importsAndCalls = kinds.length === 2 && kinds[0] === 'calls' && kinds[1] === 'imports';
  if (kinds.length > 1 && !importsAndCalls) throw new Error(`${code}: match declares ${kinds.join(' and ')}; declare one of calls, imports, nodes, strings (or imports with calls)`);
  const extraWords = match.words ?? [];
  const textGroup = match.text ? [match.text] : [];
  const kind = importsAndCalls ? 'imports' : kinds[0];
  if (match.textIn === 'node') {
    if (kind !== 'nodes') throw new Error(`${code}: textIn 'node' is for a nodes match (the others are anchored already)`);
    if (!match.text || match.text.length === 0 || match.text.some((t) => t.length === 0)) throw new Error(`${code}: textIn 'node' needs a non-empty text list`);
  }

  if (kind === 'calls' || kind === 'imports') {
    const patterns = kind === 'calls' ? (match.calls as readonly string[]) : [...IMPORT_CALLS, ...(match.calls ?? [])];
    if (patterns.length === 0) throw new Error(`${code}: match.calls is empty`);
    const segs = patterns.map((p) => segmentsOf(p, code));
    const roots = new Set<string>();
    const lasts = new Set<string>();
    let openLast = false;
    for (const s of segs) {
      roots.add(s[0]);
      // A built-in resolves from its bare name as well as through `builtins`.
      if (s[0] === 'builtins' && s.length === 2) roots.add(s[1]);
      if (s[s.length - 1] === '*') openLast = true;
      else lasts.add(s[s.length - 1]);
    }
    const matcher = callPatternMatcher(patterns, code);
    const alternatives = segs.map((s) => [...callWords(s), ...extraWords]);
    const base: Prefilter = {
      nodeTypes: ['call'],
      wordAlternatives: alternatives,
      substringGroups: () => textGroup,
      callMatches: (callee) => callee !== null && matcher.matches(callee),
      calleeRoots: [...roots],
      calleeLast: openLast ? undefined : [...lasts],
      calleeCouldStartWith: matcher.couldStartWith,
      anchored: true,
    };
    if (kind === 'calls') return base;
    const modules = match.imports as readonly string[];
    if (modules.length === 0) throw new Error(`${code}: match.imports is empty`);
    // `import a.b.c`, `from a.b import c`, `__import__("a.b.c")`: each spells the module's last
    // segment (also when the name only starts with it, as Bandit's prefix test allows).
    // A call it also matches spells its own last segment (hence exact names only).
    if ((match.calls ?? []).some((c) => c.includes('*'))) throw new Error(`${code}: the calls of an import rule are exact names`);
    const lastSegments = [...new Set([...modules, ...(match.calls ?? [])].map((m) => m.slice(m.lastIndexOf('.') + 1)))];
    return {
      ...base,
      nodeTypes: [...IMPORT_NODE_TYPES, 'call'],
      wordAlternatives: [['import', ...extraWords], ...alternatives],
      substringGroups: () => [lastSegments, ...textGroup],
      // Both import statements hold an `import` keyword token.
      anchorWords: ['import'],
    };
  }

  if (kind === 'nodes') {
    const nodes = match.nodes as readonly string[];
    if (nodes.length === 0) throw new Error(`${code}: match.nodes is empty`);
    const keywords = nodes.map((n) => NODE_KEYWORDS[n]);
    const byKeyword = keywords.every((k) => k !== undefined);
    // Text the node itself holds is the better anchor when declared: rarer than a keyword (every `def`).
    const byText = match.textIn === 'node';
    return {
      nodeTypes: nodes,
      wordAlternatives: byKeyword ? [...new Set(keywords)].map((k) => [k, ...extraWords]) : extraWords.length > 0 ? [extraWords] : undefined,
      substringGroups: () => textGroup,
      anchorWords: byKeyword && !byText ? [...new Set(keywords)] : undefined,
      textAnchors: byText ? [...new Set((match.text as readonly string[]).map((t) => t.toLowerCase()))] : undefined,
      anchored: byKeyword || byText,
    };
  }

  if (kind === 'strings') {
    const strings = match.strings as NonNullable<RuleMatch['strings']>;
    const literalAnchors = typeof strings === 'function' ? strings : () => strings;
    return {
      nodeTypes: ['string'],
      wordAlternatives: extraWords.length > 0 ? [extraWords] : undefined,
      substringGroups: (config) => [literalAnchors(config), ...textGroup],
      literalAnchors,
      anchored: true,
    };
  }

  // Nothing to check node by node (findings made elsewhere: ML900, the nosec hygiene rules). `text`
  // still decides whether a file is worth opening for them; without it the rule never runs.
  return {
    nodeTypes: [],
    wordAlternatives: extraWords.length > 0 ? [extraWords] : undefined,
    substringGroups: () => (textGroup.length > 0 ? textGroup : [[]]),
    anchored: false,
  };
}

/** Node types a rule is handed. */
export function ruleNodeTypes(rule: RuleMeta): readonly string[] {
  return prefilterOf(rule).nodeTypes;
}
