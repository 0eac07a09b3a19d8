// Finds the Python files under the paths a user names: skips tool and environment folders and
// whatever .gitignore files (at any level, nested ones included) ignore, using the `ignore` package.
import * as fs from 'fs';
import * as path from 'path';
import ignore, { Ignore } from 'ignore';

/** Folders never walked into: VCS data, dependencies, virtual environments, caches. */
export const ALWAYS_SKIPPED_DIRS = new Set([
  '.git', '.hg', '.svn', 'node_modules', 'venv', '.venv', 'site-packages', '__pycache__',
  '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.mlsec-cache',
]);

export interface DiscoveryProblem {
  path: string;
  message: string;
}

export interface DiscoveryOptions {
  /** Extra exclusion test (config `exclude` globs, Bandit `exclude_dirs`), given an absolute path. */
  isExcluded?: (absPath: string, isDir: boolean) => boolean;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  onProblem?: (p: DiscoveryProblem) => void;
  /** Folder that relative roots are resolved against (default: the process's). */
  cwd?: string;
  /** Other files to list by name, under the same rules (model files: models/modelFile.ts). */
  alsoInclude?: (name: string) => boolean;
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

export function isPythonFile(name: string): boolean {
  return name.endsWith('.py') || name.endsWith('.pyi');
}

function readGitignore(dir: string): Ignore | undefined {
  let content: string;
  try {
    content = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return ignore().add(content);
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
function ancestorLayers(dir: string): IgnoreLayer[] {
  const layers: IgnoreLayer[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const rules = readGitignore(current);
    if (rules) layers.unshift({ base: current, rules });
    if (fs.existsSync(path.join(current, '.git'))) break;
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return layers;
}

/**
 * Lists Python files under `roots` (files named explicitly are always included), sorted, without
 * duplicates; symlink loops are detected by real path. Unreadable folders are reported, not fatal.
 */
export function discoverPythonFiles(roots: string[], options: DiscoveryOptions = {}): string[] {
  const useGitignore = options.gitignore !== false;
  const found = new Set<string>();
  const visited = new Set<string>();
  const problem = (p: string, message: string) => options.onProblem?.({ path: p, message });

  const walkDir = (dir: string, layers: IgnoreLayer[]) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      problem(dir, (e as Error).message);
      return;
    }
    if (visited.has(real)) return; // symlink loop or a folder reached twice
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problem(dir, `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return;
    }
    const own = useGitignore ? readGitignore(dir) : undefined;
    const here = own ? [...layers, { base: dir, rules: own }] : layers;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = fs.statSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (e) {
          // A dangling link is no file to scan; one named like Python source (or a link loop) is worth a word.
          if (isPythonFile(entry.name)) problem(abs, `cannot follow symbolic link: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
          continue;
        }
      }
      if (isDir) {
        if (ALWAYS_SKIPPED_DIRS.has(entry.name)) continue;
        if (useGitignore && ignoredByLayers(here, abs, true)) continue;
        if (options.isExcluded?.(abs, true)) continue;
        walkDir(abs, here);
      } else if (isFile && (isPythonFile(entry.name) || options.alsoInclude?.(entry.name))) {
        if (useGitignore && ignoredByLayers(here, abs, false)) continue;
        if (options.isExcluded?.(abs, false)) continue;
        found.add(abs);
      }
    }
  };

  for (const root of roots) {
    const abs = path.resolve(options.cwd ?? process.cwd(), root);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      problem(root, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    if (st.isDirectory()) {
      // .gitignore files above the named folder apply too, up to the repository root.
      const insideRepo = useGitignore && !fs.existsSync(path.join(abs, '.git'));
      walkDir(abs, insideRepo ? ancestorLayers(path.dirname(abs)) : []);
    } else {
      found.add(abs); // a file named explicitly is scanned whatever its name
    }
  }
  return [...found].sort();
}
