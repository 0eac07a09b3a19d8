// Scans a list of files with the shared engine. The CLI and the language server's workspace scan
// both go through here, so the editor and CI never disagree.
import { rulesForText } from '../analysis/engine';
import { analyzeSourceSparse } from '../check/sparseSource';
import { loadPython, DEFAULT_PARSE_BUDGET_MS } from '../analysis/parser';
import type { AnalysisConfig } from '../config/analysisConfig';
import { readSource } from './readSource';
import { isNotebookFile } from '../notebook/read';
import { scanNotebookFile } from '../notebook/analyze';
import { configuredRules } from '../check/source';

import type { FileResult } from './fileResult';

export type { FileResult };

export interface ScanOptions {
  /** Config for a file (config files are found per file). */
  configFor: (file: string) => AnalysisConfig;
  parseBudgetMs?: number;
  onFile?: (result: FileResult, done: number, total: number) => void;
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Analyses one file on the current thread (loadPython() must have resolved). Never throws: whatever
 * goes wrong with one file becomes its `skipped` reason, so one file cannot stop a scan.
 */
export function scanOneFile(file: string, config: AnalysisConfig, parseBudgetMs = DEFAULT_PARSE_BUDGET_MS, watched = false): FileResult {
  try {
    return scanOneFileUnguarded(file, config, parseBudgetMs, watched);
  } catch (error) {
    return { file, findings: [], skipped: `internal error: ${(error as Error)?.message ?? error}`, lines: 0 };
  }
}

/**
 * `watched`: a watchdog outside this thread enforces the budget (the scan pool's workers). The parse
 * then runs without the parser's progress callback, which costs several percent of a parse.
 */
function scanOneFileUnguarded(file: string, config: AnalysisConfig, parseBudgetMs: number, watched: boolean): FileResult {
  if (isNotebookFile(file)) return scanNotebookFile(file, config, parseBudgetMs, watched);
  const read = readSource(file);
  if (!read.ok) return { file, findings: [], skipped: read.reason, lines: 0 };
  const text = read.text;
  const rules = rulesForText(text, configuredRules(config), config);
  if (rules.length === 0) return { file, findings: [], lines: countLines(text) };
  // Only what can hold a finding is parsed (check/sparse.ts); the result is the whole file's.
  const result = analyzeSourceSparse(text, { config, rules, parseBudgetMs: watched ? 0 : parseBudgetMs, budgetMs: parseBudgetMs });
  const out: FileResult = { file, findings: result.findings, lines: countLines(text) };
  if (result.skipped) out.skipped = result.skipped;
  if (result.ruleErrors.length > 0) out.ruleErrors = result.ruleErrors;
  return out;
}

export async function scanFiles(files: string[], options: ScanOptions): Promise<FileResult[]> {
  await loadPython();
  const results: FileResult[] = [];
  for (let i = 0; i < files.length; i++) {
    const result = scanOneFile(files[i], options.configFor(files[i]), options.parseBudgetMs);
    results.push(result);
    options.onFile?.(result, i + 1, files.length);
  }
  return results;
}
