// A file's findings, from its text: parse, run the engine with the enabled rules of the registry
// (handed down to it), apply the suppression comments and add the hygiene findings. The one path the
// scan, --fix and the notebooks take for a whole file; the editor's store (documentStore.ts) re-checks
// parts of a file through the same engine and finishes with the same finalizeFindings.
import type { Tree } from 'web-tree-sitter';
import { Finding, compareFindings } from '../analysis/types';
import { loadPython, parsePython } from '../analysis/parser';
import { AnalyzeOptions, AnalysisTimeoutError, analyzeTree, enabledRules } from '../analysis/engine';
import { AnalysisConfig, isCodeEnabled } from '../config/analysisConfig';
import { ALL_RULES } from '../rules';
import { NOT_ANALYSED_CODE, ruleFailedFinding } from '../rules/ML900-file-not-analysed';
import { applySuppressions, ruleCatalog } from '../suppressions';
import type { Rule } from '../rules/rule';

/** What a whole-file analysis takes: the engine's options, the rules optional (the registry's enabled ones). */
export type SourceOptions = Omit<AnalyzeOptions, 'rules'> & { rules?: readonly Rule[]; parseBudgetMs?: number };

/** What the suppression pass knows of the rules: every code of the registry (a `# nosec` may name a disabled one). */
export const REGISTRY_CATALOG = ruleCatalog(ALL_RULES);

/** The registry's rules the configuration enables. */
export function configuredRules(config: AnalysisConfig): Rule[] {
  return enabledRules(config, ALL_RULES);
}

/**
 * Applies suppression comments (`# nosec`, `# noqa: S…`) and adds the hygiene findings ML901–ML904,
 * then sorts by position. `raw` must hold the findings of every enabled rule over the WHOLE file
 * (ML904 concludes "unused" from a code's absence); rules the text pre-filter left out count as
 * having found nothing, which is sound.
 */
export function finalizeFindings(raw: Finding[], text: string, config: AnalysisConfig): Finding[] {
  const result = applySuppressions(raw, text, config, REGISTRY_CATALOG);
  return result.sort(compareFindings);
}

export interface SourceAnalysis {
  findings: Finding[];
  /** Set when the file was not analysed (parse budget exceeded …). */
  skipped?: string;
  ruleErrors: { code: string; message: string }[];
}

/** Parses and analyses one file's text from scratch. */
export async function analyzeSource(text: string, options: SourceOptions): Promise<SourceAnalysis> {
  await loadPython();
  return analyzeSourceSync(text, options);
}

/** As analyzeSource, once `loadPython()` has resolved. */
export function analyzeSourceSync(text: string, options: SourceOptions): SourceAnalysis {
  const ruleErrors: { code: string; message: string }[] = [];
  let tree: Tree;
  try {
    tree = parsePython(text, null, options.parseBudgetMs ?? 0);
  } catch (error) {
    return { findings: [], skipped: (error as Error).message, ruleErrors };
  }
  try {
    const failures: Finding[] = [];
    const raw = analyzeTree(tree, text, {
      ...options,
      rules: options.rules ?? configuredRules(options.config),
      onRuleError: (rule, error, node) => {
        ruleErrors.push({ code: rule.code, message: `${rule.code} failed at line ${node.startPosition.row + 1}: ${(error as Error)?.message ?? error}` });
        if (isCodeEnabled(NOT_ANALYSED_CODE, options.config)) failures.push(ruleFailedFinding(rule.code, node.startPosition.row, error));
        options.onRuleError?.(rule, error, node);
      },
    });
    // The failure findings are not suppressible by comments: the file's text cannot hide them.
    return { findings: [...finalizeFindings(raw, text, options.config), ...failures].sort(compareFindings), ruleErrors };
  } catch (error) {
    if (error instanceof AnalysisTimeoutError) return { findings: [], skipped: error.message, ruleErrors };
    // A failure outside any one rule (building scopes, walking): this file is lost, the scan goes on.
    return { findings: [], skipped: `internal error while analysing: ${(error as Error)?.message ?? error}`, ruleErrors };
  } finally {
    tree.delete();
  }
}
