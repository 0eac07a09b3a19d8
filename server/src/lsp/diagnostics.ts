// Findings → LSP diagnostics. Each diagnostic carries its fixes in `data`, so code actions need no
// server-side state beyond the diagnostic the client sends back.
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Finding, Fix, Severity } from '../analysis/types';
import { docsUrl } from '../rules/docsUrl';

export const SOURCE = 'mlsec';

/** The exact shape of `Diagnostic.data` (the code-action handler reads it). */
export interface DiagnosticData {
  fixes: Fix[];
  nodeLines: [number, number];
  confidence: string;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding): Diagnostic {
  const data: DiagnosticData = { fixes: f.fixes, nodeLines: f.nodeLines, confidence: f.confidence };
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: docsUrl(f.code) },
    source: SOURCE,
    message: f.suppressedBy ? `${f.message} (suppressed by ${f.suppressedBy}; shown in audit mode)` : f.message,
    data,
  };
}

/** The one diagnostic shown for a file that is not analysed, on its first line. */
export function skippedDiagnostic(reason: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    message: reason,
  };
}

/** `annotate` adds facts known at publish time (the verdict of a model file a call loads). */
export function diagnosticsFor(result: { findings: Finding[]; skipped?: string }, annotate?: (f: Finding) => Finding): Diagnostic[] {
  if (result.skipped) return [skippedDiagnostic(result.skipped)];
  return result.findings.map((f) => toDiagnostic(annotate ? annotate(f) : f));
}
