// initialize / initialized: record what the client can do, announce what we do, then register
// file watchers and start the workspace scan.
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  InitializeParams,
  InitializeResult,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import type { Session } from '../lsp/session';
import { clientFeatures } from '../lsp/session';
import { SERVER_COMMANDS } from './executeCommand';
import { SOURCE_FIX_ALL_MLSEC, NOTEBOOK_SOURCE_FIX_ALL_MLSEC } from './codeAction';
import { onDidChangeWorkspaceFolders } from './didChangeWorkspaceFolders';
import { VERSION } from '../version';

/** Files whose change can change findings: Python sources and project configuration. */
export const WATCHED_GLOBS = ['**/*.py', '**/*.pyi', '**/*.ipynb', '**/pyproject.toml', '**/.bandit'];

export function onInitialize(session: Session, params: InitializeParams): InitializeResult {
  session.features = clientFeatures(params.capabilities);
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  session.folders = folders.map((u) => URI.parse(u)).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
  session.configure((params.initializationOptions ?? {}) as Record<string, unknown>);
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      // Jupyter notebooks: the client sends Python cells through notebook sync (LSP 3.17).
      notebookDocumentSync: { notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }], save: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, SOURCE_FIX_ALL_MLSEC, NOTEBOOK_SOURCE_FIX_ALL_MLSEC], resolveProvider: false },
      executeCommandProvider: { commands: [...SERVER_COMMANDS] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'mlsec', version: VERSION },
  };
  if (session.features.pullDiagnostics) {
    result.capabilities.diagnosticProvider = { identifier: 'mlsec', interFileDependencies: false, workspaceDiagnostics: true };
  }
  return result;
}

export async function onInitialized(session: Session): Promise<void> {
  const { connection, features } = session;
  // Started before any await, so that a workspace/diagnostic request or a scan command arriving
  // next finds it running.
  void session.scanner.scan();
  session.status.flush();
  if (features.workspaceFolders) {
    // Registered here: the connection accepts this handler only once initialize has been answered.
    connection.workspace.onDidChangeWorkspaceFolders((event) => void onDidChangeWorkspaceFolders(session, event));
  }
  if (features.watchedFilesDynamic) {
    try {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
    } catch (e) {
      session.log(`mlsec: the client refused file watchers: ${(e as Error).message}`);
    }
  }
}
