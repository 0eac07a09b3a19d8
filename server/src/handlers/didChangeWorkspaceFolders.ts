// workspace/didChangeWorkspaceFolders: follow the folder list, drop results of removed folders, rescan.
import type { WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import type { Session } from '../lsp/session';

export async function onDidChangeWorkspaceFolders(session: Session, event: WorkspaceFoldersChangeEvent): Promise<void> {
  const paths = (list: { uri: string }[]) =>
    list
      .map((f) => URI.parse(f.uri))
      .filter((u) => u.scheme === 'file')
      .map((u) => u.fsPath);
  const removed = new Set(paths(event.removed));
  session.folders = [...session.folders.filter((f) => !removed.has(f)), ...paths(event.added)];
  await session.scanner.scan();
}
