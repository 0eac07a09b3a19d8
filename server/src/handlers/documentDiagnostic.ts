// textDocument/diagnostic (pull): the open document's findings once every change received so far
// has been analysed; for a notebook cell, the findings of its notebook that are in that cell.
import { DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportKind } from 'vscode-languageserver/node';
import type { Session } from '../lsp/session';
import { diagnosticsFor } from '../lsp/diagnostics';

export async function onDocumentDiagnostic(session: Session, params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
  const uri = params.textDocument.uri;
  const cell = session.notebooks.cell(uri);
  if (cell) {
    // A notebook cell: its share of the notebook's analysis.
    const settled = await session.notebooks.settled(cell.notebookUri);
    const items = settled ? (session.notebooks.cellDiagnostics(cell.notebookUri, settled.analysis, settled.vn).get(uri) ?? []) : [];
    return { kind: DocumentDiagnosticReportKind.Full, items };
  }
  const analysis = await session.documents.settled(uri);
  if (analysis) return { kind: DocumentDiagnosticReportKind.Full, resultId: `${analysis.version}`, items: diagnosticsFor(analysis, session.docsLink, session.annotator(analysis.uri)) };
  const stored = session.results.get(uri);
  if (stored) return { kind: DocumentDiagnosticReportKind.Full, resultId: `w${stored.resultId}`, items: diagnosticsFor(stored.result, session.docsLink, session.annotator(params.textDocument.uri)) };
  return { kind: DocumentDiagnosticReportKind.Full, items: [] };
}
