// textDocument/didOpen: analyse the buffer (its text wins over the file on disk).
import type { DidOpenTextDocumentParams } from 'vscode-languageserver/node';
import type { Session } from '../lsp/session';

export function onDidOpen(session: Session, params: DidOpenTextDocumentParams): Promise<void> {
  const doc = params?.textDocument;
  // A malformed notification (no URI, no text) is reported and dropped: there is nothing to analyse.
  if (typeof doc?.uri !== 'string' || typeof doc.text !== 'string' || typeof doc.version !== 'number') {
    session.log(`mlsec: didOpen without a uri, version and text; ignored: ${JSON.stringify(params)?.slice(0, 200)}`);
    return Promise.resolve();
  }
  return session.documents.open(doc.uri, doc.version, doc.text);
}
