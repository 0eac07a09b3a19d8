// Runs the CLI in-process with captured output, and builds throwaway projects.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { runCli } from '../../server/src/cli/main';

export async function runCliCaptured(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await runCli(args, { stdout, stderr, cwd, env: {} });
  return { code, stdout: out, stderr: err };
}

export function tempProject(files: Record<string, string>, prefix = 'mlsec-proj-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** Copies a folder (a checked-in fixture project) into a temporary folder. */
export function copyProject(src: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-proj-'));
  fs.cpSync(src, dir, { recursive: true });
  return dir;
}
