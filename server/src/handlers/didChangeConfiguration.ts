// workspace/didChangeConfiguration: forget cached settings, re-analyse the open documents, rescan
// the workspace, and ask pull clients to pull again. Effective without a restart.
import type { Session } from '../lsp/session';

export async function onDidChangeConfiguration(session: Session): Promise<void> {
  session.config.clear();
  await session.applyLogLevel();
  await session.documents.refreshAll();
  session.refreshDiagnostics();
  await session.scanner.scan();
}
