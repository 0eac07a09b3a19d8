// Finds the Python files (and Jupyter notebooks) under the paths a user names: skips tool and environment folders and
// whatever .gitignore files (at any level, nested ones included) ignore, using the `ignore` package.
//
// A scanned repository may be hostile, so the walk never leaves the folder it was asked to scan: a
// symbolic link whose real path lies outside the named folder is not followed (a link named like
// Python source is reported as not analysed, so nothing is hidden silently); links inside it are
// followed, and each real file is listed once, under the first path that reached it. The walk is
// cycle-safe (folders are visited once by real path) and bounded in depth and in entries.
import * as fs from 'fs';
import * as path from 'path';
import ignore, { Ignore } from 'ignore';
import { MAX_CONFIG_BYTES, notRegularReason, readTextFile } from './safeRead';

/** Folders never walked into: VCS data, dependencies, virtual environments, caches. */
export const ALWAYS_SKIPPED_DIRS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'venv',
  '.venv',
  'site-packages',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.mlsec-cache',
]);

/** Folders nested deeper than this below a scanned folder are not walked (and say so). */
export const MAX_WALK_DEPTH = 100;
/** A walk stops after this many folder entries (and says so). */
export const MAX_WALK_ENTRIES = 1_000_000;

export const LINK_LEAVES_ROOT = 'link leaves the scanned folder';

export interface DiscoveryProblem {
  path: string;
  message: string;
}

export interface DiscoveryOptions {
  /** Extra exclusion test (config `exclude` globs, Bandit `exclude_dirs`), given an absolute path. */
  isExcluded?: (absPath: string, isDir: boolean) => boolean;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** `--no-ignore`: neither .gitignore files nor `isExcluded` skip anything. */
  noIgnore?: boolean;
  onProblem?: (p: DiscoveryProblem) => void;
  /** Folder that relative roots are resolved against (default: the process's). */
  cwd?: string;
  /** Include Jupyter notebooks (.ipynb) found in folders (default true; `--no-notebooks` turns it off). */
  notebooks?: boolean;
  /** Other files to list by name, under the same rules (model files: models/modelFile.ts). */
  alsoInclude?: (name: string) => boolean;
  maxDepth?: number;
  maxEntries?: number;
}

/** A path the walk met but will not analyse, with the reason: the CLI reports each as ML900. */
export interface NotAnalysed {
  path: string;
  reason: string;
}

