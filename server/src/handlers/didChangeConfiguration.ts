// workspace/didChangeConfiguration: forget cached settings, re-analyse the open documents, rescan
// the workspace, and ask pull clients to pull again. Effective without a restart.
import type { Session } from '../lsp/session';

export async function onDidChangeConfiguration(session: Session): Promise<void> {
  session.config.clear();
  // Not awaited: the open documents must be queued for re-analysis before any await, so that a
  // diagnostic pull arriving next waits for the new settings instead of reading the old result.
  void session.applyLogLevel();
  await session.documents.refreshAll();
  session.refreshDiagnostics();
  await session.scanner.scan();
}
