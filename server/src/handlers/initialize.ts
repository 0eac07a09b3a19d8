// initialize / initialized: record what the client can do, announce what we do, then register
// file watchers and start the workspace scan.
import { CodeActionKind, DidChangeWatchedFilesNotification, InitializeParams, InitializeResult, TextDocumentSyncKind } from 'vscode-languageserver/node';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Session } from '../lsp/session';
import { clientFeatures } from '../lsp/session';
import { SERVER_COMMANDS } from './executeCommand';
import { SOURCE_FIX_ALL_MLSEC, NOTEBOOK_SOURCE_FIX_ALL_MLSEC } from '../lsp/codeActions';
import { onDidChangeWorkspaceFolders } from './didChangeWorkspaceFolders';
import { VERSION } from '../version';
import { GRAMMAR_FILE, locateWasm, RUNTIME_FILE } from '../analysis/parser';
import { ALL_RULES } from '../rules';
import { MODEL_FILE_EXTENSIONS } from '../models/modelFile';

/** What a user reading the output channel first needs: which server, which grammar, which config. */
async function logStart(session: Session): Promise<void> {
  await session.applyLogLevel();
  const log = session.logger;
  let wasm: string;
  try {
    wasm = `${locateWasm(GRAMMAR_FILE)} (runtime ${locateWasm(RUNTIME_FILE)})`;
  } catch (e) {
    wasm = (e as Error).message;
  }
  log.info(`mlsec-ls ${VERSION} started on Node ${process.version}; grammar ${wasm}; ${ALL_RULES.length} rules`);
  for (const folder of session.folders) {
    const files = session.config.projectFilesAt(folder);
    log.info(`mlsec: workspace folder ${folder}: configuration ${files.length > 0 ? files.join(', ') : 'none (defaults)'}`);
    // In an untrusted workspace VS Code already ignores the folder's settings that lower coverage
    // (restrictedConfigurations). The project's own files still apply, as they do for `mlsec scan`
    // in CI: an `exclude` or `ignore` there is part of the repository under review, visible in it.
    if (session.workspaceTrusted === false && files.length > 0) {
      log.warn(`mlsec: workspace folder ${folder} is not trusted: its ${files.map((f) => path.basename(f)).join(' and ')} still select, ignore and exclude what mlsec checks; review them`);
    }
  }
}

/** Files whose change can change findings: Python sources and project configuration. */
export const WATCHED_GLOBS = ['**/*.py', '**/*.pyi', '**/*.ipynb', '**/pyproject.toml', '**/.bandit', `**/*.{${MODEL_FILE_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`];

export function onInitialize(session: Session, params: InitializeParams): InitializeResult {
  session.features = clientFeatures(params.capabilities);
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  session.folders = folders
    .map((u) => URI.parse(u))
    .filter((u) => u.scheme === 'file')
    .map((u) => u.fsPath);
  session.configure((params.initializationOptions ?? {}) as Record<string, unknown>);
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      // Jupyter notebooks: the client sends Python cells through notebook sync (LSP 3.17).
      notebookDocumentSync: { notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }], save: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, SOURCE_FIX_ALL_MLSEC, NOTEBOOK_SOURCE_FIX_ALL_MLSEC], resolveProvider: true },
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
  await logStart(session);
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
