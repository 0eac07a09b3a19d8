// Shared by the robustness tests: run the CLI in-process, make throwaway projects.
import { tempProject } from '../helpers/cliRun';

export { runCliCaptured as cli, type CliRun } from '../helpers/cliRun';

/** A fresh folder holding `files` (string content is written as UTF-8, Buffers as they are). */
export function project(files: Record<string, string | Buffer>): string {
  return tempProject(files, 'mlsec-robust-');
}

export interface JsonFinding {
  path: string;
  code: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** `path code line:col-endLine:endCol`, one string per finding, to compare whole reports at once. */
export function findingKeys(report: { findings: JsonFinding[] }): string[] {
  return report.findings.map((f) => `${f.path} ${f.code} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
}

/** stderr lines that mention `file`. */
export function linesAbout(stderr: string, file: string): string[] {
  return stderr.split('\n').filter((l) => l.includes(`${file}:`));
}
