// Edit builders shared by the rules' fixes. Each returns LSP text edits (UTF-16 positions) that
// touch as little text as possible and keep the user's layout: their indentation (spaces or tabs),
// their trailing commas, their comments and their line endings.
import type { Node } from 'web-tree-sitter';
import { Position, TextEdit, rangeOf } from '../analysis/types';

function pos(p: { row: number; column: number }): Position {
  return { line: p.row, character: p.column };
}

function insertAt(p: Position, newText: string): TextEdit {
  return { range: { start: p, end: p }, newText };
}

/**
 * End of a node, not counting a carriage return. tree-sitter-python's comment token runs to the `\n`,
 * so in a CRLF file a comment ends after its `\r`: inserting there would split the line ending.
 */
function endOf(node: Node, text: string): Position {
  const end = pos(node.endPosition);
  if (node.endIndex > node.startIndex && text.charCodeAt(node.endIndex - 1) === 13 /* \r */) {
    return { line: end.line, character: end.character - 1 };
  }
  return end;
}

/** The quote character a string literal node opens with (`'` or `"`), or undefined for other nodes. */
export function quoteOf(node: Node | null | undefined): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  const m = /^[A-Za-z]*("|')/.exec(node.text);
  return m ? m[1] : undefined;
}

/** Replaces a node's text (a keyword's value, a callee) with `newText`: nothing around it changes. */
export function replaceNode(node: Node, newText: string): TextEdit {
  return { range: rangeOf(node), newText };
}

/** Leading whitespace (spaces and tabs, as written) of the line holding string index `index`. */
function indentOfLine(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const m = /^[ \t]*/.exec(text.slice(lineStart, index));
  return m ? m[0] : '';
}

/**
 * The line ending to write at string index `index`: the one that ends that line, else the first one
 * in the file, else `\n`. A CRLF file stays CRLF.
 */
export function lineEndingAt(text: string, index: number): string {
  const next = text.indexOf('\n', index);
  if (next > 0) return text.charCodeAt(next - 1) === 13 ? '\r\n' : '\n';
  const first = text.indexOf('\n');
  if (first > 0) return text.charCodeAt(first - 1) === 13 ? '\r\n' : '\n';
  return '\n';
}

interface ArgumentLayout {
  open: Node;
  close: Node;
  /** Arguments, without comments. */
  args: Node[];
  /** Every child between `(` and `)`: arguments, commas, comments. */
  inner: Node[];
}

function argumentLayout(call: Node): ArgumentLayout | null {
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return null; // `f(x for x in y)`: no list to extend
  if (list.hasError) return null; // a half-typed call: any insertion would be a guess
  const children = list.children.filter((c): c is Node => c !== null);
  const open = children[0];
  const close = children[children.length - 1];
  if (!open || open.type !== '(' || !close || close.type !== ')' || close.isMissing) return null;
  // Extras (comments, backslash line continuations) can sit anywhere between the parentheses.
  const inner = children.slice(1, -1);
  const args = inner.filter((c) => c.isNamed && !c.isExtra);
  return { open, close, args, inner };
}

/**
 * Adds `keyword` (e.g. `weights_only=True`) to a call's argument list, following the call's layout:
 * - before the first `**kwargs` (a keyword after `**kwargs` is legal, but reads as an override);
 * - `f()` → `f(kw)`; `f(a)` and `f(a, b,)` on one line → `f(a, kw)`, `f(a, kw,)`;
 * - one argument per line → the keyword on its own line with the last argument's indentation, keeping
 *   a trailing comma if there was one and leaving comments where they are;
 * - a hanging layout (`)` right after the last argument) → appended on the last argument's line.
 * Returns [] when the call has no argument list to extend.
 */
export function addKeywordArgument(call: Node, keyword: string, text: string): TextEdit[] {
  const layout = argumentLayout(call);
  if (!layout) return [];
  const { open, close, args, inner } = layout;

  const dictSplat = args.find((a) => a.type === 'dictionary_splat');
  if (dictSplat) {
    const index = args.indexOf(dictSplat);
    const prevEndRow = index > 0 ? args[index - 1].endPosition.row : open.endPosition.row;
    if (prevEndRow < dictSplat.startPosition.row) {
      // `**kwargs` starts its own line: the keyword gets a line of its own above it.
      const eol = lineEndingAt(text, dictSplat.startIndex);
      return [insertAt(pos(dictSplat.startPosition), `${keyword},${eol}${indentOfLine(text, dictSplat.startIndex)}`)];
    }
    return [insertAt(pos(dictSplat.startPosition), `${keyword}, `)];
  }

  if (args.length === 0) return [insertAt(pos(open.endPosition), keyword)];

  const last = args[args.length - 1];
  const after = inner.slice(inner.indexOf(last) + 1); // commas and comments after the last argument
  const trailingComma = after.find((c) => c.type === ',');
  const onePerLine = close.startPosition.row > last.endPosition.row && last.startPosition.row > open.endPosition.row;
  if (!onePerLine) {
    // Same line as the last argument: `f(a, b)`, `f(a,\n  b)`, `f(a\n)`, `f(a, b,)`.
    return [insertAt(pos(last.endPosition), `, ${keyword}`)];
  }
  const indent = indentOfLine(text, last.startIndex);
  const eol = lineEndingAt(text, last.endIndex);
  // Comments on the last argument's line (after it or after its trailing comma) stay on that line.
  const sameLineTail = after.filter((c) => (c.type === ',' || c.type === 'comment') && c.startPosition.row === last.endPosition.row);
  const tailEnd = sameLineTail.length > 0 ? endOf(sameLineTail[sameLineTail.length - 1], text) : pos(last.endPosition);
  if (trailingComma) return [insertAt(tailEnd, `${eol}${indent}${keyword},`)];
  if (sameLineTail.length > 0) {
    // `last  # comment` → `last,  # comment` and the keyword on the next line.
    return [insertAt(pos(last.endPosition), ','), insertAt(tailEnd, `${eol}${indent}${keyword}`)];
  }
  return [insertAt(pos(last.endPosition), `,${eol}${indent}${keyword}`)];
}

