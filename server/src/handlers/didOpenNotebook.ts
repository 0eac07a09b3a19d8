// notebookDocument/didOpen: the notebook's Python cells become one virtual document and are analysed;
// the workspace scan's diagnostics on the .ipynb file give way to the cells' own.
import type { NotebookDocument } from 'vscode-languageserver/node';
import type { Session } from '../lsp/session';

export async function onDidOpenNotebook(session: Session, notebook: NotebookDocument): Promise<void> {
  await session.notebooks.update(notebook.uri);
  if (!session.features.pullDiagnostics) void session.connection.sendDiagnostics({ uri: notebook.uri, diagnostics: [] });
  else session.refreshDiagnostics();
  session.status.changed();
}
