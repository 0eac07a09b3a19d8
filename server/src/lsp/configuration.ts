// Effective configuration per document: the project's configuration files (an injectable function,
// so the ConfigResolver can plug in) with the editor's `mlsec` settings on top. Editor settings are
// requested per resource with workspace/configuration, cached by URI and dropped on
// didChangeConfiguration.
import * as path from 'path';
import { URI } from 'vscode-uri';
import { AnalysisConfig, defaultConfig } from '../config/analysisConfig';
import { MlsecSettings, defaultSettings, matchesIgnorePatterns, mergeSettings, normalizeSettings } from '../config/settings';

/** The project configuration (pyproject.toml, .bandit …) that applies to a file path. */
export type ProjectConfigFn = (file: string) => AnalysisConfig;

/** The project side: its configuration per file, its excludes, and forgetting on change. */
export interface ProjectConfigSource {
  configFor: ProjectConfigFn;
  isExcluded?: (absPath: string, isDir: boolean) => boolean;
  invalidate?: (changedFile?: string) => void;
  /** The configuration files that apply at a folder (for the start-up log). */
  filesAt?: (folder: string) => string[];
}

export interface EffectiveConfig {
  settings: MlsecSettings;
  /** null when the file is not to be analysed (mlsec.enable off, or an ignore pattern matches). */
  analysis: AnalysisConfig | null;
}

export interface ConfigurationOptions {
  /** Asks the client for the `mlsec` section; absent when the client cannot answer. */
  fetch?: (scopeUri: string | undefined) => Promise<unknown>;
  project?: ProjectConfigSource;
  /** Workspace folder paths, for relative ignore patterns. */
  folders: () => string[];
  onProblem?: (message: string) => void;
}

export function uriToPath(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

export class Configuration {
  private readonly cache = new Map<string, Promise<MlsecSettings>>();
  private readonly reported = new Set<string>();

  constructor(private readonly options: ConfigurationOptions) {}

  settingsFor(uri: string | undefined): Promise<MlsecSettings> {
    const key = uri ?? '';
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.load(uri);
      this.cache.set(key, pending);
    }
    return pending;
  }

  private async load(uri: string | undefined): Promise<MlsecSettings> {
    if (!this.options.fetch) return defaultSettings();
    let raw: unknown;
    try {
      raw = await this.options.fetch(uri);
    } catch (e) {
      this.problem(`cannot read the mlsec settings: ${(e as Error).message}`);
      return defaultSettings();
    }
    const problems: string[] = [];
    const settings = normalizeSettings(raw, problems);
    for (const p of problems) this.problem(p);
    return settings;
  }

  private problem(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.options.onProblem?.(message);
  }

  projectConfig(file: string | undefined): AnalysisConfig {
    if (!file || !this.options.project) return defaultConfig();
    return this.options.project.configFor(file);
  }

  async configFor(uri: string): Promise<EffectiveConfig> {
    const settings = await this.settingsFor(uri);
    const file = uriToPath(uri);
    if (!settings.enable || (file && this.isIgnored(file, settings))) return { settings, analysis: null };
    return { settings, analysis: mergeSettings(this.projectConfig(file), settings) };
  }

  /** For background scans: the settings of the file's workspace folder (one request per folder, not per file). */
  configForFile(file: string, folderSettings: MlsecSettings): AnalysisConfig | null {
    if (!folderSettings.enable || this.isIgnored(file, folderSettings)) return null;
    return mergeSettings(this.projectConfig(file), folderSettings);
  }

  /** The workspace folder holding `file`, if any. */
  folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const f of this.options.folders()) {
      if ((file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep)) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  /** Not to be analysed: excluded by the project's configuration or by mlsec.ignorePatterns. */
  isIgnored(file: string, settings: MlsecSettings, isDir = false): boolean {
    if (this.options.project?.isExcluded?.(file, isDir)) return true;
    if (settings.ignorePatterns.length === 0) return false;
    const folder = this.folderOf(file);
    const rel = folder ? path.relative(folder, file).split(path.sep).join('/') : undefined;
    return matchesIgnorePatterns(settings.ignorePatterns, rel, file, (m) => this.problem(m));
  }

  /** didChangeConfiguration: forget everything cached. */
  clear(): void {
    this.cache.clear();
    this.reported.clear();
  }

  /** The configuration files that apply to files at the root of `folder`. */
  projectFilesAt(folder: string): string[] {
    return this.options.project?.filesAt?.(folder) ?? [];
  }

  /** A project configuration file changed (or may have): forget what was read from them. */
  projectChanged(file?: string): void {
    this.options.project?.invalidate?.(file);
  }
}
