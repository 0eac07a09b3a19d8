// The model scan of a workspace or a CLI run: each model file becomes a FileResult whose findings
// are ML301–ML304 on its first line, after select/ignore, severity overrides and
// `allow-model-files`. Verdicts are kept per file in a ModelVerdicts map, which the code rules'
// messages read (verdicts.ts); nothing on the keystroke path ever reads a model file.
import * as path from 'path';
import picomatch from 'picomatch';
import type { FileResult } from '../workspace/scanner';
import { isCodeEnabled, type AnalysisConfig } from '../config/analysisConfig';
import type { AllowedModelFile } from '../config/sources';
import { scanModelFile } from './modelFile';
import { modelFindings, modelVerdict, type ModelVerdict } from './verdict';
import { DEFAULT_MODEL_LIMITS, type ModelReport, type ModelScanLimits } from './report';

/** Verdicts of the model files scanned, by absolute path. */
export class ModelVerdicts {
  private readonly byPath = new Map<string, ModelVerdict>();
  /** Changes whenever a verdict does (result ids of diagnostics that quote verdicts include it). */
  generation = 0;

  set(file: string, verdict: ModelVerdict): void {
    const key = path.resolve(file);
    if (JSON.stringify(this.byPath.get(key)) !== JSON.stringify(verdict)) this.generation++;
    this.byPath.set(key, verdict);
  }

  get(file: string): ModelVerdict | undefined {
    return this.byPath.get(path.resolve(file));
  }

  delete(file: string): void {
    if (this.byPath.delete(path.resolve(file))) this.generation++;
  }

  clear(): void {
    if (this.byPath.size > 0) this.generation++;
    this.byPath.clear();
  }

  get size(): number {
    return this.byPath.size;
  }
}

export interface ModelProject {
  root?: string;
  allowModelFiles?: AllowedModelFile[];
}

export interface ModelScanOptions {
  configFor: (file: string) => AnalysisConfig;
  projectFor?: (file: string) => ModelProject;
  limits?: ModelScanLimits;
  verdicts?: ModelVerdicts;
  onFile?: (result: FileResult, done: number, total: number) => void;
}

/** The `allow-model-files` entry that covers `file`, if any. */
export function allowedBy(file: string, project: ModelProject | undefined): AllowedModelFile | undefined {
  if (!project?.root || !project.allowModelFiles?.length) return undefined;
  const rel = path.relative(project.root, path.resolve(file)).split(path.sep).join('/');
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return project.allowModelFiles.find((a) => picomatch(a.path.replace(/^\.\//, ''), { dot: true })(rel));
}

/** The FileResult of a scanned model file under its project's configuration. */
export function modelFileResult(file: string, report: ModelReport, config: AnalysisConfig, project?: ModelProject): FileResult {
  const allowed = allowedBy(file, project);
  const findings = modelFindings(report)
    .filter((f) => isCodeEnabled(f.code, config))
    .map((f) => {
      const severity = config.severity[f.code] ?? f.severity;
      const out = { ...f, severity };
      if (allowed && !config.ignoreSuppressions) out.suppressedBy = `allow-model-files (${allowed.reason})`;
      return out;
    });
  return { file, findings, lines: 0 };
}

export async function scanModelFiles(files: string[], options: ModelScanOptions): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const report = await scanModelFile(file, options.limits ?? DEFAULT_MODEL_LIMITS);
    options.verdicts?.set(file, modelVerdict(report));
    const result = modelFileResult(file, report, options.configFor(file), options.projectFor?.(file));
    results.push(result);
    options.onFile?.(result, i + 1, files.length);
  }
  return results;
}
