// Hostile repositories as an attacker would commit them: a real git repository in a temp folder,
// with symbolic links committed as links, next to an `outside/` folder the scan must never touch.
// And the bundled CLI (`node dist/mlsec.js`) run on them as a user would, bounded by a timeout.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';

export type RepoEntry = string | Buffer | { link: string };

export interface HostileRepo {
  /** The temp folder holding `repo/`, `outside/` and `cache/`. */
  base: string;
  repo: string;
  outside: string;
  /** The per-user cache folder the runs use (XDG_CACHE_HOME). */
  cache: string;
}

export const BUNDLED_CLI = path.resolve(__dirname, '../../../dist/mlsec.js');

function writeEntries(dir: string, files: Record<string, RepoEntry>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    if (typeof content === 'object' && !Buffer.isBuffer(content)) fs.symlinkSync(content.link, abs);
    else fs.writeFileSync(abs, content);
  }
}

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.name=attacker', '-c', 'user.email=a@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

/** A committed repository holding `files` (`{ link }` entries become symbolic links), and `outside/` beside it. */
export function hostileRepo(files: Record<string, RepoEntry>, outsideFiles: Record<string, RepoEntry> = {}): HostileRepo {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-hostile-')));
  const repo = path.join(base, 'repo');
  const outside = path.join(base, 'outside');
  const cache = path.join(base, 'cache');
  fs.mkdirSync(repo);
  fs.mkdirSync(outside);
  writeEntries(outside, outsideFiles);
  git(repo, 'init', '-q');
  writeEntries(repo, files);
  git(repo, 'add', '-A', '-f');
  git(repo, 'commit', '-q', '-m', 'hostile', '--allow-empty');
  return { base, repo, outside, cache };
}

export interface BundledRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

export interface BundledOptions {
  cwd: string;
  /** The per-user cache folder (XDG_CACHE_HOME); a fresh one in the OS temp folder by default. */
  cacheHome?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** `ulimit -f` in 1024-byte blocks: a full disk for every file the run writes. */
  fileSizeLimitBlocks?: number;
}

/** Runs `node dist/mlsec.js ARGS` in `cwd`, killed after `timeoutMs` (a hang shows as timedOut). */
export function runBundled(args: string[], options: BundledOptions): BundledRun {
  const cacheHome = options.cacheHome ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-xdg-'));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: cacheHome, ...options.env };
  const command =
    options.fileSizeLimitBlocks !== undefined
      ? (['bash', ['-c', `ulimit -f ${options.fileSizeLimitBlocks}; exec "$0" "$@"`, process.execPath, BUNDLED_CLI, ...args]] as const)
      : ([process.execPath, [BUNDLED_CLI, ...args]] as const);
  const started = Date.now();
  const r = spawnSync(command[0], [...command[1]], { cwd: options.cwd, env, encoding: 'utf8', timeout: options.timeoutMs ?? 20000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
  return {
    code: r.status,
    signal: r.signal,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    ms: Date.now() - started,
    timedOut: r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT',
  };
}

/** Every file below `dir` (links not followed) with its bytes or link target, to prove nothing changed. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const abs = path.join(d, e.name);
      const rel = path.relative(dir, abs);
      if (e.isSymbolicLink()) out.set(rel, `link:${fs.readlinkSync(abs)}`);
      else if (e.isDirectory()) {
        out.set(rel, 'dir');
        walk(abs);
      } else if (e.isFile()) out.set(rel, `file:${fs.statSync(abs).mode.toString(8)}:${crypto.createHash('sha256').update(fs.readFileSync(abs)).digest('hex')}`);
      else out.set(rel, 'special');
    }
  };
  walk(dir);
  return out;
}
