// notebookDocument/didChange: cells added, removed, moved or edited (NotebookDocuments has applied
// the change already); the virtual document follows with one minimal edit.
import type { Session } from '../lsp/session';

export function onDidChangeNotebook(session: Session, event: { notebookDocument: { uri: string } }): Promise<void> {
  return session.notebooks.update(event.notebookDocument.uri);
}
