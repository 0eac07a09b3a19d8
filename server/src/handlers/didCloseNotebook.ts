// notebookDocument/didClose: the cells' diagnostics are cleared and the file on disk takes over
// (the workspace scan's result for the .ipynb file).
import type { NotebookDocument } from 'vscode-languageserver/node';
import type { Session } from '../lsp/session';
import { uriToPath } from '../lsp/configuration';

export async function onDidCloseNotebook(session: Session, notebook: NotebookDocument): Promise<void> {
  await session.notebooks.close(notebook.uri);
  session.forgetNotebook(notebook.uri);
  if (!session.features.pullDiagnostics) {
    for (const cell of notebook.cells) void session.connection.sendDiagnostics({ uri: cell.document, diagnostics: [] });
  }
  const file = uriToPath(notebook.uri);
  if (file) await session.scanner.rescanFile(file);
  else session.publishClosed(notebook.uri);
  session.refreshDiagnostics();
  session.status.changed();
}
