// workspace/didChangeWatchedFiles: keep the results of files that are not open current. A change to
// a project configuration file re-analyses everything that it may affect.
import { DidChangeWatchedFilesParams, FileChangeType } from 'vscode-languageserver/node';
import * as path from 'path';
import type { Session } from '../lsp/session';
import { uriToPath } from '../lsp/configuration';
import { isPythonFile } from '../workspace/discovery';
import { CONFIG_FILE_NAMES } from '../config/resolver';

const CONFIG_FILES = new Set(CONFIG_FILE_NAMES);

export async function onDidChangeWatchedFiles(session: Session, params: DidChangeWatchedFilesParams): Promise<void> {
  let configChanged = false;
  const jobs: Promise<void>[] = [];
  for (const change of params.changes) {
    const file = uriToPath(change.uri);
    if (!file) continue;
    if (CONFIG_FILES.has(path.basename(file))) {
      session.config.projectChanged(file);
      configChanged = true;
      continue;
    }
    if (!isPythonFile(file, true) || session.documents.isOpen(change.uri)) continue;
    if (change.type === FileChangeType.Deleted) session.scanner.forget(file);
    else jobs.push(session.scanner.rescanFile(file));
  }
  await Promise.all(jobs);
  if (configChanged) {
    session.config.clear();
    await session.documents.refreshAll();
    session.refreshDiagnostics();
    await session.scanner.scan();
  }
}
