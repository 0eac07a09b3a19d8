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

/** A rule code → the address of its page (the web address unless the client ships the pages). */
export type DocsLink = (code: string) => string;

export function toDiagnostic(f: Finding): Diagnostic {
  return diagnosticOf(f, docsUrl);
}

/** A finding as a diagnostic whose `codeDescription` links to `docsLink(code)`. */
export function diagnosticOf(f: Finding, docsLink: DocsLink): Diagnostic {
  const data: DiagnosticData = { fixes: f.fixes, nodeLines: f.nodeLines, confidence: f.confidence };
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: docsLink(f.code) },
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

export function diagnosticsFor(result: { findings: Finding[]; skipped?: string }, docsLink: DocsLink = docsUrl): Diagnostic[] {
  if (result.skipped) return [skippedDiagnostic(result.skipped)];
  return result.findings.map((f) => diagnosticOf(f, docsLink));
}
