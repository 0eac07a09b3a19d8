// The workspace scan: every Python file of the workspace folders (same discovery and excludes as
// the CLI, plus mlsec.ignorePatterns) analysed in the worker pool, with work-done progress and the
// status notification. Results of files that are not open are published (push) or kept for
// workspace/diagnostic (pull). A new scan supersedes a running one.
import { URI } from 'vscode-uri';
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { Configuration } from './configuration';
import type { StatusReporter } from './status';
import type { Logger } from './logger';
import type { WorkerPool } from '../workspace/pool';
import type { WorkspaceResults } from '../workspace/results';
import type { ModelVerdicts } from '../models/scanModels';
import * as path from 'path';
import { ALWAYS_SKIPPED_DIRS, discoverPythonFiles } from '../workspace/discovery';
import type { FileResult } from '../workspace/scanner';
import { FILE_GONE } from '../workspace/readSource';
import type { MlsecSettings } from '../config/settings';
import { ScanCache } from '../workspace/cache';
import { cachedResult } from '../workspace/projectScan';
import { isCodeEnabled } from '../config/analysisConfig';
import type { AnalysisConfig } from '../config/analysisConfig';
import { NOT_ANALYSED_CODE, notAnalysedFinding } from '../rules/ML900-file-not-analysed';
import { isModelFile, scanModelFile } from '../models/modelFile';
import { modelVerdict } from '../models/verdict';
import { modelFileResult } from '../models/scanModels';

const REPORT_EVERY_MS = 100;

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * What the scan uses of the server's session (lsp/session.ts implements it): declared here so that
 * the session imports the scanner and not the other way round.
 */
export interface ScanHost {
  readonly features: { readonly workDoneProgress: boolean; readonly pullDiagnostics: boolean };
  readonly folders: readonly string[];
  readonly connection: Connection;
  readonly config: Configuration;
  readonly results: WorkspaceResults;
  readonly modelVerdicts: ModelVerdicts;
  readonly status: StatusReporter;
  readonly logger: Logger;
  readonly pool: WorkerPool;
  readonly scanBudgetMs: number;
  log(message: string): void;
  logOnce(key: string, message: string): void;
  publishClosed(uri: string): void;
  refreshDiagnostics(): void;
  modelVerdictsChanged(): void;
}

export class WorkspaceScanner {
  private generation = 0;
  private current: Promise<void> | undefined;
  scanning = false;
  /** Results by content hash: a re-scan analyses only the files that changed. */
  private readonly cache = ScanCache.inMemory();

  constructor(private readonly session: ScanHost) {}

  /** Starts a scan (`force`: even where mlsec.workspaceScan is off, as the command does). */
  scan(force = false): Promise<void> {
    const generation = ++this.generation;
    this.session.pool.clearQueue();
    const run = this.run(generation, force).catch((e) => this.session.log(`mlsec: workspace scan failed: ${(e as Error)?.stack ?? e}`));
    this.current = run;
    return run;
  }

  /** Resolves when no scan is running. */
  async idle(): Promise<void> {
    while (this.current) {
      const c = this.current;
      await c;
      if (this.current === c) this.current = undefined;
    }
  }

  private async folderSettings(folder: string): Promise<MlsecSettings> {
    return this.session.config.settingsFor(URI.file(folder).toString());
  }

  private async run(generation: number, force: boolean): Promise<void> {
    const { session } = this;
    const started = Date.now();
    const files: { file: string; settings: MlsecSettings }[] = [];
    for (const folder of session.folders) {
      const settings = await this.folderSettings(folder);
      if (!settings.enable || (!force && !settings.workspaceScan)) continue;
      const found = discoverPythonFiles([folder], {
        alsoInclude: isModelFile,
        isExcluded: (abs, isDir) => session.config.isIgnored(abs, settings, isDir),
        onProblem: (p) => session.log(`mlsec: ${p.path}: ${p.message}`),
      });
      for (const file of found) files.push({ file, settings });
    }
    if (generation !== this.generation) return;

    // Files that are gone or no longer scanned lose their results.
    const listed = new Set(files.map((f) => URI.file(f.file).toString()));
    for (const uri of session.results.uris()) {
      if (!listed.has(uri)) {
        session.results.delete(uri);
        session.publishClosed(uri);
      }
    }

    const total = files.length;
    this.scanning = true;
    let progress: WorkDoneProgressServerReporter | undefined;
    if (session.features.workDoneProgress) {
      try {
        progress = await session.connection.window.createWorkDoneProgress();
        progress.begin('mlsec', 0, `Scanning 0 / ${count(total)} files`, false);
      } catch {
        progress = undefined; // the client refused the token: scan without progress
      }
    }
    session.status.scanning(0, total);
    let done = 0;
    let lastReport = 0;
    await Promise.all(
      files.map(async ({ file, settings }) => {
        const result = await this.analyse(file, settings);
        if (generation !== this.generation) return;
        this.store(file, result);
        done++;
        const now = Date.now();
        if (now - lastReport >= REPORT_EVERY_MS || done === total) {
          lastReport = now;
          progress?.report(total === 0 ? 100 : Math.floor((done / total) * 100), `Scanning ${count(done)} / ${count(total)} files`);
          session.status.scanning(done, total);
        }
      }),
    );
    progress?.done();
    if (generation !== this.generation) return;
    // Memory back at once: rescans of single files start a worker again (~0.1 s), rarely.
    session.pool.release();
    this.scanning = false;
    this.logSummary(
      files.map((f) => f.file),
      Date.now() - started,
    );
    session.status.idle();
    session.refreshDiagnostics();
    if (!session.features.pullDiagnostics) session.modelVerdictsChanged();
  }

