// Findings → LSP diagnostics. Each diagnostic carries its fixes and node lines in `data`: the
// code-action handler uses them to tell which of the server's current findings the client means
// (it applies that finding's edits, never the copy the client sends back) and where a suppression
// comment goes.
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Finding, Fix, Severity } from '../analysis/types';
import { docsUrl } from '../rules/docsUrl';
import { DIAGNOSTIC_SOURCE } from '../protocol';

export const SOURCE = DIAGNOSTIC_SOURCE;

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

/**
 * The diagnostics of a document or scanned file. One that is not analysed carries its ML900 finding
 * (an Error on line 1 with the reason) among its findings, unless ML900 is switched off: the store
 * and the workspace scan put it there, where the configuration is known.
 */
export function diagnosticsFor(result: { findings: Finding[] }, docsLink: DocsLink = docsUrl, annotate?: (f: Finding) => Finding): Diagnostic[] {
  return result.findings.map((raw) => {
    // `annotate` adds facts known at publish time (the verdict of a model file a call loads).
    const f = annotate ? annotate(raw) : raw;
    return f.cell !== undefined && f.fileRange ? notebookFileDiagnostic(f, f.cell, f.fileRange, docsLink) : diagnosticOf(f, docsLink);
  });
}

/**
 * A finding of a notebook that is not open, as the workspace scan reports it on the .ipynb file: the
 * range is where the code is in the file (inside the JSON string), the message starts with the cell
 * and the line in it, so the Problems panel says where to look once the notebook is opened. No fixes:
 * they are offered on the cells once the notebook is open.
 */
function notebookFileDiagnostic(f: Finding, cell: number, fileRange: Finding['range'], docsLink: DocsLink): Diagnostic {
  const d = diagnosticOf({ ...f, fixes: [] }, docsLink);
  return { ...d, range: fileRange, message: `cell ${cell + 1}, line ${f.range.start.line + 1}: ${d.message}` };
}
