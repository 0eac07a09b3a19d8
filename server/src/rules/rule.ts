// The contract between the walker and a rule. A rule is metadata, docs and a `check` that looks at
// one node and reports through its context. Rules never see the connection, files or settings UI.
import type { Node } from 'web-tree-sitter';
import type { Confidence, Fix, FixSafety, Range, Severity } from '../analysis/types';
import type { StaticValue } from '../analysis/values';
import type { CallArguments } from '../analysis/calls';
import type { AnalysisConfig } from '../config/analysisConfig';

export interface RuleDocs {
  whatItDoes: string;
  whyBad: string;
  example: string;
  useInstead: string;
  fixSafety: string;
  options: string;
  references: string[];
}

export interface RuleMeta {
  code: string;
  name: string;
  severity: Severity;
  confidence: Confidence;
  cwe: number;
  /** Node types the walker hands to `check`. */
  nodeTypes: readonly string[];
  fix: 'none' | 'sometimes' | 'always';
  /** Safety of the rule's primary fix; safe fixes go into fix-all. */
  fixSafety: FixSafety | 'none';
  /**
   * Pre-filter: a file can only produce this rule's findings if its text contains one of these strings.
   * Must be sound: every finding the rule can produce needs one of them in the source text.
   * A function gets the configuration (for rules whose triggers are configurable).
   */
  triggers: readonly string[] | ((config: AnalysisConfig) => readonly string[]);
  /**
   * Set when a finding (or its fix) depends on text outside the flagged top-level statement, beyond
   * the module's bindings: the editor's incremental analysis then re-checks the rule's findings
   * after every edit. Leave unset for rules that look only at their statement and resolved names.
   */
  readsWholeFile?: boolean;
  /**
   * Anchors for call rules (nodeTypes ['call']): the first segment of every qualified callee name
   * the rule can report on (`torch` for `torch.load`; a built-in's own name and `builtins` for
   * `builtins.eval`). A whole-file analysis then hands the rule only the calls these words reach
   * through imports, aliases and attribute chains (analysis/anchors.ts) instead of every call.
   * Must be sound: a callee whose qualified name starts otherwise must never be reported.
   */
  calleeRoots?: readonly string[];
  /**
   * With calleeRoots: the last segment of every qualified callee name the rule can report on
   * (`load` for `torch.load`). Calls written `x.y.other(…)` are then not handed to the rule.
   */
  calleeLast?: readonly string[];
  /**
   * With calleeRoots: every qualified callee name the rule can report on, when it is a fixed list.
   * Names bound to something no listed name starts with (`nn` for `torch.nn`) are then not followed.
   */
  calleeNames?: readonly string[];
  /**
   * Anchors for other rules: every node the rule can report on is, or is the parent of, a token
   * that spells one of these words (`except` for an except clause).
   */
  anchorWords?: readonly string[];
  /**
   * Anchors for string-literal rules (nodeTypes ['string']): the rule reports a literal (the first
   * part of an implicit concatenation standing for the whole) only when the literal's source text
   * contains one of these strings.
   */
  literalAnchors?: (config: AnalysisConfig) => readonly string[];
  /**
   * Pre-filter by whole words (identifiers and keywords, not substrings): the rule can only report
   * in a file that contains every word of one of these lists. Derived for call rules from
   * calleeNames / calleeRoots + calleeLast (ruleWordAlternatives); set it for other rules. Checked
   * in addition to `triggers`: a file must pass both.
   */
  requiredWords?: readonly (readonly string[])[];
  docs: RuleDocs;
}

export interface ReportInput {
  message: string;
  /** The node whose range is shown (narrowest useful: the callee or the offending keyword). */
  node?: Node;
  range?: Range;
  /** The whole flagged node (a call, say): a suppression on any of its lines applies. */
  scopeNode: Node;
  confidence?: Confidence;
  severity?: Severity;
  fixes?: Fix[];
  data?: Record<string, unknown>;
}

export interface RuleContext {
  readonly text: string;
  readonly config: AnalysisConfig;
  /** Qualified name an expression refers to through imports and aliases (`th.load` → `torch.load`). */
  qualifiedName(expr: Node): string | null;
  /** Qualified name of the callee of a call node. */
  calleeName(call: Node): string | null;
  evaluate(expr: Node): StaticValue;
  args(call: Node): CallArguments;
  /** The latest commit of a Hugging Face repo found in the local cache, if any. */
  cachedCommit(repoId: string, repoType: 'model' | 'dataset' | 'space'): { sha: string; ref: string } | undefined;
  report(input: ReportInput): void;
}

export interface Rule extends RuleMeta {
  check(node: Node, ctx: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/**
 * The word pre-filter of a rule: lists of words of which one list must occur whole in a file. Every
 * segment of a qualified callee name is spelled as a name somewhere in the file (an import, an
 * attribute, a built-in's own name), so a call rule needs all segments of one of its callee names
 * (`torch` and `load` for torch.load; `eval` alone for builtins.eval), or one of its roots and, when
 * it has them, one of its last segments. Undefined: the rule filters by `triggers` (substrings).
 */
export function ruleWordAlternatives(rule: RuleMeta): readonly (readonly string[])[] | undefined {
  if (wordCache.has(rule)) return wordCache.get(rule);
  const words = computeWordAlternatives(rule);
  wordCache.set(rule, words);
  return words;
}

const wordCache = new WeakMap<RuleMeta, readonly (readonly string[])[] | undefined>();

function computeWordAlternatives(rule: RuleMeta): readonly (readonly string[])[] | undefined {
  if (rule.requiredWords) return rule.requiredWords;
  if (rule.calleeNames) {
    return rule.calleeNames.map((name) => {
      const parts = name.split('.');
      return parts[0] === 'builtins' && parts.length > 1 ? parts.slice(1) : parts;
    });
  }
  if (rule.calleeRoots) {
    const lasts = rule.calleeLast;
    return rule.calleeRoots.flatMap((root) => (lasts ? lasts.map((last) => [root, last]) : [[root]]));
  }
  return undefined;
}

export function ruleTriggers(rule: RuleMeta, config: AnalysisConfig): readonly string[] {
  return typeof rule.triggers === 'function' ? rule.triggers(config) : rule.triggers;
}

export function cweUrl(cwe: number): string {
  return `https://cwe.mitre.org/data/definitions/${cwe}.html`;
}
