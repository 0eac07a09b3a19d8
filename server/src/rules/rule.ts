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
  /**
   * Where the rule deliberately reports differently from Bandit's check of the same ID (and why),
   * each difference backed by a fixture case. Shown as the page's "Differences from Bandit" section.
   */
  differencesFromBandit?: string;
  references: string[];
}

export interface RuleMeta {
  code: string;
  name: string;
  /** What it flags, in a few words, for the rule index (`\`torch.load\` without \`weights_only=True\``). */
  summary: string;
  severity: Severity;
  confidence: Confidence;
  cwe: number;
  fix: 'none' | 'sometimes' | 'always';
  /** Safety of the rule's primary fix; safe fixes go into fix-all. */
  fixSafety: FixSafety | 'none';
  /**
   * Set when a finding (or its fix) depends on text outside the flagged top-level statement, beyond
   * the module's bindings: the editor's incremental analysis then re-checks the rule's findings
   * after every edit. Leave unset for rules that look only at their statement and resolved names.
   */
  readsWholeFile?: boolean;
  /**
   * What the rule looks at. Everything the engine uses to skip files and nodes (node types, the
   * words a file must contain, the anchors that find candidates without a walk) is derived from it
   * in rules/prefilter.ts; rules keep no pre-filter fields of their own.
   */
  match: RuleMatch;
  docs: RuleDocs;
}

/**
 * A rule declares exactly one of `calls`, `imports`, `nodes` or `strings` (none: the rule checks no
 * node, as ML900 and the nosec hygiene rules), or `imports` with `calls`, optionally narrowed by
 * `words` and `text`.
 */
export interface RuleMatch {
  /**
   * Call nodes whose callee resolves (through imports and aliases) to one of these qualified names.
   * `*` stands for any number of segments, none included, and never comes first: `requests.*` is
   * any callee under requests, `transformers.*.from_pretrained` any `from_pretrained` under
   * transformers. A built-in is `builtins.eval` (it matches an unshadowed bare `eval`). `check` is
   * handed only matching calls; `ctx.calleeName(call)` says which.
   */
  calls?: readonly string[];
  /**
   * Imports of these modules: `import_statement` and `import_from_statement` nodes, and calls of
   * `__import__`, `importlib.import_module` and `importlib.__import__` (see rules/imports.ts,
   * `importedModules`, for the names a node imports; the rule decides which count). A file must
   * contain the last segment of one of the modules (`cElementTree` for `xml.etree.cElementTree`).
   * An import rule may also declare `calls`: calls of those names are handed to it too (Bandit's
   * import checks also match a call by its qualified name, as B412 does for `CGIHandler()`).
   */
  imports?: readonly string[];
  /**
   * Tree-sitter node types handed to `check` (`except_clause`). Kinds spelled by a keyword
   * (prefilter.NODE_KEYWORDS) are found from that keyword; others are found by walking every node.
   */
  nodes?: readonly string[];
  /**
   * String literals whose source text contains one of these strings (a function of the settings
   * when they are configurable); `check` gets the `string` node (the first part of an implicit
   * concatenation stands for the whole).
   */
  strings?: readonly string[] | ((config: AnalysisConfig) => readonly string[]);
  /**
   * Whole words (identifiers, keywords, words in strings) that a file must ALL contain for the rule
   * to report anything in it (`pass` for try-except-pass; `verify` for verify=False). A promise the
   * rule makes: a word it can report without drops findings. Prefer declaring nothing to guessing.
   */
  words?: readonly string[];
  /** Substrings of which a file must contain one (`nosec`). Same promise as `words`. */
  text?: readonly string[];
  /**
   * Where `text` is when the rule reports: 'file' (the default) anywhere in the file (an import the
   * node handed to `check` need not hold); 'node' in that node itself — in its source, or in the
   * value of a string literal inside it (escapes decoded, implicit concatenations joined, the
   * literal parts of an f-string joined across its interpolations) — and, for a `string` node, in
   * a literal joined to it by implicit concatenation, parentheses or a binary operator (`"a " +
   * "SELECT …"`). A promise as strong as `text`'s, about one node: a `nodes` rule that makes it is
   * handed only the nodes of its types around the text's occurrences (analysis/textAnchors.ts)
   * instead of every node of its types.
   */
  textIn?: 'file' | 'node';
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

export function cweUrl(cwe: number): string {
  return `https://cwe.mitre.org/data/definitions/${cwe}.html`;
}
