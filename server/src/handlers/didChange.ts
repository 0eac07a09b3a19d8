// textDocument/didChange: incremental changes, several per notification, applied in order.
import type { DidChangeTextDocumentParams } from 'vscode-languageserver/node';
import type { Session } from '../lsp/session';

export function onDidChange(session: Session, params: DidChangeTextDocumentParams): Promise<void> {
  return session.documents.change(params.textDocument.uri, params.textDocument.version, params.contentChanges);
}
