// mlsec-ls: the language server's entry point. Wiring only: the connection, the handlers, nothing
// else. Started as `mlsec-ls --stdio` (editors that run a plain command) or `--node-ipc` (VS Code).
import {
  createConnection,
  Connection,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
} from 'vscode-languageserver/node';
import { loadPython } from './analysis/parser';
import { Session } from './lsp/session';
import { onInitialize, onInitialized } from './handlers/initialize';
import { onDidOpen } from './handlers/didOpen';
import { onDidChange } from './handlers/didChange';
import { onDidClose } from './handlers/didClose';
import { onDocumentDiagnostic } from './handlers/documentDiagnostic';
import { onWorkspaceDiagnostic } from './handlers/workspaceDiagnostic';
import { onHover } from './handlers/hover';
import { onCodeAction } from './handlers/codeAction';
import { onExecuteCommand } from './handlers/executeCommand';
import { onDidChangeConfiguration } from './handlers/didChangeConfiguration';
import { onDidChangeWatchedFiles } from './handlers/didChangeWatchedFiles';
import { onShutdown } from './handlers/shutdown';
import { onDidOpenNotebook } from './handlers/didOpenNotebook';
import { onDidChangeNotebook } from './handlers/didChangeNotebook';
import { onDidCloseNotebook } from './handlers/didCloseNotebook';
import { VERSION } from './version';

const USAGE = `Usage: mlsec-ls --stdio | --node-ipc

The mlsec language server. Editors start it and talk LSP over stdin/stdout (--stdio) or a Node IPC
channel (--node-ipc, as VS Code does).`;

function connect(argv: string[]): Connection | undefined {
  if (argv.includes('--node-ipc')) return createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IPCMessageWriter(process));
  // Streams passed explicitly: started as a plain command, createConnection() cannot guess them (STACK.md trap 4).
  if (argv.includes('--stdio')) return createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  return undefined;
}

export function main(argv: string[]): void {
  if (argv.includes('--version') || argv.includes('-V')) {
    process.stdout.write(`mlsec-ls ${VERSION}\n`);
    return;
  }
  const connection = connect(argv);
  if (!connection) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const session = new Session(connection);
  // A client that rejects a request we sent (refresh, progress, registration) must not end the server.
  process.on('unhandledRejection', (reason) => session.log(`mlsec: unhandled rejection: ${(reason as Error)?.stack ?? reason}`));
  const ready = loadPython();
  const run = <P, R>(handler: (s: Session, p: P) => R | Promise<R>) => async (params: P): Promise<R> => {
    await ready;
    return handler(session, params);
  };

  connection.onInitialize(async (params) => {
    await ready;
    return onInitialize(session, params);
  });
  connection.onInitialized(run(onInitialized));
  connection.onDidOpenTextDocument(run(onDidOpen));
  connection.onDidChangeTextDocument(run(onDidChange));
  connection.onDidCloseTextDocument(run(onDidClose));
  // Notebook sync: NotebookDocuments keeps the cells; its events drive the notebook handlers.
  session.notebooks.sync.listen(connection);
  session.notebooks.sync.onDidOpen(run(onDidOpenNotebook));
  session.notebooks.sync.onDidChange(run(onDidChangeNotebook));
  session.notebooks.sync.onDidClose(run(onDidCloseNotebook));
  connection.languages.diagnostics.on(run(onDocumentDiagnostic));
  connection.languages.diagnostics.onWorkspace(run(onWorkspaceDiagnostic));
  connection.onHover(run(onHover));
  connection.onCodeAction(run(onCodeAction));
  connection.onExecuteCommand(run(onExecuteCommand));
  connection.onDidChangeConfiguration(run(onDidChangeConfiguration));
  connection.onDidChangeWatchedFiles(run(onDidChangeWatchedFiles));
  connection.onShutdown(() => onShutdown(session));
  connection.listen();
}

if (require.main === module) main(process.argv.slice(2));
