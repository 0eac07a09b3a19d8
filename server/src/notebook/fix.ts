// `mlsec scan --fix` on a notebook: the fix → re-analyse rounds of a .py file, run on the virtual
// document of its Python cells. Each round's applied edits are moved back to their cells (an edit
// that spans cells or touches masked IPython syntax is never applied) and the cells rebuilt; at the
// end only the changed `source` values are rewritten in the file's text (write.ts).
import type { Finding } from '../analysis/types';
import { rulesForText } from '../analysis/engine';
import { analyzeSourceSync } from '../check/source';
import type { AnalysisConfig } from '../config/analysisConfig';
import { applyEdits } from '../fixes/offsets';
import { applyFixesChecked, combinedEdits, mergeFixes, CandidateFix } from '../fixes/merge';
import type { TextEdit } from '../analysis/types';
import { DEFAULT_PARSE_BUDGET_MS } from '../analysis/parser';
import type { FixOptions, TextFixResult } from '../check/fixText';
import { locateSources, parseNotebook } from './read';
import { VirtualNotebook } from './virtual';
import { pythonCells } from './analyze';
import { replaceSources } from './write';
import { configuredRules } from '../check/source';

export const MAX_NOTEBOOK_FIX_ROUNDS = 4;

/** Fixes notebook text (no BOM) in memory; `problem` when it is not a notebook mlsec can read. */
export function fixNotebookText(raw: string, config: AnalysisConfig, options: FixOptions): TextFixResult | { problem: string } {
  const read = parseNotebook(raw);
  if (!read.ok) return { problem: read.reason };
  const notebook = read.notebook;
  locateSources(notebook);
  const sources = new Map(
    pythonCells(notebook)
      .filter((c) => notebook.cells[c.index].token)
      .map((c) => [c.index, c.source]),
  );
  const rules = options.rules ?? configuredRules(config);
  const counts = new Map<string, number>();
  let total = 0;
  let refused = 0;
  const build = () => new VirtualNotebook([...sources].map(([index, source]) => ({ index, source })));
  const analyse = (vn: VirtualNotebook): Finding[] => {
    const forText = rulesForText(vn.text, rules, config);
    if (forText.length === 0) return [];
    const analysis = analyzeSourceSync(vn.text, { config, rules: forText, parseBudgetMs: options.parseBudgetMs ?? DEFAULT_PARSE_BUDGET_MS });
    return analysis.skipped ? [] : analysis.findings;
  };
  let vn = build();
  let findings = analyse(vn);
  for (let round = 0; round < (options.rounds ?? MAX_NOTEBOOK_FIX_ROUNDS); round++) {
    // Only fixes whose every edit lands in a cell, outside masked IPython syntax.
    const mappable = (c: CandidateFix) => combinedEdits([c]).every((e) => vn.editToCell(e));
    const merged = mergeFixes(findings, { unsafe: options.unsafe }).filter(mappable);
    if (merged.length === 0) break;
    const result = applyFixesChecked(vn.text, merged);
    refused = result.refused.length;
    if (result.applied.length === 0 || result.text === vn.text) break;
    const byCell = new Map<number, TextEdit[]>();
    for (const e of combinedEdits(result.applied)) {
      const m = vn.editToCell(e)!;
      byCell.set(m.cell, [...(byCell.get(m.cell) ?? []), m.edit]);
    }
    for (const [cell, edits] of byCell) sources.set(cell, applyEdits(sources.get(cell)!, edits));
    for (const c of result.applied) counts.set(c.finding.code, (counts.get(c.finding.code) ?? 0) + 1);
    total += result.applied.length;
    vn = build();
    findings = analyse(vn);
  }
  const usable = (f: Finding['fixes'][number]) => f.edits.length > 0 && !f.snippet;
  const unsafeFixable = options.unsafe
    ? 0
    : findings.filter((f) => !f.suppressedBy && !f.fixes.some((x) => usable(x) && x.safety === 'safe') && f.fixes.some((x) => usable(x) && x.safety === 'unsafe')).length;
  const text = total > 0 ? replaceSources(notebook, sources) : raw;
  return { text, counts, total, refused, unsafeFixable };
}
