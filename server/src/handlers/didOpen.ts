// textDocument/didOpen: analyse the buffer (its text wins over the file on disk).
import type { DidOpenTextDocumentParams } from 'vscode-languageserver/node';
import type { Session } from '../lsp/session';

export function onDidOpen(session: Session, params: DidOpenTextDocumentParams): Promise<void> {
  const { uri, version, text } = params.textDocument;
  return session.documents.open(uri, version, text);
}
