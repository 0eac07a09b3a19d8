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

/** Leading whitespace (spaces and tabs, as written) of the line holding string index `index`; lines end at \n, \r\n or a lone \r, as in LSP. */
function indentOfLine(text: string, index: number): string {
  const lineStart = Math.max(text.lastIndexOf('\n', index - 1), text.lastIndexOf('\r', index - 1)) + 1;
  const m = /^[ \t]*/.exec(text.slice(lineStart, index));
  return m ? m[0] : '';
}

/**
 * The line ending to write at string index `index`: the one that ends that line (a lone `\r`
 * included), else (the last line) the one that ends the line before it, else `\n`. A CRLF file stays
 * CRLF. Only those two lines are read: a fix must depend on its own statement's text, not on a line
 * break far below or at the top of the file, or the editor's incremental analysis (which re-checks
 * only the statements an edit touches) would keep a stale fix when that far line break changes.
 */
export function lineEndingAt(text: string, index: number): string {
  const ending = (at: number): string => (text.charCodeAt(at) === 13 ? (text.charCodeAt(at + 1) === 10 ? '\r\n' : '\r') : '\n');
  for (let i = index; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return ending(i);
  }
  // The last line: the break just before it (a '\n' may close a '\r\n' pair).
  for (let i = Math.min(index, text.length) - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return i > 0 && text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
    if (c === 13) return '\r';
  }
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
 * The width a fix may fill without wrapping: a line already in the call that is longer sets it,
 * otherwise black's default (88), which most ML code bases are formatted to (or narrower: a file
 * formatted to 79 gets lines up to 88 from a fix, which black and ruff format leave as they are only
 * when they fit their own limit — the common 88 and 100 limits are met).
 */
export const FIX_LINE_WIDTH = 88;

/** Length in UTF-16 units of the line holding string index `index` (without its line ending). */
function lineLengthAt(text: string, index: number): number {
  // Back to the line's start by hand: lastIndexOf('\r') would scan to the file's start when the
  // file has no '\r' (once per finding: quadratic on a file with thousands of them).
  let start = index;
  while (start > 0 && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
  let end = index;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return end - start;
}

/** The longest line from the line of `from` to the line of `to` (string indices). */
function longestLine(text: string, from: number, to: number): number {
  let longest = 0;
  let i = from;
  for (;;) {
    longest = Math.max(longest, lineLengthAt(text, i));
    let next = i;
    while (next < text.length && text.charCodeAt(next) !== 10 && text.charCodeAt(next) !== 13) next++;
    if (next >= to || next >= text.length) break;
    i = next + (text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 ? 2 : 1);
  }
  return longest;
}

/**
 * Adds `keyword` (e.g. `weights_only=True`) to a call's argument list, following the call's layout:
 * - before the first `**kwargs` (a keyword after `**kwargs` is legal, but reads as an override);
 * - `f()` → `f(kw)`; `f(a)` and `f(a, b,)` on one line → `f(a, kw)`, `f(a, kw,)`;
 * - arguments sharing lines (`f(\n    a, b\n)`) → on the last argument's line, before any trailing
 *   comma: the layout stays "arguments on shared lines";
 * - one argument per line → the keyword on its own line with the last argument's indentation, keeping
 *   a trailing comma if there was one (a magic trailing comma stays magic) and leaving comments where
 *   they are;
 * - a hanging layout (`)` right after the last argument) → appended on the last argument's line.
 * An insertion on an existing line that would make it longer than both the call's longest line and
 * FIX_LINE_WIDTH wraps instead: the keyword goes on a new line, aligned with the opening bracket
 * when the arguments start on its line, else with the last argument's indentation.
 * Returns [] when the call has no argument list to extend.
 */
export function addKeywordArgument(call: Node, keyword: string, text: string): TextEdit[] {
  const layout = argumentLayout(call);
  if (!layout) return [];
  const { open, close, args, inner } = layout;
  const width = Math.max(FIX_LINE_WIDTH, longestLine(text, call.startIndex, call.endIndex));
  /** `, kw` inserted on the line of string index `at` (position `p`), or wrapped to a new line. */
  const sameLine = (p: Position, at: number, lineStartNode: Node): TextEdit[] => {
    if (lineLengthAt(text, at) + keyword.length + 2 <= width || insideString(call)) return [insertAt(p, `, ${keyword}`)];
    const eol = lineEndingAt(text, at);
    const aligned = lineStartNode.startPosition.row === open.endPosition.row;
    const indent = aligned ? alignmentAfter(text, open) : indentOfLine(text, lineStartNode.startIndex);
    return [insertAt(p, `,${eol}${indent}${keyword}`)];
  };

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
  const sharesLine = args.some((a, i) => i > 0 && a.startPosition.row === args[i - 1].endPosition.row);
  const onePerLine = !sharesLine && close.startPosition.row > last.endPosition.row && last.startPosition.row > open.endPosition.row;
  if (!onePerLine) {
    // Same line as the last argument: `f(a, b)`, `f(a,\n  b)`, `f(a\n)`, `f(a, b,)`, `f(\n  a, b\n)`.
    const firstOnLine = args.find((a) => a.startPosition.row === last.startPosition.row) ?? last;
    return sameLine(pos(last.endPosition), last.endIndex, firstOnLine);
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

/** A call in an f-string's replacement field: a line break there is a syntax error before Python 3.12. */
function insideString(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'interpolation' || n.type === 'string') return true;
  return false;
}

/**
 * Whitespace that aligns a new line with the first character after `(`: the line's own indentation
 * (tabs kept) followed by spaces for the rest of the columns.
 */
function alignmentAfter(text: string, open: Node): string {
  const indent = indentOfLine(text, open.startIndex);
  return indent + ' '.repeat(Math.max(0, open.endPosition.column - indent.length));
}
