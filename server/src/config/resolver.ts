// Finds the configuration that applies to a file: walking up from the file's folder, the first
// folder holding a `pyproject.toml` with `[tool.mlsec]` or `[tool.bandit]`, or a `.bandit` with a
// `[bandit]` section, is the project folder. There, per key: [tool.mlsec] beats [tool.bandit],
// which beats .bandit; then the caller's overrides (CLI flags, editor settings) beat them all.
// There is no cascading from folders further up (as with Ruff's nearest-config rule).
// Results are cached per folder; `invalidate` drops them when a config file changes.
import * as path from 'path';
import { compileGlob, GlobError } from './glob';
import { AnalysisConfig, defaultConfig } from './analysisConfig';
import { AllowedModelFile, ConfigLayer, ConfigProblem, readBanditIni, readPyproject, SourceResult } from './sources';

export const CONFIG_FILE_NAMES: readonly string[] = ['pyproject.toml', '.bandit'];

export interface ProjectConfig {
  /** The folder whose config files apply (undefined: none found, defaults). */
  root?: string;
  /** The config files read there. */
  files: string[];
  analysis: AnalysisConfig;
  /** Exclusion globs, relative to `root`. */
  exclude: string[];
  /** Absolute path of the baseline named by `[tool.mlsec] baseline`. */
  baseline?: string;
  /** `[tool.mlsec] allow-model-files`: path globs relative to `root`, each with its reason. */
  allowModelFiles?: AllowedModelFile[];
}

export interface ConfigResolverOptions {
  overrides?: Partial<AnalysisConfig>;
  onProblem?: (p: ConfigProblem) => void;
}

interface FolderConfig {
  project: ProjectConfig;
  isExcludedRel: (rel: string) => boolean;
}

function mergeLayers(
  layers: (ConfigLayer | undefined)[],
  overrides: Partial<AnalysisConfig>,
): { analysis: AnalysisConfig; exclude: string[]; baseline?: string; allowModelFiles?: AllowedModelFile[] } {
  const analysis = defaultConfig();
  let exclude: string[] = [];
  let baseline: string | undefined;
  let allowModelFiles: AllowedModelFile[] | undefined;
  for (const layer of layers) {
    if (!layer) continue;
    Object.assign(analysis, layer.analysis);
    if (layer.exclude) exclude = layer.exclude;
    if (layer.baseline) baseline = layer.baseline;
    if (layer.allowModelFiles) allowModelFiles = layer.allowModelFiles;
  }
  for (const [k, v] of Object.entries(overrides)) {
    if (v !== undefined) (analysis as unknown as Record<string, unknown>)[k] = v;
  }
  return { analysis, exclude, baseline, allowModelFiles };
}

export class ConfigResolver {
  private readonly overrides: Partial<AnalysisConfig>;
  private readonly onProblem: (p: ConfigProblem) => void;
  /** Folder → the config that applies to files directly in it. */
  private readonly byFolder = new Map<string, FolderConfig>();
  private readonly defaults: FolderConfig;

  constructor(opts: ConfigResolverOptions = {}) {
    this.overrides = opts.overrides ?? {};
    this.onProblem = opts.onProblem ?? (() => undefined);
    const merged = mergeLayers([], this.overrides);
    this.defaults = { project: { files: [], analysis: merged.analysis, exclude: [] }, isExcludedRel: () => false };
  }

  /** The analysis settings for a Python file (absolute or relative to the process's folder). */
  configFor(filePath: string): AnalysisConfig {
    return this.projectFor(filePath).analysis;
  }

  /** Everything known about the project a file belongs to: its root, config files, excludes, baseline. */
  projectFor(filePath: string): ProjectConfig {
    return this.forFolder(path.dirname(path.resolve(filePath))).project;
  }

  /**
   * Whether a file or folder is excluded by the `exclude` globs of its project (`[tool.mlsec] exclude`,
   * Bandit's `exclude_dirs` / `exclude`), matched against its path relative to the config file's folder.
   * A path inside an excluded folder is excluded too.
   */
  isExcluded(absPath: string, isDir: boolean): boolean {
    void isDir; // folders and files are matched alike: a glob naming a folder excludes what is inside it
    const abs = path.resolve(absPath);
    const folder = this.forFolder(path.dirname(abs));
    const root = folder.project.root;
    if (!root || folder.project.exclude.length === 0) return false;
    const rel = path.relative(root, abs).split(path.sep).join('/');
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    const parts = rel.split('/');
    for (let i = 1; i <= parts.length; i++) {
      if (folder.isExcludedRel(parts.slice(0, i).join('/'))) return true;
    }
    return false;
  }

  /** Forgets cached results: all of them, or only if `changedFile` is a config file. */
  invalidate(changedFile?: string): void {
    if (changedFile === undefined || CONFIG_FILE_NAMES.includes(path.basename(changedFile))) this.byFolder.clear();
  }

  private forFolder(dir: string): FolderConfig {
    const cached = this.byFolder.get(dir);
    if (cached) return cached;
    const own = this.readFolder(dir);
    let result: FolderConfig;
    if (own) result = own;
    else {
      const parent = path.dirname(dir);
      result = parent === dir ? this.defaults : this.forFolder(parent);
    }
    this.byFolder.set(dir, result);
    return result;
  }

  private readFolder(dir: string): FolderConfig | undefined {
    const pyprojectFile = path.join(dir, 'pyproject.toml');
    const banditFile = path.join(dir, '.bandit');
    const pyproject = readPyproject(pyprojectFile, this.onProblem);
    const banditIni = readBanditIni(banditFile, this.onProblem);
    const relevant = (r: SourceResult | undefined) => !!r && r.relevant;
    if (!relevant(pyproject) && !relevant(banditIni)) return undefined;
    const files = [relevant(pyproject) ? pyprojectFile : undefined, relevant(banditIni) ? banditFile : undefined].filter((f): f is string => !!f);
    const merged = mergeLayers([banditIni?.layers.bandit, pyproject?.layers.bandit, pyproject?.layers.mlsec], this.overrides);
    // Bandit allows absolute paths in exclude lists: make them relative to this folder like the rest.
    const globs = merged.exclude.map((g) => (path.isAbsolute(g) ? path.relative(dir, g).split(path.sep).join('/') : g));
    // Linear-time matching (glob.ts): the patterns come from the repository.
    const matchers: ((rel: string) => boolean)[] = [];
    for (const g of globs) {
      try {
        matchers.push(compileGlob(g));
      } catch (error) {
        if (!(error instanceof GlobError)) throw error;
        this.onProblem({ file: files[0], message: `exclude: ${error.message}; it is not used` });
      }
    }
    return {
      project: {
        root: dir,
        files,
        analysis: merged.analysis,
        exclude: globs,
        baseline: merged.baseline ? path.resolve(dir, merged.baseline) : undefined,
        allowModelFiles: merged.allowModelFiles,
      },
      isExcludedRel: (rel) => matchers.some((m) => m(rel)),
    };
  }
}
