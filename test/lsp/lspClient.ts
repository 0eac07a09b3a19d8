// A real protocol client over stdio for end-to-end tests: spawns the server, speaks LSP with
// vscode-languageserver-protocol, and records notifications and server-initiated requests.
import * as path from 'path';
import { URI } from 'vscode-uri';
import { ChildProcess, spawn } from 'child_process';
import {
  createProtocolConnection,
  ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeParams,
  InitializeResult,
  ClientCapabilities,
  PublishDiagnosticsParams,
  PublishDiagnosticsNotification,
  ConfigurationRequest,
  WorkDoneProgressCreateRequest,
  RegistrationRequest,
  DiagnosticRefreshRequest,
  ShowDocumentRequest,
  ShowDocumentParams,
  WorkDoneProgress,
  WorkDoneProgressBegin,
  WorkDoneProgressReport,
  WorkDoneProgressEnd,
  Registration,
} from 'vscode-languageserver-protocol/node';

export const SERVER_JS = path.resolve(__dirname, '../../server/src/server.js');

export interface ClientOptions {
  /** Server script (compiled tree by default, or a bundle). */
  server?: string;
  cwd?: string;
  /** Settings returned for workspace/configuration (section mlsec), per scopeUri if a function. */
  settings?: (scopeUri: string | undefined) => unknown;
  /** Extra options for the server's node process (a `-r` preload that injects a fault, say). */
  nodeArgs?: string[];
}

type WorkDone = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly progress: { token: string | number; value: WorkDone }[] = [];
  readonly registrations: Registration[] = [];
  readonly shownDocuments: ShowDocumentParams[] = [];
  readonly configurationRequests: (string | undefined)[] = [];
  refreshRequests = 0;
  stderr = '';
  private waiters: { test: () => boolean; resolve: () => void }[] = [];
  settings: (scopeUri: string | undefined) => unknown;

  constructor(options: ClientOptions = {}) {
    this.settings = options.settings ?? (() => ({}));
    this.process = spawn(process.execPath, [...(options.nodeArgs ?? []), options.server ?? SERVER_JS, '--stdio'], { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr?.on('data', (d) => (this.stderr += d));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.poke();
    });
    for (const method of ['mlsec/status', 'window/logMessage', 'window/showMessage']) {
      this.connection.onNotification(method, (params: unknown) => {
        this.notifications.push({ method, params });
        this.poke();
      });
    }
    this.connection.onRequest(ConfigurationRequest.type, (p) => {
      return p.items.map((item) => {
        this.configurationRequests.push(item.scopeUri);
        return item.section === 'mlsec' ? this.settings(item.scopeUri) : null;
      });
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      this.connection.onProgress(WorkDoneProgress.type, p.token, (value) => {
        this.progress.push({ token: p.token, value });
        this.poke();
      });
    });
    this.connection.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
    });
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshRequests++;
      this.poke();
    });
    this.connection.onRequest(ShowDocumentRequest.type, (p) => {
      this.shownDocuments.push(p);
      return { success: true };
    });
    this.connection.listen();
  }

  private poke(): void {
    const ready = this.waiters.filter((w) => w.test());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  /** Resolves once `test` holds (checked on every message), or rejects after `ms`. */
  waitFor(test: () => boolean, what: string, ms = 15000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr}`)), ms);
      this.waiters.push({
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** The latest diagnostics published for `uri` (satisfying `test`, waited for). */
  async diagnosticsFor(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, what = `diagnostics for ${uri}`): Promise<PublishDiagnosticsParams> {
    const latest = () => [...this.published].reverse().find((p) => p.uri === uri);
    await this.waitFor(() => {
      const l = latest();
      return !!l && test(l);
    }, what);
    return latest() as PublishDiagnosticsParams;
  }

  async initialize(capabilities: ClientCapabilities, rootPath?: string, initializationOptions?: unknown): Promise<InitializeResult> {
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: null,
      capabilities,
      workspaceFolders: rootPath ? [{ uri: URI.file(rootPath).toString(), name: path.basename(rootPath) }] : null,
      initializationOptions,
    };
    const result = (await this.connection.sendRequest('initialize', params)) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.process.exitCode !== null) resolve(this.process.exitCode);
      else this.process.once('exit', (code) => resolve(code));
    });
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

/** Client capabilities of a push-only editor (Neovim, Emacs) and of a pull client (VS Code). */
export const PUSH_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  window: { workDoneProgress: true, showDocument: { support: true } },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};

export const PULL_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
  window: { workDoneProgress: true, showDocument: { support: true } },
  textDocument: { diagnostic: { dynamicRegistration: false }, publishDiagnostics: { versionSupport: true } },
};
