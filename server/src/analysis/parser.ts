// The only module that knows where the wasm files live and how web-tree-sitter is initialised.
// Both the compiled tree (out/server/src/analysis) and the esbuild bundles (dist/) load from here:
// the bundles ship both .wasm files beside themselves, found from __dirname (they are CommonJS, built
// against web-tree-sitter's CommonJS file: its ES module build locates its wasm with import.meta.url,
// which is empty in a CommonJS bundle; see scripts/bundle.js).
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
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

/**
 * Below this many bytes of source, a run is short enough that V8's baseline wasm code is the faster
 * choice (see preferBaselineWasm); measured break-even here: about 4 MB (a CLI scan of ~110k lines).
 */
export const BASELINE_WASM_MAX_BYTES = 2_000_000;

/**
 * For a short-lived process with little to parse (a CLI scan of a few files, a pre-commit run): the
 * parser's wasm is compiled by V8's baseline compiler only. Otherwise V8 recompiles the hot parser
 * functions with its optimising compiler on background threads, and Node waits for those compiles
 * before the process can exit: ~90 ms on a scan of one small file here (0.33 → 0.25 s), ~9 % on a
 * 30k-line repository, no gain past ~4 MB. V8 flags are process-wide (worker threads included) and
 * read when a module is compiled, so this only acts before the first loadPython(); it returns whether
 * it did. The language server never calls it: it lives long enough for the optimised code to pay.
 */
export function preferBaselineWasm(): boolean {
  if (loading) return false;
  v8.setFlagsFromString('--liftoff-only');
  return true;
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

/** The parse time limit of a whole-file scan and of `--fix` (ms), for the scanner and the fix runner. */
export const DEFAULT_PARSE_BUDGET_MS = 5000;

export class ParseTimeoutError extends Error {
  constructor(readonly budgetMs: number) {
    super(`over its time limit: parsing took longer than ${budgetMs} ms`);
  }
}

/**
 * Text fed to the parser in chunks: returning `text.slice(index)` makes the runtime re-measure the rest.
 * A lone `\r` is a line break for Python and for LSP positions, but not for the grammar's scanner: it
 * is handed over as `\n` (same length, so every offset and column stays the document's).
 */
export function chunkedInput(text: string, chunk = 4096): (index: number) => string | undefined {
  const loneCr = LONE_CR.test(text);
  const nul = text.includes('\u0000');
  if (!loneCr && !nul) return (index: number) => (index < text.length ? text.slice(index, index + chunk) : undefined);
  return (index: number) => {
    if (index >= text.length) return undefined;
    let end = Math.min(index + chunk, text.length);
    if (text.charCodeAt(end - 1) === 13 && text.charCodeAt(end) === 10) end++; // keep \r\n together
    let part = text.slice(index, end);
    if (loneCr) part = part.replace(LONE_CR_GLOBAL, '\n');
    // The grammar's scanner reads a NUL as the end of the input: inside a string it would end the
    // file there, and every statement after it would parse as garbage (their findings lost). CPython
    // refuses such a file; mlsec analyses the rest of it, reading each NUL as a blank (same length).
    if (nul) part = part.replace(NUL_GLOBAL, ' ');
    return part;
  };
}

const NUL_GLOBAL = /\u0000/g;

const LONE_CR = /\r(?!\n)/;
const LONE_CR_GLOBAL = /\r(?!\n)/g;

/**
 * CPython refuses more than 100 indentation levels ("too many levels of indentation"). The wasm parser
 * traps ("memory access out of bounds") at around 500 nested blocks, and a trapped parser is broken
 * for good, so such text is refused before it reaches the parser.
 */
export const MAX_INDENT_LEVELS = 100;

/** The limits parsePython enforces; a test raises them to reach the parser-crash path on purpose. */
export const parserLimits = { maxIndentLevels: MAX_INDENT_LEVELS };

/** Refused without parsing: no Python interpreter would accept the text either. */
export class ParseRefusedError extends Error {}

/** The wasm parser failed (a trap). The parser that failed must not be used again. */
export class ParserCrashError extends Error {
  constructor(readonly cause: unknown) {
    super(`the parser failed (${(cause as Error)?.message ?? cause})`);
  }
}

/**
 * Deepest nesting of indented blocks, counted the way the tokenizer's indent stack grows (tabs to the
 * next multiple of 8), over every non-blank line. Lines inside brackets and strings count too, which
 * can only over-estimate; scanning stops once `limit` is passed.
 */
const LINE_BREAK = /\r\n?|\n/g;
/** Leading blanks of at least 13 characters: only such a line can be wider than 100 columns. */
const WIDE_INDENT = /^[ \t\f]{13,}/gm;

/**
 * Whether some line's indentation is wider than `limit` columns. Each level adds at least one
 * column, so text without such a line cannot nest deeper than `limit`: a cheap test that spares
 * the line-by-line count on nearly every keystroke. (A lone \r counts as a line break for Python
 * but not for `^`: such lines are then seen as part of the previous one, never as narrower.)
 */
export function widerThan(text: string, limit: number): boolean {
  if (limit >= 100) {
    WIDE_INDENT.lastIndex = 0;
    for (let m = WIDE_INDENT.exec(text); m !== null; m = WIDE_INDENT.exec(text)) {
      let width = 0;
      for (const c of m[0]) width = c === ' ' ? width + 1 : c === '\t' ? width - (width % 8) + 8 : 0;
      if (width > limit) return true;
    }
    return /\r(?!\n)/.test(text);
  }
  return true;
}

export function indentationLevels(text: string, limit = MAX_INDENT_LEVELS): number {
  const stack: number[] = [0];
  let deepest = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    let width = 0;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32) width++;
      else if (c === 9) width = width - (width % 8) + 8;
      else if (c === 12)
        width = 0; // form feed resets the count, as in CPython
      else break;
      i++;
    }
    const c = text.charCodeAt(i);
    const blank = i >= n || c === 10 || c === 13 || c === 35; // empty or comment-only line
    if (!blank) {
      while (stack[stack.length - 1] > width) stack.pop();
      if (width > stack[stack.length - 1]) {
        stack.push(width);
        deepest = Math.max(deepest, stack.length - 1);
        if (deepest > limit) return deepest;
      }
    }
    // Next line: after \n, \r\n or a lone \r (found by the regex engine: this runs on every parse,
    // once per keystroke, and a loop over each character cost milliseconds on a 6,000-line file).
    LINE_BREAK.lastIndex = i;
    const m = LINE_BREAK.exec(text);
    if (!m) break;
    i = m.index + m[0].length;
  }
  return deepest;
}

