// analyzeSource for the scan: the sparse text when sparse.ts can make one, the whole file otherwise.
// The result is the one a whole analysis gives (test/property/sparse.property.test.ts compares them): the
// findings of the sparse tree, with suppressions and the nosec hygiene read from the original text.
import type { Node, Tree } from 'web-tree-sitter';
import { compareFindings, Finding } from '../analysis/types';
import { AnalysisTimeoutError, analyzeTree } from '../analysis/engine';
import { ParseTimeoutError, parsePython } from '../analysis/parser';
import type { WordSites } from '../analysis/anchors';
import { occursInBlanked, sparsePlan, SparsePlan } from './sparse';
import { SourceAnalysis, SourceOptions, analyzeSourceSync, configuredRules, finalizeFindings } from './source';
import { NOT_ANALYSED_CODE, ruleFailedFinding } from '../rules/ML900-file-not-analysed';
import { isCodeEnabled } from '../config/analysisConfig';

export interface SparseSourceAnalysis extends SourceAnalysis {
  /** Whether the sparse text was analysed (false: the whole file was). */
  sparse: boolean;
}

/** As analyzeSourceSync (once `loadPython()` has resolved), parsing only what can hold a finding. */
export function analyzeSourceSparse(text: string, options: SourceOptions): SparseSourceAnalysis {
  const whole = (): SparseSourceAnalysis => ({ ...analyzeSourceSync(text, options), sparse: false });
  const rules = options.rules ?? configuredRules(options.config);
  const plan = options.region || options.anchored === false ? undefined : sparsePlan(text, rules, options.config);
  if (!plan) return whole();
  let tree: Tree;
  try {
    tree = parsePython(plan.text, null, options.parseBudgetMs ?? 0);
  } catch (error) {
    // Over the budget with less text: the whole text would be too. Anything else: as the whole file says.
    if (error instanceof ParseTimeoutError) return { findings: [], skipped: error.message, ruleErrors: [], sparse: true };
    return whole();
  }
  try {
    // A syntax error may be where the blanks begin or end: only the whole file says what it is.
    if (tree.rootNode.hasError || !agreesWithPlan(tree, plan)) return whole();
    const ruleErrors: { code: string; message: string }[] = [];
    const failures: Finding[] = [];
    const sites: WordSites = new Map();
    const raw = analyzeTree(tree, plan.text, {
      ...options,
      rules,
      wordSites: sites,
      onRuleError: (rule, error, node) => {
        ruleErrors.push({ code: rule.code, message: `${rule.code} failed at line ${node.startPosition.row + 1}: ${(error as Error)?.message ?? error}` });
        if (isCodeEnabled(NOT_ANALYSED_CODE, options.config)) failures.push(ruleFailedFinding(rule.code, node.startPosition.row, error));
        options.onRuleError?.(rule, error, node);
      },
    });
    // A word the anchored search followed that the plan did not keep for (an alias made inside a
    // kept function): if it is written in the blanked text, the whole file must be analysed.
    const unplanned = [...sites.keys()].filter((w) => !plan.words.has(w));
    if (unplanned.length > 0 && occursInBlanked(text, plan, unplanned)) return whole();
    return { findings: [...finalizeFindings(raw, text, options.config), ...failures].sort(compareFindings), ruleErrors, sparse: true };
  } catch (error) {
    if (error instanceof AnalysisTimeoutError) return { findings: [], skipped: error.message, ruleErrors: [], sparse: true };
    return { findings: [], skipped: `internal error while analysing: ${(error as Error)?.message ?? error}`, ruleErrors: [], sparse: true };
  } finally {
    tree.delete();
  }
}

/** Start rows of a node's statements (comments are not statements). */
function statementRows(nodes: readonly (Node | null)[]): string {
  const rows = new Set<number>();
  for (const n of nodes) if (n && n.type !== 'comment') rows.add(n.startPosition.row);
  return [...rows].sort((a, b) => a - b).join(',');
}

/**
 * Whether the sparse tree has statements exactly where the plan's line reader saw them: at the top
 * level, and in the bodies of the classes it cut into members.
 */
function agreesWithPlan(tree: Tree, plan: SparsePlan): boolean {
  const children = tree.rootNode.children;
  if (statementRows(children) !== [...new Set(plan.statementRows.top)].sort((a, b) => a - b).join(',')) return false;
  for (const child of children) {
    if (!child) continue;
    const definition = child.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    if (definition?.type !== 'class_definition') continue;
    const expected = plan.statementRows.classBodies.get(definition.startPosition.row);
    if (!expected) continue;
    const body = definition.childForFieldName('body');
    if (!body || statementRows(body.children) !== [...new Set(expected)].sort((a, b) => a - b).join(',')) return false;
  }
  return true;
}