  /** `workspace scan: 120 files, 14 findings, 2 skipped (…), 1.3 s`: one line per scan. */
  private logSummary(files: string[], ms: number): void {
    let findings = 0;
    const skipped: string[] = [];
    for (const file of files) {
      const stored = this.session.results.get(URI.file(file).toString());
      if (!stored) continue;
      if (stored.result.skipped) skipped.push(`${path.basename(file)}: ${stored.result.skipped}`);
      findings += stored.result.findings.filter((f) => !f.suppressedBy).length;
    }
    const shown = skipped.slice(0, 5).join('; ') + (skipped.length > 5 ? `; ${skipped.length - 5} more` : '');
    const n = (k: number, what: string) => `${count(k)} ${what}${k === 1 ? '' : 's'}`;
    this.session.logger.info(
      `mlsec: workspace scan: ${n(files.length, 'file')}, ${n(findings, 'finding')}, ${count(skipped.length)} skipped${skipped.length ? ` (${shown})` : ''}, ${(ms / 1000).toFixed(1)} s`,
    );
  }

  private async analyse(file: string, settings: MlsecSettings): Promise<FileResult | null> {
    const config = this.session.config.configForFile(file, settings);
    if (!config) {
      this.session.modelVerdicts.delete(file);
      return null;
    }
    if (isModelFile(file)) return this.analyseModel(file, config);
    const hit = cachedResult(this.cache, file, config);
    if ('result' in hit) return hit.result;
    const result = await this.session.pool.run({ file, config, parseBudgetMs: this.session.scanBudgetMs });
    hit.store(result);
    // A file that is not analysed is itself a finding (ML900, unless switched off); a file deleted
    // meanwhile or a cancelled job is not (store() drops those).
    if (result.skipped && result.skipped !== FILE_GONE && result.skipped !== 'cancelled' && isCodeEnabled(NOT_ANALYSED_CODE, config)) {
      return { ...result, findings: [notAnalysedFinding(result.skipped), ...result.findings] };
    }
    return result;
  }

  /** Model files are read on this thread (they are mostly skipped over, not parsed); not cached. */
  private async analyseModel(file: string, config: AnalysisConfig): Promise<FileResult | null> {
    const report = await scanModelFile(file);
    if (report.notInspected.some((p) => p.message === FILE_GONE)) {
      this.session.modelVerdicts.delete(file);
      return null;
    }
    this.session.modelVerdicts.set(file, modelVerdict(report));
    return modelFileResult(file, report, config, this.session.config.modelProject(file));
  }

  private store(file: string, result: FileResult | null): void {
    const uri = URI.file(file).toString();
    // Deleted between discovery and reading: the file is gone, not skipped (no diagnostic for a ghost).
    if (result?.skipped === FILE_GONE) result = null;
    if (result?.skipped && result.skipped !== 'cancelled') this.session.logOnce(`skip:${uri}:${result.skipped}`, `mlsec: ${file}: skipped: ${result.skipped}`);
    for (const e of result?.ruleErrors ?? []) this.session.logOnce(`rule:${uri}:${e.code}`, `mlsec: ${file}: rule error: ${e.message}`);
    if (result && result.skipped !== 'cancelled') this.session.results.set(uri, result);
    else if (!result) this.session.results.delete(uri);
    this.session.publishClosed(uri);
  }

  /** One file changed on disk (or was closed in the editor): analyse it again if it is scanned. */
  async rescanFile(file: string): Promise<void> {
    const folder = this.session.config.folderOf(file);
    if (!folder) return;
    const settings = await this.folderSettings(folder);
    const skippedDir = path
      .relative(folder, path.dirname(file))
      .split(path.sep)
      .some((d) => ALWAYS_SKIPPED_DIRS.has(d));
    if (!settings.enable || !settings.workspaceScan || skippedDir || this.session.config.isIgnored(file, settings)) {
      this.session.results.delete(URI.file(file).toString());
      this.session.publishClosed(URI.file(file).toString());
      return;
    }
    const generation = this.session.modelVerdicts.generation;
    this.store(file, await this.analyse(file, settings));
    if (this.session.modelVerdicts.generation !== generation) this.session.modelVerdictsChanged();
    this.session.status.changed();
  }

  /** A file was deleted on disk. */
  forget(file: string): void {
    const uri = URI.file(file).toString();
    const generation = this.session.modelVerdicts.generation;
    this.session.modelVerdicts.delete(file);
    if (this.session.modelVerdicts.generation !== generation) this.session.modelVerdictsChanged();
    this.session.results.delete(uri);
    this.session.publishClosed(uri);
    this.session.status.changed();
  }
}
