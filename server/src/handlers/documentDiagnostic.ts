// textDocument/diagnostic (pull): the open document's findings once every change received so far
// has been analysed.
import { DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportKind } from 'vscode-languageserver/node';
import type { Session } from '../lsp/session';
import { diagnosticsFor } from '../lsp/diagnostics';

export async function onDocumentDiagnostic(session: Session, params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
  const uri = params.textDocument.uri;
  const analysis = await session.documents.settled(uri);
  if (analysis) return { kind: DocumentDiagnosticReportKind.Full, resultId: `${analysis.version}`, items: diagnosticsFor(analysis, session.annotator(analysis.uri)) };
  const stored = session.results.get(uri);
  if (stored) return { kind: DocumentDiagnosticReportKind.Full, resultId: `w${stored.resultId}`, items: diagnosticsFor(stored.result, session.annotator(params.textDocument.uri)) };
  return { kind: DocumentDiagnosticReportKind.Full, items: [] };
}
