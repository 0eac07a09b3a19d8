// Everything one server process holds, shared by the handlers: what the client can do, the open
// documents, the workspace results and the configuration. The handlers stay thin; nothing here
// walks a tree.
import * as fs from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { ClientCapabilities, Connection } from 'vscode-languageserver/node';
import { docsUrl } from '../rules/docsUrl';
import { DocumentStore, DocumentAnalysis } from '../check/documentStore';
import { Configuration, ProjectConfigSource, uriToPath } from './configuration';
import { ConfigResolver } from '../config/resolver';
import { OpenDocuments } from './documents';
import { diagnosticsFor } from './diagnostics';
import { StatusReporter } from './status';
import { WorkspaceResults } from '../workspace/results';
import { ModelVerdicts } from '../models/scanModels';
import { annotateLoadFinding } from '../models/loadTarget';
import type { Finding } from '../analysis/types';
import { WorkerPool } from '../workspace/pool';
import { DEFAULT_PARSE_BUDGET_MS } from '../analysis/parser';
import { WorkspaceScanner } from './workspaceScan';
import { OpenNotebooks } from './notebooks';
import { Logger } from './logger';
import { SETTINGS_SECTION } from '../protocol';

export interface ClientFeatures {
  configuration: boolean;
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  workDoneProgress: boolean;
  watchedFilesDynamic: boolean;
  showDocument: boolean;
  snippets: boolean;
  workspaceFolders: boolean;
  /** workspace/applyEdit, TextDocumentEdits with versions, and change annotations (the refactor preview). */
  applyEdit: boolean;
  documentChanges: boolean;
  changeAnnotations: boolean;
  /** codeAction/resolve can fill in an action's `edit`: document-wide edits are computed only when picked. */
  codeActionResolve: boolean;
}

