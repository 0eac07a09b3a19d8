// The only module that knows where the wasm files live and how web-tree-sitter is initialised.
// Both the compiled tree (out/server/src/analysis) and the esbuild bundles (dist/) load from here:
// the bundles ship both .wasm files beside themselves (STACK.md trap 1).
import * as fs from 'fs';
import * as path from 'path';
import { Parser, Language, Tree } from 'web-tree-sitter';

export const GRAMMAR_FILE = 'tree-sitter-python.wasm';
export const RUNTIME_FILE = 'web-tree-sitter.wasm';

let loading: Promise<Language> | undefined;
let language: Language | undefined;
let sharedParser: Parser | undefined;
/** The options object handed to the runtime: emscripten keeps its memory views on it. */
let runtime: { HEAP8?: Int8Array } | undefined;

/** Finds `file` beside the running code, or in a `grammars/` folder above it. */
export function locateWasm(file: string, startDir: string = __dirname): string {
  const candidates: string[] = [path.join(startDir, file)];
  let dir = startDir;
  for (let i = 0; i < 6; i++) {
    candidates.push(path.join(dir, 'grammars', file));
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const candidate of candidates) {
    if (fs.existsSync(candidate)) return candidate;
  }
  if (file === RUNTIME_FILE) {
    try {
      return require.resolve('web-tree-sitter/web-tree-sitter.wasm');
    } catch {
      /* fall through to the error below */
    }
  }
  throw new Error(`mlsec: cannot find ${file} (looked in ${candidates.join(', ')})`);
}

/** Loads the runtime and the Python grammar once per process (or per worker thread). */
export function loadPython(): Promise<Language> {
  if (!loading) {
    loading = (async () => {
      const runtimeWasm = locateWasm(RUNTIME_FILE);
      const options = { locateFile: () => runtimeWasm };
      await Parser.init(options);
      runtime = options as { HEAP8?: Int8Array };
      const lang = await Language.load(fs.readFileSync(locateWasm(GRAMMAR_FILE)));
      language = lang;
      return lang;
    })();
  }
  return loading;
}

/** Size of the wasm linear memory in bytes (it grows, never shrinks: growth across edits is a leak). */
export function wasmMemoryBytes(): number {
  return runtime?.HEAP8?.byteLength ?? 0;
}

/** The language, for code that runs after `loadPython()` resolved. */
export function pythonLanguage(): Language {
  if (!language) throw new Error('mlsec: loadPython() must complete before parsing');
  return language;
}

export function newParser(): Parser {
  const parser = new Parser();
  parser.setLanguage(pythonLanguage());
  return parser;
}

export class ParseTimeoutError extends Error {
  constructor(readonly budgetMs: number) {
    super(`parse exceeded its budget of ${budgetMs} ms`);
  }
}

/** Text fed to the parser in chunks: returning `text.slice(index)` makes the runtime re-measure the rest. */
export function chunkedInput(text: string, chunk = 4096): (index: number) => string | undefined {
  return (index: number) => (index < text.length ? text.slice(index, index + chunk) : undefined);
}

/**
 * Parses `text` (optionally reusing `oldTree`, which must already have been `edit`ed).
 * Throws ParseTimeoutError when the budget is exceeded; the caller decides what to report.
 */
export function parsePython(text: string, oldTree?: Tree | null, budgetMs = 0, parser?: Parser): Tree {
  const p = parser ?? (sharedParser ??= newParser());
  const deadline = budgetMs > 0 ? performance.now() + budgetMs : 0;
  let timedOut = false;
  let calls = 0;
  const tree = p.parse(chunkedInput(text), oldTree ?? null, deadline
    ? {
        progressCallback: () => {
          // Called every ~100 parser operations: read the clock on every 32nd call only.
          if ((++calls & 31) === 0 && performance.now() > deadline) timedOut = true;
          return timedOut as unknown as void;
        },
      }
    : undefined);
  if (!tree || timedOut) {
    tree?.delete();
    p.reset();
    throw new ParseTimeoutError(budgetMs);
  }
  return tree;
}