/**
 * Removes one argument (`shell=True`, `safe_mode=False`) and the comma that separates it, keeping the
 * rest of the call as written. An argument alone on its line takes its line with it.
 */
export function removeArgument(call: Node, arg: Node, text: string): TextEdit[] {
  const layout = argumentLayout(call);
  if (!layout) return [];
  const { inner } = layout;
  const at = inner.findIndex((c) => c.id === arg.id);
  if (at < 0) return [];
  const next = inner[at + 1];
  const prev = inner[at - 1];
  const lineStart = text.lastIndexOf('\n', arg.startIndex - 1) + 1;
  const aloneOnLine = /^[ \t]*$/.test(text.slice(lineStart, arg.startIndex));
  if (next && next.type === ',') {
    const lineEnd = text.indexOf('\n', next.endIndex);
    const restOfLine = text.slice(next.endIndex, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
    if (aloneOnLine && /^[ \t]*$/.test(restOfLine) && lineEnd >= 0 && text.slice(0, lineStart).includes('\n')) {
      // `    shell=True,\n` → the whole line goes.
      return [{ range: { start: { line: arg.startPosition.row, character: 0 }, end: { line: arg.startPosition.row + 1, character: 0 } }, newText: '' }];
    }
    // `arg, ` → up to the start of whatever follows on the same line.
    const follower = inner[at + 2];
    const end = follower && follower.startPosition.row === next.endPosition.row ? pos(follower.startPosition) : pos(next.endPosition);
    return [{ range: { start: pos(arg.startPosition), end }, newText: '' }];
  }
  if (prev && prev.type === ',') {
    // The last argument without a trailing comma: `, arg` goes (the comma before it too).
    const before = inner[at - 2];
    const start = before && before.type !== 'comment' ? pos(before.endPosition) : pos(prev.startPosition);
    return [{ range: { start, end: pos(arg.endPosition) }, newText: '' }];
  }
  return [{ range: rangeOf(arg), newText: '' }]; // the only argument
}

const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

/**
 * Adds `import <module>` to a module that lacks it (B602's `shlex`): after the leading block of
 * top-level imports, else after the docstring, else on the first line (below a shebang or encoding
 * comment). Returns [] when the module is already imported at top level.
 */
export function addImport(root: Node, module: string, text: string): TextEdit[] {
  const statements = root.namedChildren.filter((c): c is Node => !!c && !c.isExtra);
  for (const s of statements) {
    if (s.type !== 'import_statement') continue;
    // `import shlex`, `import os, shlex` (not `import shlex as sh`: the fix's text says `shlex.`).
    if (s.namedChildren.some((n) => n?.type === 'dotted_name' && n.text === module)) return [];
  }
  let anchor: Node | undefined;
  for (const [i, s] of statements.entries()) {
    const isDocstring = i === 0 && s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string';
    if (IMPORT_TYPES.has(s.type) || isDocstring) anchor = s;
    else break;
  }
  const eol = lineEndingAt(text, 0);
  const line = `import ${module}`;
  if (anchor) {
    const row = anchor.endPosition.row;
    const nextLine = text.indexOf('\n', anchor.endIndex);
    if (nextLine < 0) return [insertAt(pos(anchor.endPosition), `${eol}${line}`)];
    // A module docstring gets a blank line between it and the new import.
    const isDocstring = anchor.type === 'expression_statement';
    return [insertAt({ line: row + 1, character: 0 }, isDocstring ? `${eol}${line}${eol}` : `${line}${eol}`)];
  }
  // No imports and no docstring: the first line that is not a shebang or encoding comment.
  let row = 0;
  const lines = text.split('\n');
  while (row < lines.length && row < 2 && /^#(!|.*coding[:=])/.test(lines[row])) row++;
  return [insertAt({ line: row, character: 0 }, `${line}${eol}`)];
}
