// A notebook through the shared engine: its Python cells as one virtual document (virtual.ts), the
// same rules, suppressions and budgets as a .py file, then each finding moved back to its cell.
import type { Finding, Fix } from '../analysis/types';
import { rulesForText } from '../analysis/engine';
import { analyzeSourceSync, configuredRules, SourceOptions } from '../check/source';
import type { AnalysisConfig } from '../config/analysisConfig';
import type { FileResult } from '../workspace/fileResult';
import { MAX_FILE_BYTES } from '../workspace/readSource';
import { Notebook, NotebookCell, readNotebookFile } from './read';
import { VirtualNotebook, CellInput } from './virtual';
import { RawPositions } from './rawPosition';

/** The cells analysed: code cells in Python. */
export function pythonCells(notebook: Notebook): CellInput[] {
  return notebook.cells.filter((c) => c.python).map((c) => ({ index: c.index, source: c.source }));
}

/**
 * A finding of the virtual document as a finding of its cell: range, statement lines and fix edits
 * relative to the cell. A fix is kept only when every edit lands in that cell outside masked IPython
 * syntax; `fileRange` says where the finding is in the .ipynb file.
 */
export function toCellFinding(f: Finding, vn: VirtualNotebook, raw?: { notebook: Notebook; positions: RawPositions }): Finding | undefined {
  const mapped =
    vn.rangeToCell(f.range) ??
    (() => {
      const start = vn.toCell(f.range.start);
      return start && { cell: start.cell, range: { start: start.position, end: start.position } };
    })();
  if (!mapped) return undefined;
  const slot = vn.slot(mapped.cell)!;
  const clampLine = (l: number) => Math.max(0, Math.min(slot.lineCount - 1, l - slot.startLine));
  const fixes: Fix[] = [];
  for (const fix of f.fixes) {
    const edits = fix.edits.map((e) => vn.editToCell(e));
    if (edits.every((e) => e?.cell === mapped.cell)) fixes.push({ ...fix, edits: edits.map((e) => e!.edit) });
  }
  const out: Finding = { ...f, range: mapped.range, nodeLines: [clampLine(f.nodeLines[0]), clampLine(f.nodeLines[1])], fixes, cell: mapped.cell };
  if (raw) {
    const cell: NotebookCell | undefined = raw.notebook.cells[mapped.cell];
    const fileRange = cell && raw.positions.rangeOf(cell, vn.cellOffset(slot, mapped.range.start), vn.cellOffset(slot, mapped.range.end));
    if (fileRange) out.fileRange = fileRange;
  }
  return out;
}

export interface NotebookAnalysis {
  findings: Finding[];
  skipped?: string;
  ruleErrors: { code: string; message: string }[];
  /** Lines of Python analysed (the virtual document's). */
  lines: number;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Analyses a parsed notebook (loadPython() must have resolved). Findings are per cell, sorted by cell then position. */
export function analyzeNotebookSync(notebook: Notebook, options: SourceOptions): NotebookAnalysis {
  const vn = new VirtualNotebook(pythonCells(notebook));
  const lines = countLines(vn.text);
  if (vn.text.length > MAX_FILE_BYTES) return { findings: [], skipped: `the notebook's code is over the ${MAX_FILE_BYTES / 1048576} MB limit`, ruleErrors: [], lines };
  const rules = rulesForText(vn.text, options.rules ?? configuredRules(options.config), options.config);
  if (rules.length === 0) return { findings: [], ruleErrors: [], lines };
  const result = analyzeSourceSync(vn.text, { ...options, rules });
  const raw = result.findings.length > 0 ? { notebook, positions: new RawPositions(notebook) } : undefined;
  const findings = result.findings.map((f) => toCellFinding(f, vn, raw)).filter((f): f is Finding => !!f);
  const out: NotebookAnalysis = { findings, ruleErrors: result.ruleErrors, lines };
  if (result.skipped) out.skipped = result.skipped;
  return out;
}

/** The scanner's entry for a .ipynb file: never throws; an unreadable or malformed notebook is `skipped`. */
export function scanNotebookFile(file: string, config: AnalysisConfig, parseBudgetMs: number, watched: boolean): FileResult {
  const read = readNotebookFile(file);
  if (!read.ok) return { file, findings: [], skipped: read.reason, lines: 0 };
  const result = analyzeNotebookSync(read.notebook, { config, parseBudgetMs: watched ? 0 : parseBudgetMs, budgetMs: parseBudgetMs });
  const out: FileResult = { file, findings: result.findings, lines: result.lines };
  if (result.skipped) out.skipped = result.skipped;
  if (result.ruleErrors.length > 0) out.ruleErrors = result.ruleErrors;
  return out;
}
