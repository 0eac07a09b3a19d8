// workspace/diagnostic (pull): the scan results of files that are not open. Waits for a running scan;
// files whose result id the client already has are reported unchanged; files the client knows that
// no longer have results get an empty report.
import { DocumentDiagnosticReportKind, WorkspaceDiagnosticParams, WorkspaceDiagnosticReport, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { Session } from '../lsp/session';
import { diagnosticsFor } from '../lsp/diagnostics';

export async function onWorkspaceDiagnostic(session: Session, params: WorkspaceDiagnosticParams): Promise<WorkspaceDiagnosticReport> {
  await session.scanner.idle();
  const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  for (const [uri, stored] of session.results.entries()) {
    if (session.documents.isOpen(uri)) {
      // An open notebook's findings are on its cells: its file entry is emptied, not left stale.
      if (session.notebooks.isNotebook(uri)) items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: `open${stored.resultId}`, items: [] });
      previous.delete(uri);
      continue;
    }
    // A loading call's message quotes model verdicts: their generation is part of the result id.
    const loads = stored.result.findings.some((f) => f.data?.loadPath !== undefined);
    const resultId = loads ? `w${stored.resultId}.m${session.modelVerdicts.generation}` : `w${stored.resultId}`;
    if (previous.get(uri) === resultId) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId });
    else items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: diagnosticsFor(stored.result, session.docsLink, session.annotator(uri)) });
    previous.delete(uri);
  }
  for (const uri of previous.keys()) {
    if (!session.documents.isOpen(uri)) items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
  }
  return { items };
}
