// Machine-readable output: one object per finding, 1-based lines and UTF-16 columns (within the cell
// for notebooks, whose findings carry `cell`).
import type { FileResult } from '../../workspace/scanner';
import { displayPath } from './text';
import { docsUrl } from '../../rules/docsUrl';

export function formatJson(results: FileResult[], cwd: string, version: string): string {
  const findings = results.flatMap((r) =>
    r.findings.map((f) => ({
      path: displayPath(r.file, cwd),
      // Notebooks: the cell (1-based, every cell counted, as in the text output); line and column are in the cell.
      ...(f.cell !== undefined ? { cell: f.cell + 1 } : {}),
      code: f.code,
      name: f.name,
      message: f.message,
      severity: f.severity,
      confidence: f.confidence,
      cwe: f.cwe,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      fixable: f.fixes.length > 0,
      fixes: f.fixes.map((x) => ({ title: x.title, safety: x.safety })),
      ...(f.suppressedBy ? { suppressedBy: f.suppressedBy } : {}),
      helpUri: docsUrl(f.code),
    })),
  );
  const skipped = results.filter((r) => r.skipped).map((r) => ({ path: displayPath(r.file, cwd), reason: r.skipped }));
  return JSON.stringify({ tool: 'mlsec', version, filesScanned: results.length, findings, skipped }, null, 2) + '\n';
}
