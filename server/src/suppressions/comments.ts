// A small Python lexer that knows just enough to find real comments: it follows string literals
// (prefixes, triple quotes, escapes, f-string replacement fields that may hold quotes of their own),
// so a `"# nosec"` inside a string is never taken for a suppression. It needs no tree, which lets
// the suppression pass and the suppression-comment fix work from the text alone.

export interface SourceComment {
  /** Zero-based line. */
  line: number;
  /** UTF-16 column of the `#`. */
  start: number;
  /** The comment's text from `#` to the end of the line (line break excluded). */
  text: string;
}

export interface CommentScan {
  comments: SourceComment[];
  /**
   * Lines whose end is not a place where a comment may be appended: the line ends inside a string
   * (a triple-quoted literal that goes on, or an f-string field) or with a `\` continuation.
   */
  noCommentLines: Set<number>;
}

type Frame =
  | { kind: 'code'; depth: number } // depth of brackets; an f-string field closes at `}` with depth 0
  | { kind: 'string'; quote: string; triple: boolean; fstring: boolean }
  | { kind: 'spec' }; // an f-string field's format spec (`{x:#x}`): literal text, may nest fields

const PREFIX = /^(?:[rRuUbBfFtT]|[bBfFtT][rR]|[rR][bBfFtT])$/;

function isIdentChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_]/.test(ch);
}

/** The letters just before a quote at `i`, when they form a string prefix (`rb`, `f`, …). */
function stringPrefix(text: string, i: number): string {
  let j = i;
  while (j > 0 && /[A-Za-z]/.test(text[j - 1]) && i - j < 2) j--;
  const prefix = text.slice(j, i);
  if (prefix && PREFIX.test(prefix) && !isIdentChar(text[j - 1])) return prefix;
  return '';
}

export function scanComments(text: string): CommentScan {
  const comments: SourceComment[] = [];
  const noCommentLines = new Set<number>();
  const stack: Frame[] = [{ kind: 'code', depth: 0 }];
  let line = 0;
  let lineStart = 0;
  const n = text.length;
  const newline = (i: number): number => {
    // Returns the index just after the line break at i (\r\n counts once).
    const next = text[i] === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
    line++;
    lineStart = next;
    return next;
  };
  let i = 0;
  while (i < n) {
    const ch = text[i];
    const top = stack[stack.length - 1];
    if (top.kind === 'string') {
      if (ch === '\\') {
        // An escaped line break continues the literal on the next line.
        if (text[i + 1] === '\n' || text[i + 1] === '\r') {
          noCommentLines.add(line);
          i = newline(i + 1);
        } else i += 2;
        continue;
      }
      if (ch === '\n' || ch === '\r') {
        if (!top.triple)
          stack.pop(); // unterminated single-quoted string: the line ends it
        else noCommentLines.add(line);
        if (top.triple) i = newline(i);
        continue;
      }
      if (top.fstring && ch === '{') {
        if (text[i + 1] === '{') i += 2;
        else {
          stack.push({ kind: 'code', depth: 0 });
          i++;
        }
        continue;
      }
      if (ch === top.quote && (!top.triple || (text[i + 1] === ch && text[i + 2] === ch))) {
        stack.pop();
        i += top.triple ? 3 : 1;
        continue;
      }
      i++;
      continue;
    }
    if (top.kind === 'spec') {
      if (ch === '{') stack.push({ kind: 'code', depth: 0 });
      else if (ch === '}') stack.pop();
      else if (ch === '\n' || ch === '\r') {
        noCommentLines.add(line);
        i = newline(i);
        continue;
      }
      i++;
      continue;
    }
    // Code.
    if (stack.length > 1 && top.depth === 0 && ch === ':' && text[i + 1] !== '=') {
      // At the top level of an f-string field, `:` starts the format spec (`:=` must be parenthesised there).
      stack[stack.length - 1] = { kind: 'spec' };
      i++;
      continue;
    }
    if (ch === '#') {
      let end = i;
      while (end < n && text[end] !== '\n' && text[end] !== '\r') end++;
      comments.push({ line, start: i - lineStart, text: text.slice(i, end) });
      i = end;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      if (stack.length > 1) noCommentLines.add(line); // inside an f-string field spanning lines
      i = newline(i);
      continue;
    }
    if (ch === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
      noCommentLines.add(line);
      i = newline(i + 1);
      continue;
    }
    if (ch === '"' || ch === "'") {
      const prefix = stringPrefix(text, i).toLowerCase();
      const triple = text[i + 1] === ch && text[i + 2] === ch;
      stack.push({ kind: 'string', quote: ch, triple, fstring: prefix.includes('f') || prefix.includes('t') });
      i += triple ? 3 : 1;
      continue;
    }
    if (stack.length > 1) {
      // Inside an f-string replacement field: track brackets so the closing `}` is found.
      if (ch === '(' || ch === '[' || ch === '{') top.depth++;
      else if (ch === ')' || ch === ']') top.depth = Math.max(0, top.depth - 1);
      else if (ch === '}') {
        if (top.depth === 0) stack.pop();
        else top.depth--;
      }
    }
    i++;
  }
  // The last line of a file that ends inside a string cannot take a comment either.
  if (stack.length > 1) noCommentLines.add(line);
  return { comments, noCommentLines };
}
