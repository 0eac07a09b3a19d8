// Shared by the robustness tests: run the CLI in-process, make throwaway projects.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { runCli } from '../../server/src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], cwd: string): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await runCli(args, { stdout, stderr, cwd, env: {} });
  return { code, stdout: out, stderr: err };
}

/** A fresh folder holding `files` (string content is written as UTF-8, Buffers as they are). */
export function project(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-robust-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
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
