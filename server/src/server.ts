// mlsec-ls: the language server's entry point. Wiring only: the connection, the handlers, nothing
// else. Started as `mlsec-ls --stdio` (editors that run a plain command) or `--node-ipc` (VS Code).
import {
  CancellationToken,
  createConnection,
  Connection,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
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
import { onCodeActionResolve } from './handlers/codeActionResolve';
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
  // Streams passed explicitly: started as a plain command (an editor running `mlsec-ls --stdio`),
  // createConnection() with no streams throws instead of picking stdin/stdout.
  if (argv.includes('--stdio')) {
    const reader = new StreamMessageReader(process.stdin);
    reader.onError(onReadError);
    return createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  }
  return undefined;
}

/**
 * A framing error (a header without a usable Content-Length, a header line without `:`) leaves the
 * reader out of step with the stream for good: every later message would be lost, and the editor,
 * seeing a live process, would never restart it. So it is fatal: one line on stderr, exit code 1, and
 * the client restarts the server. A body that is not JSON (its length was right) is not: the message
 * is dropped, logged by the connection, and the next one is read as usual.
 */
function onReadError(error: Error): void {
  if (error instanceof SyntaxError) return;
  process.stderr.write(`mlsec-ls: fatal: unreadable message framing on stdin (${String(error.message).split('\n')[0]}); exiting so that the client can restart the server\n`);
  process.exit(1);
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
  // After `shutdown` the spec allows only `exit`: requests get InvalidRequest, notifications are dropped.
  // (`exit` itself ends the process with 0 after shutdown and 1 without: vscode-languageserver does that.)
  // Handlers that loop over many items take the request's cancellation token (code actions do).
  const run =
    <P, R>(handler: (s: Session, p: P, token: CancellationToken) => R | Promise<R>) =>
    async (params: P, token: CancellationToken): Promise<R> => {
      if (session.shutdownRequested) throw new ResponseError(ErrorCodes.InvalidRequest, 'the server is shutting down');
      await ready;
      return handler(session, params, token);
    };
  const notified =
    <P>(handler: (s: Session, p: P) => void | Promise<void>) =>
    async (params: P): Promise<void> => {
      if (session.shutdownRequested) return;
      await ready;
      return handler(session, params);
    };

  connection.onInitialize(async (params) => {
    if (session.shutdownRequested) throw new ResponseError(ErrorCodes.InvalidRequest, 'the server is shutting down');
    await ready;
    return onInitialize(session, params);
  });
  connection.onInitialized(notified(onInitialized));
  connection.onDidOpenTextDocument(notified(onDidOpen));
  connection.onDidChangeTextDocument(notified(onDidChange));
  connection.onDidCloseTextDocument(notified(onDidClose));
  // Notebook sync: NotebookDocuments keeps the cells; its events drive the notebook handlers.
  session.notebooks.sync.listen(connection);
  session.notebooks.sync.onDidOpen(notified(onDidOpenNotebook));
  session.notebooks.sync.onDidChange(notified(onDidChangeNotebook));
  session.notebooks.sync.onDidClose(notified(onDidCloseNotebook));
  connection.languages.diagnostics.on(run(onDocumentDiagnostic));
  connection.languages.diagnostics.onWorkspace(run(onWorkspaceDiagnostic));
  connection.onHover(run(onHover));
  connection.onCodeAction(run(onCodeAction));
  connection.onCodeActionResolve(run(onCodeActionResolve));
  connection.onExecuteCommand(run(onExecuteCommand));
  connection.onDidChangeConfiguration(notified(onDidChangeConfiguration));
  connection.onDidChangeWatchedFiles(notified(onDidChangeWatchedFiles));
  connection.onShutdown(() => {
    if (session.shutdownRequested) throw new ResponseError(ErrorCodes.InvalidRequest, 'shutdown was already requested');
    session.shutdownRequested = true;
    return onShutdown(session);
  });
  connection.listen();
}

if (require.main === module) main(process.argv.slice(2));
