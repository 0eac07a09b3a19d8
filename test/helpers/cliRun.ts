// Runs the CLI in-process with captured output, and builds throwaway projects.
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

/**
 * The per-user scan cache folder of in-process CLI runs: one for this test process, never the real
 * one in the home folder. Projects are fresh temp folders, so their caches never meet.
 */
export const TEST_CACHE_DIR = path.join(os.tmpdir(), `mlsec-test-cache-${process.pid}`);

export async function runCliCaptured(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await runCli(args, { stdout, stderr, cwd, env: { MLSEC_CACHE_DIR: TEST_CACHE_DIR, ...env } });
  return { code, stdout: out, stderr: err };
}

/** A fresh folder holding `files` (string content is written as UTF-8, Buffers as they are). */
export function tempProject(files: Record<string, string | Buffer>, prefix = 'mlsec-proj-'): string {
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