/**
 * Parses `text` (optionally reusing `oldTree`, which must already have been `edit`ed).
 * Throws ParseTimeoutError when the budget is exceeded, ParseRefusedError for text nested deeper than
 * Python allows, ParserCrashError when the wasm parser traps; the caller decides what to report.
 * After a crash the shared parser is replaced; a parser passed in by the caller must be dropped.
 */
export function parsePython(text: string, oldTree?: Tree | null, budgetMs = 0, parser?: Parser): Tree {
  const limit = parserLimits.maxIndentLevels;
  if (Number.isFinite(limit) && widerThan(text, limit) && indentationLevels(text, limit) > limit) {
    throw new ParseRefusedError(`indentation nested more than ${limit} levels deep (Python refuses it too)`);
  }
  const p = parser ?? (sharedParser ??= newParser());
  const deadline = budgetMs > 0 ? performance.now() + budgetMs : 0;
  let timedOut = false;
  let calls = 0;
  let tree: Tree | null;
  try {
    tree = p.parse(
      chunkedInput(text),
      oldTree ?? null,
      deadline
        ? {
            progressCallback: () => {
              // Called every ~100 parser operations: read the clock on every 32nd call only.
              if ((++calls & 31) === 0 && performance.now() > deadline) timedOut = true;
              return timedOut as unknown as void;
            },
          }
        : undefined,
    );
  } catch (error) {
    // A trap leaves the parser's wasm state inconsistent: never touch it again (not even delete()).
    if (p === sharedParser) sharedParser = undefined;
    throw new ParserCrashError(error);
  }
  if (!tree || timedOut) {
    tree?.delete();
    p.reset();
    throw new ParseTimeoutError(budgetMs);
  }
  return tree;
}