export interface Discovery {
  /** Python files to analyse, sorted, each real file once. */
  files: string[];
  /** Real path of the scanned folder each file was found in (a named file: its folder). */
  rootOf: Map<string, string>;
  notAnalysed: NotAnalysed[];
  /** Files and folders skipped because .gitignore or an `exclude` said so. */
  ignored: number;
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

/** The file name endings scanned in folders; notebooks unless turned off. */
export const PYTHON_EXTENSIONS = ['.py', '.pyi'];
export const NOTEBOOK_EXTENSIONS = ['.ipynb'];

export function isPythonFile(name: string, notebooks = false): boolean {
  return PYTHON_EXTENSIONS.some((e) => name.endsWith(e)) || (notebooks && NOTEBOOK_EXTENSIONS.some((e) => name.endsWith(e)));
}

/** Whether the real path `real` is `root` or below it. */
export function isInsideRoot(real: string, root: string): boolean {
  const rel = path.relative(root, real);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function readGitignore(dir: string, problem: (p: string, m: string) => void): Ignore | undefined {
  const file = path.join(dir, '.gitignore');
  const read = readTextFile(file, MAX_CONFIG_BYTES);
  if (read === undefined) return undefined;
  if ('problem' in read) {
    problem(file, `${read.problem}; ignored`);
    return undefined;
  }
  return ignore().add(read.text);
}

function ignoredByLayers(layers: IgnoreLayer[], abs: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const rel = path.relative(layer.base, abs).split(path.sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (layer.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** The .gitignore layers that apply to `dir`: its own and those of its ancestors up to the repo root. */
function ancestorLayers(dir: string, problem: (p: string, m: string) => void): IgnoreLayer[] {
  const layers: IgnoreLayer[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const rules = readGitignore(current, problem);
    if (rules) layers.unshift({ base: current, rules });
    if (fs.existsSync(path.join(current, '.git'))) break;
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return layers;
}

function errCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/**
 * Lists Python files under `roots`. A file named explicitly is always included whatever its name;
 * a folder named explicitly is walked even if an enclosing .gitignore or `exclude` covers it (its
 * contents are then judged by the ignore files inside it only). Unreadable folders are reported,
 * not fatal.
 */
export function discoverFiles(roots: string[], options: DiscoveryOptions = {}): Discovery {
  const useGitignore = options.gitignore !== false && !options.noIgnore;
  const notebooks = options.notebooks !== false;
  const isExcluded = options.noIgnore ? undefined : options.isExcluded;
  const maxDepth = options.maxDepth ?? MAX_WALK_DEPTH;
  const maxEntries = options.maxEntries ?? MAX_WALK_ENTRIES;
  const byReal = new Map<string, string>(); // real path → the path it was found under
  const rootOf = new Map<string, string>();
  const notAnalysed: NotAnalysed[] = [];
  const reported = new Set<string>();
  const visited = new Set<string>();
  let entriesSeen = 0;
  let stopped = false;
  let ignored = 0;
  const problem = (p: string, message: string) => options.onProblem?.({ path: p, message });
  const skip = (p: string, reason: string) => {
    if (reported.has(p)) return;
    reported.add(p);
    notAnalysed.push({ path: p, reason });
  };
  const addFile = (abs: string, real: string, rootReal: string) => {
    if (byReal.has(real)) return; // the same real file reached twice (a link, or named twice)
    byReal.set(real, abs);
    rootOf.set(abs, rootReal);
  };

  const walkDir = (dir: string, rootReal: string, layers: IgnoreLayer[], excludes: boolean, depth: number) => {
    if (stopped) return;
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      problem(dir, errCode(e));
      return;
    }
    if (visited.has(real)) return; // symlink loop or a folder reached twice
    visited.add(real);
    if (depth > maxDepth) {
      skip(dir, `folder nested more than ${maxDepth} levels deep below the scanned folder; not walked`);
      return;
    }
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problem(dir, `cannot read folder: ${errCode(e)}`);
      return;
    }
    const own = useGitignore ? readGitignore(dir, problem) : undefined;
    const here = own ? [...layers, { base: dir, rules: own }] : layers;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (++entriesSeen > maxEntries) {
        stopped = true;
        skip(dir, `the walk stopped after ${maxEntries} entries; the rest of this folder and the folders after it were not walked`);
        return;
      }
      const abs = path.join(dir, entry.name);
      const python = isPythonFile(entry.name, notebooks) || !!options.alsoInclude?.(entry.name);
      let target = abs;
      let st: fs.Stats | undefined;
      if (entry.isSymbolicLink()) {
        try {
          target = fs.realpathSync(abs);
          st = fs.statSync(target);
        } catch (e) {
          // A dangling link is no file to scan; one named like Python source (or a link loop) is worth a word.
          if (python) problem(abs, `cannot follow symbolic link: ${errCode(e)}`);
          continue;
        }
        if (!isInsideRoot(target, rootReal)) {
          if (python) skip(abs, LINK_LEAVES_ROOT);
          else if (st.isDirectory() && !ALWAYS_SKIPPED_DIRS.has(entry.name)) problem(abs, `not followed: ${LINK_LEAVES_ROOT}`);
          continue;
        }
      }
      const isDir = st ? st.isDirectory() : entry.isDirectory();
      const isFile = st ? st.isFile() : entry.isFile();
      if (isDir) {
        if (ALWAYS_SKIPPED_DIRS.has(entry.name)) continue;
        if ((useGitignore && ignoredByLayers(here, abs, true)) || (excludes && isExcluded?.(abs, true))) {
          ignored++;
          continue;
        }
        walkDir(abs, rootReal, here, excludes, depth + 1);
      } else if (python) {
        if ((useGitignore && ignoredByLayers(here, abs, false)) || (excludes && isExcluded?.(abs, false))) {
          ignored++;
          continue;
        }
        if (isFile) addFile(abs, target === abs ? path.join(real, entry.name) : target, rootReal);
        else skip(abs, notRegularReason(st ?? fs.lstatSync(abs)));
      }
    }
  };

  for (const root of roots) {
    const abs = path.resolve(options.cwd ?? process.cwd(), root);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      problem(root, `cannot read: ${errCode(e)}`);
      continue;
    }
    if (st.isDirectory()) {
      let rootReal: string;
      try {
        rootReal = fs.realpathSync(abs);
      } catch (e) {
        problem(root, `cannot read: ${errCode(e)}`);
        continue;
      }
      // .gitignore files above the named folder apply too, up to the repository root — unless they
      // ignore the named folder itself: a folder named explicitly is scanned (as Ruff and Bandit do).
      const inRepo = useGitignore && !fs.existsSync(path.join(abs, '.git'));
      let layers = inRepo ? ancestorLayers(path.dirname(abs), problem) : [];
      if (ignoredByLayers(layers, abs, true)) layers = [];
      const excludes = !isExcluded?.(abs, true);
      walkDir(abs, rootReal, layers, excludes, 0);
    } else {
      // A file named explicitly is scanned whatever its name, ignore files or excludes; but a link is
      // followed only within its own folder, like the links a walk meets.
      let dirReal: string;
      let real: string;
      try {
        dirReal = fs.realpathSync(path.dirname(abs));
        real = fs.realpathSync(abs);
      } catch (e) {
        problem(root, `cannot read: ${errCode(e)}`);
        continue;
      }
      if (!isInsideRoot(real, dirReal)) skip(abs, LINK_LEAVES_ROOT);
      else addFile(abs, real, dirReal);
    }
  }
  const files = [...byReal.values()].sort();
  notAnalysed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, rootOf, notAnalysed, ignored };
}

/** The files only (the language server's workspace scan): paths not analysed are reported as problems. */
export function discoverPythonFiles(roots: string[], options: DiscoveryOptions = {}): string[] {
  const found = discoverFiles(roots, options);
  for (const n of found.notAnalysed) options.onProblem?.({ path: n.path, message: `not analysed: ${n.reason}` });
  return found.files;
}