export function clientFeatures(c: ClientCapabilities): ClientFeatures {
  return {
    configuration: !!c.workspace?.configuration,
    pullDiagnostics: !!c.textDocument?.diagnostic,
    diagnosticRefresh: !!c.workspace?.diagnostics?.refreshSupport,
    workDoneProgress: !!c.window?.workDoneProgress,
    watchedFilesDynamic: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    showDocument: !!c.window?.showDocument?.support,
    workspaceFolders: !!c.workspace?.workspaceFolders,
    applyEdit: !!c.workspace?.applyEdit,
    documentChanges: !!c.workspace?.workspaceEdit?.documentChanges,
    changeAnnotations: !!c.workspace?.workspaceEdit?.changeAnnotationSupport,
    codeActionResolve: !!c.textDocument?.codeAction?.resolveSupport?.properties?.includes('edit'),
    // LSP 3.18 SnippetTextEdit in workspace edits (what code actions need), not completion snippets.
    snippets: !!(c.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport,
  };
}

export interface SessionOptions {
  /** Parse time limit of open documents, ms (the one that protects typing). */
  parseBudgetMs?: number;
  /** Parse time limit of files scanned in the background, ms. */
  scanParseBudgetMs?: number;
  /** Project configuration; a ConfigResolver (pyproject.toml, .bandit) by default. */
  project?: ProjectConfigSource;
  workerScript?: string;
  poolSize?: number;
}

export const DEFAULT_EDITOR_PARSE_BUDGET_MS = 2000;

export class Session {
  features: ClientFeatures = clientFeatures({});
  /** Workspace folder paths. */
  folders: string[] = [];
  readonly store: DocumentStore;
  readonly config: Configuration;
  readonly documents: OpenDocuments;
  readonly notebooks: OpenNotebooks;
  /** Per notebook: the diagnostics last published or computed for each cell (JSON), to see what changed. */
  private readonly cellDiagnosticsSeen = new Map<string, Map<string, string>>();
  readonly results = new WorkspaceResults();
  /** Verdicts of the workspace's model files, filled by the scan; the code rules' messages read them. */
  readonly modelVerdicts = new ModelVerdicts();
  readonly status: StatusReporter;
  readonly scanner: WorkspaceScanner;
  private poolInstance: WorkerPool | undefined;
  scanBudgetMs: number;
  shuttingDown = false;
  /** The client sent `shutdown`: from then on requests are answered with InvalidRequest. */
  shutdownRequested = false;
  readonly logger: Logger;
  /** The client's copy of the rule pages (initializationOptions.docsFolder), for links that work offline. */
  private docsFolder: string | undefined;
  private readonly docsLinks = new Map<string, string>();
  /** What the client said about workspace trust (VS Code); undefined: the client does not say. */
  workspaceTrusted: boolean | undefined;

  constructor(
    readonly connection: Connection,
    private readonly options: SessionOptions = {},
  ) {
    this.logger = new Logger(connection);
    this.store = new DocumentStore({
      parseBudgetMs: options.parseBudgetMs ?? DEFAULT_EDITOR_PARSE_BUDGET_MS,
      onRuleError: (uri, rule, error, node) =>
        this.logOnce(`rule:${uri}:${rule.code}`, `mlsec: ${uri}: ${rule.code} failed at line ${node.startPosition.row + 1}: ${(error as Error)?.message ?? error}`),
    });
    this.scanBudgetMs = options.scanParseBudgetMs ?? DEFAULT_PARSE_BUDGET_MS;
    this.config = new Configuration({
      fetch: (scopeUri) => (this.features.configuration ? connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION }) : Promise.resolve(undefined)),
      project: options.project ?? this.defaultProject(connection),
      folders: () => this.folders,
      onProblem: (message) => void connection.window.showWarningMessage(`mlsec: ${message}`),
    });
    this.documents = new OpenDocuments(
      this.store,
      this.config,
      (a) => this.onDocumentAnalyzed(a),
      (m) => this.log(m),
    );
    this.notebooks = new OpenNotebooks(this.documents);
    this.status = new StatusReporter(connection, () => this.totalFindings());
    this.scanner = new WorkspaceScanner(this);
  }

  private defaultProject(connection: Connection): ProjectConfigSource {
    const resolver = new ConfigResolver({
      onProblem: (p) => void connection.window.showWarningMessage(`mlsec: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`),
    });
    return {
      configFor: (file) => resolver.configFor(file),
      projectFor: (file) => resolver.projectFor(file),
      isExcluded: (abs, isDir) => resolver.isExcluded(abs, isDir),
      invalidate: (file) => resolver.invalidate(file),
      filesAt: (folder) => resolver.projectFor(path.join(folder, '__init__.py')).files,
    };
  }

  /**
   * A rule's page: `<docsFolder>/<CODE>.md` as a file URI when the client ships the pages (VS Code's
   * extension folder), else the web address. The CLI's SARIF keeps the web address: a report travels.
   */
  readonly docsLink = (code: string): string => {
    let link = this.docsLinks.get(code);
    if (link === undefined) {
      const local = this.docsFolder && /^[A-Z]{1,4}\d{2,4}$/.test(code) ? path.join(this.docsFolder, `${code}.md`) : undefined;
      link = local && fs.existsSync(local) ? URI.file(local).toString() : docsUrl(code);
      this.docsLinks.set(code, link);
    }
    return link;
  };

  /** Applies what initialize told us (options a test or an editor may pass in initializationOptions). */
  configure(options: { parseBudgetMs?: unknown; scanParseBudgetMs?: unknown; docsFolder?: unknown; workspaceTrusted?: unknown }): void {
    if (typeof options.workspaceTrusted === 'boolean') this.workspaceTrusted = options.workspaceTrusted;
    if (typeof options.docsFolder === 'string' && path.isAbsolute(options.docsFolder)) {
      this.docsFolder = options.docsFolder;
      this.docsLinks.clear();
    }
    if (typeof options.parseBudgetMs === 'number') this.store.setParseBudget(options.parseBudgetMs);
    if (typeof options.scanParseBudgetMs === 'number') this.scanBudgetMs = options.scanParseBudgetMs;
  }

  get pool(): WorkerPool {
    return (this.poolInstance ??= new WorkerPool(this.options.workerScript, this.options.poolSize));
  }

  log(message: string): void {
    this.connection.console.error(message);
  }

  /** mlsec.logLevel is a window setting: read it unscoped, after start and on every change. */
  async applyLogLevel(): Promise<void> {
    this.logger.level = (await this.config.settingsFor(undefined)).logLevel;
  }

  private readonly logged = new Set<string>();

  /**
   * Logs a problem the first time it is seen: a rule that throws on a document throws again on every
   * keystroke, and a skipped file is skipped again on every scan.
   */
  logOnce(key: string, message: string): void {
    if (this.logged.has(key)) return;
    if (this.logged.size >= 10_000) this.logged.clear(); // bounded, whatever the session's length
    this.logged.add(key);
    this.log(message);
  }

  private onDocumentAnalyzed(analysis: DocumentAnalysis): void {
    if (analysis.skipped) this.logOnce(`skip:${analysis.uri}:${analysis.skipped}`, `mlsec: ${analysis.uri}: not analysed: ${analysis.skipped}`);
    if (this.notebooks.isNotebook(analysis.uri)) {
      this.onNotebookAnalyzed(analysis);
    } else if (!this.features.pullDiagnostics) {
      void this.connection.sendDiagnostics({ uri: analysis.uri, version: analysis.version, diagnostics: diagnosticsFor(analysis, this.docsLink, this.annotator(analysis.uri)) });
    }
    this.status.changed();
  }

  /**
   * A notebook's findings go to its cells. Push clients get every cell whose diagnostics changed;
   * pull clients pull the cells they edited themselves, so a change that moved findings in other
   * cells (an import removed in cell 1 clears cell 5) asks them to pull again.
   */
  private onNotebookAnalyzed(analysis: DocumentAnalysis): void {
    const vn = this.notebooks.virtualOf(analysis.uri);
    if (!vn || vn.text !== analysis.text) return; // a newer text is on its way
    const seen = this.cellDiagnosticsSeen.get(analysis.uri) ?? new Map<string, string>();
    this.cellDiagnosticsSeen.set(analysis.uri, seen);
    const edited = this.notebooks.takeEditedCells(analysis.uri);
    let othersChanged = false;
    for (const [uri, diagnostics] of this.notebooks.cellDiagnostics(analysis.uri, analysis, vn)) {
      const json = JSON.stringify(diagnostics);
      if (seen.get(uri) === json) continue;
      seen.set(uri, json);
      if (!this.features.pullDiagnostics) void this.connection.sendDiagnostics({ uri, diagnostics });
      else if (!edited.has(uri)) othersChanged = true;
    }
    if (othersChanged) this.refreshDiagnostics();
  }

  forgetNotebook(uri: string): void {
    this.cellDiagnosticsSeen.delete(uri);
  }

  /** Push clients: (re)publishes the workspace result of a file that is not open. */
  publishClosed(uri: string): void {
    if (this.features.pullDiagnostics || this.documents.isOpen(uri)) return;
    const stored = this.results.get(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: stored ? diagnosticsFor(stored.result, this.docsLink, this.annotator(uri)) : [] });
  }

  /**
   * Adds to a Python file's findings what the model files its loading calls read hold (B614, B301,
   * ML103 with a literal path); undefined while no model file has a verdict.
   */
  annotator(uri: string): ((f: Finding) => Finding) | undefined {
    const file = uriToPath(uri);
    if (!file || this.modelVerdicts.size === 0) return undefined;
    const lookup = { verdicts: this.modelVerdicts, roots: this.folders };
    return (f) => annotateLoadFinding(f, file, lookup);
  }

  /** Model verdicts changed: diagnostics of loading calls say something else now. */
  modelVerdictsChanged(): void {
    if (this.features.pullDiagnostics) {
      this.refreshDiagnostics();
      return;
    }
    for (const uri of this.documents.uris()) {
      const analysis = this.store.get(uri);
      if (analysis?.findings.some((f) => f.data?.loadPath !== undefined)) this.onDocumentAnalyzed(analysis);
    }
    for (const [uri, stored] of this.results.entries()) if (stored.result.findings.some((f) => f.data?.loadPath !== undefined)) this.publishClosed(uri);
  }

  /** Pull clients: ask for every document's and the workspace's diagnostics again. */
  refreshDiagnostics(): void {
    if (this.features.pullDiagnostics && this.features.diagnosticRefresh) {
      this.connection.languages.diagnostics.refresh().catch((e) => this.log(`mlsec: diagnostics refresh refused: ${(e as Error).message}`));
    }
  }

  totalFindings(): number {
    let n = 0;
    const open = new Set(this.documents.uris());
    for (const uri of open) n += this.store.get(uri)?.findings.filter((f) => !f.suppressedBy).length ?? 0;
    for (const [uri, stored] of this.results.entries()) if (!open.has(uri)) n += stored.result.findings.filter((f) => !f.suppressedBy).length;
    return n;
  }

  async dispose(): Promise<void> {
    this.shuttingDown = true;
    this.status.dispose();
    this.store.dispose();
    await this.poolInstance?.dispose();
  }
}
