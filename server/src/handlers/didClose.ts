// textDocument/didClose: drop the buffer and its tree; the file on disk takes over (workspace scan).
import type { DidCloseTextDocumentParams } from 'vscode-languageserver/node';
import type { Session } from '../lsp/session';
import { uriToPath } from '../lsp/configuration';

export async function onDidClose(session: Session, params: DidCloseTextDocumentParams): Promise<void> {
  const { uri } = params.textDocument;
  await session.documents.close(uri);
  const file = uriToPath(uri);
  if (file && session.results.get(uri)) {
    await session.scanner.rescanFile(file);
  } else {
    session.publishClosed(uri);
  }
  session.status.changed();
}
