// Python's logical lines, found without a parser: where each statement line starts, how it is
// indented, and where its plain `=` signs are. The sparse scan (sparse.ts) cuts a file into top-level
// statements and methods from these. It follows Python's tokenizer for what matters here — strings
// (prefixes, triple quotes, escapes, f-string replacement fields with nested strings, as Python 3.12
// and the grammar allow), comments, brackets and backslash continuations — and gives up (returns
// undefined) on anything it does not follow exactly: an unterminated string, unbalanced brackets, a
// tab or form feed in an indentation. Giving up is always safe: the file is then parsed whole.

export interface LogicalLine {
  /** Offset of the first character of the line's first physical line (its indentation included). */
  start: number;
  /** Offset of the first non-blank character. */
  codeStart: number;
  /** Offset just past the line break that ends the logical line (or the text's length). */
  end: number;
  /** Offsets of the `=` signs outside brackets that assign (not `==`, `<=`, `+=`, `:=` …). */
  assigns: number[];
  /** Whether its last token (comments aside) is a colon: only then may the next line be indented. */
  opensBlock: boolean;
  /**
   * Whether it holds nothing but string literals written side by side, none an f-string (and
   * comments, continuations): a docstring, or a string used as a comment. Nothing in it is code.
   */
  bareString: boolean;
}

class GiveUp extends Error {}

const enum C {
  Tab = 9,
  Lf = 10,
  Ff = 12,
  Cr = 13,
  Space = 32,
  Bang = 33,
  Dquote = 34,
  Hash = 35,
  Percent = 37,
  Amp = 38,
  Squote = 39,
  Lparen = 40,
  Rparen = 41,
  Star = 42,
  Plus = 43,
  Minus = 45,
  Slash = 47,
  Colon = 58,
  Lt = 60,
  Eq = 61,
  Gt = 62,
  At = 64,
  Lbracket = 91,
  Backslash = 92,
  Rbracket = 93,
  Caret = 94,
  Lbrace = 123,
  Pipe = 124,
  Rbrace = 125,
}

/** Characters that, written before `=`, make it part of another operator. */
const BEFORE_EQ = new Set([C.Eq, C.Bang, C.Lt, C.Gt, C.Colon, C.Plus, C.Minus, C.Star, C.Slash, C.Percent, C.Amp, C.Pipe, C.Caret, C.At]);
const STRING_PREFIXES = new Set(['r', 'u', 'b', 'f', 'br', 'rb', 'fr', 'rf']);

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
}

function isBreak(c: number): boolean {
  return c === C.Lf || c === C.Cr;
}

/** Offset after the line break at `i` (\n, \r\n or a lone \r). */
function afterBreak(text: string, i: number): number {
  return text.charCodeAt(i) === C.Cr && text.charCodeAt(i + 1) === C.Lf ? i + 2 : i + 1;
}

class Lexer {
  i = 0;
  /** What the last token was: a string literal (with its prefix), a comment, or anything else. */
  kind: 'string' | 'fstring' | 'comment' | 'other' = 'other';
  constructor(
    readonly text: string,
    /** Where comments are, as [start, end) offset pairs in one flat list, when asked for. */
    readonly comments?: number[],
    /**
     * Where string literals' own text is (from the opening quote to the closing one, an f-string's
     * replacement fields left out), as [start, end) pairs, when asked for.
     */
    readonly strings?: number[],
  ) {}

  /** Scans a string literal whose opening quote is at `this.i`; leaves `this.i` after it. */
  string(prefix: string): void {
    const text = this.text;
    const quote = text.charCodeAt(this.i);
    const triple = text.charCodeAt(this.i + 1) === quote && text.charCodeAt(this.i + 2) === quote;
    const fstring = prefix.includes('f');
    let piece = this.i;
    this.i += triple ? 3 : 1;
    for (;;) {
      if (this.i >= text.length) throw new GiveUp();
      const c = text.charCodeAt(this.i);
      if (c === C.Backslash) {
        // An escaped line break continues the string; any other escaped character is skipped.
        this.i = isBreak(text.charCodeAt(this.i + 1)) ? afterBreak(text, this.i + 1) : this.i + 2;
      } else if (c === quote && (!triple || (text.charCodeAt(this.i + 1) === quote && text.charCodeAt(this.i + 2) === quote))) {
        this.i += triple ? 3 : 1;
        this.strings?.push(piece, this.i);
        return;
      } else if (isBreak(c)) {
        if (!triple) throw new GiveUp();
        this.i = afterBreak(text, this.i);
      } else if (fstring && c === C.Lbrace) {
        if (text.charCodeAt(this.i + 1) === C.Lbrace) this.i += 2;
        else {
          this.strings?.push(piece, this.i);
          this.i++;
          this.replacementField(quote, triple);
          piece = this.i;
        }
      } else if (fstring && c === C.Rbrace) {
        if (text.charCodeAt(this.i + 1) !== C.Rbrace) throw new GiveUp();
        this.i += 2;
      } else {
        this.i++;
      }
    }
  }

  /** An f-string's `{expression!r:spec}` from after its `{`; leaves `this.i` after the closing `}`. */
  replacementField(quote: number, triple: boolean): void {
    const text = this.text;
    const depth: number[] = [];
    for (;;) {
      if (this.i >= text.length) throw new GiveUp();
      const c = text.charCodeAt(this.i);
      if (depth.length === 0 && c === C.Rbrace) {
        this.i++;
        return;
      }
      if (depth.length === 0 && c === C.Colon) {
        this.i++;
        this.formatSpec(quote, triple);
        return;
      }
      if (this.token(depth) === 'break') {
        if (!triple && depth.length === 0) throw new GiveUp();
      }
    }
  }

  /** A format spec after `:`, up to and past the field's closing `}` (nested fields allowed). */
  formatSpec(quote: number, triple: boolean): void {
    const text = this.text;
    for (;;) {
      if (this.i >= text.length) throw new GiveUp();
      const c = text.charCodeAt(this.i);
      if (c === C.Rbrace) {
        this.i++;
        return;
      }
      if (c === C.Lbrace) {
        this.i++;
        this.replacementField(quote, triple);
      } else if (c === C.Backslash) this.i += 2;
      else if (c === quote || (isBreak(c) && !triple)) throw new GiveUp();
      else this.i++;
    }
  }

  /**
   * One token of code at `this.i` (advancing past it). Returns 'break' for a line break outside
   * brackets, 'assign' for a plain `=` outside brackets, undefined otherwise.
   */
  token(depth: number[]): 'break' | 'assign' | undefined {
    const text = this.text;
    const c = text.charCodeAt(this.i);
    this.kind = 'other';
    if (c === C.Hash) {
      const start = this.i;
      while (this.i < text.length && !isBreak(text.charCodeAt(this.i))) this.i++;
      this.comments?.push(start, this.i);
      this.kind = 'comment';
      return undefined;
    }
    if (isBreak(c)) {
      this.i = afterBreak(text, this.i);
      return depth.length === 0 ? 'break' : undefined;
    }
    if (c === C.Backslash) {
      if (!isBreak(text.charCodeAt(this.i + 1))) throw new GiveUp();
      this.i = afterBreak(text, this.i + 1);
      return undefined;
    }
    if (c === C.Squote || c === C.Dquote) {
      this.string('');
      this.kind = 'string';
      return undefined;
    }
    if (isNameChar(c)) {
      const start = this.i;
      while (this.i < text.length && isNameChar(text.charCodeAt(this.i))) this.i++;
      const q = text.charCodeAt(this.i);
      if ((q === C.Squote || q === C.Dquote) && this.i - start <= 2) {
        const prefix = text.slice(start, this.i).toLowerCase();
        if (STRING_PREFIXES.has(prefix)) {
          this.string(prefix);
          this.kind = prefix.includes('f') ? 'fstring' : 'string';
        }
      }
      return undefined;
    }
    if (c === C.Lparen || c === C.Lbracket || c === C.Lbrace) {
      depth.push(c);
      this.i++;
      return undefined;
    }
    if (c === C.Rparen || c === C.Rbracket || c === C.Rbrace) {
      const open = depth.pop();
      const expected = c === C.Rparen ? C.Lparen : c === C.Rbracket ? C.Lbracket : C.Lbrace;
      if (open !== expected) throw new GiveUp();
      this.i++;
      return undefined;
    }
    if (c === C.Eq && depth.length === 0) {
      const before = text.charCodeAt(this.i - 1);
      const after = text.charCodeAt(this.i + 1);
      this.i++;
      if (after === C.Eq) {
        this.i++;
        return undefined;
      }
      // `a >>= b`, `a //= b`: the character before is part of the operator either way.
      return BEFORE_EQ.has(before) ? undefined : 'assign';
    }
    this.i++;
    return undefined;
  }
}

/**
 * The logical lines of `text` (blank and comment-only lines are none), or undefined when unsure —
 * also when the indentation is one Python refuses (an indented line after a line that opens no
 * block, a dedent to a width no enclosing block has): tree-sitter reads those its own way.
 */
export function logicalLines(text: string, comments?: number[], strings?: number[]): LogicalLine[] | undefined {
  const lexer = new Lexer(text, comments, strings);
  const lines: LogicalLine[] = [];
  const indents = [0];
  const n = text.length;
  try {
    while (lexer.i < n) {
      const start = lexer.i;
      let i = start;
      while (i < n && text.charCodeAt(i) === C.Space) i++;
      const c = text.charCodeAt(i);
      if (c === C.Tab || c === C.Ff) return undefined;
      if (i >= n) break;
      if (isBreak(c)) {
        lexer.i = afterBreak(text, i);
        continue;
      }
      if (c === C.Hash) {
        const from = i;
        while (i < n && !isBreak(text.charCodeAt(i))) i++;
        comments?.push(from, i);
        lexer.i = i < n ? afterBreak(text, i) : n;
        continue;
      }
      lexer.i = i;
      const line: LogicalLine = { start, codeStart: i, end: n, assigns: [], opensBlock: false, bareString: false };
      const depth: number[] = [];
      let last = 0;
      let strings = 0;
      let other = false;
      while (lexer.i < n) {
        const at = lexer.i;
        const first = text.charCodeAt(at);
        const kind = lexer.token(depth);
        if (kind === 'break') break;
        if (kind === 'assign') line.assigns.push(at);
        if (lexer.kind === 'string') strings++;
        else if (lexer.kind !== 'comment' && first !== C.Space && first !== C.Tab && first !== C.Ff && first !== C.Backslash) other = true;
        if (first !== C.Hash && first !== C.Space && first !== C.Tab && first !== C.Backslash && !isBreak(first)) last = text.charCodeAt(lexer.i - 1);
      }
      line.opensBlock = last === C.Colon;
      line.bareString = strings > 0 && !other;
      if (depth.length > 0) return undefined;
      line.end = lexer.i;
      const width = line.codeStart - line.start;
      if (width > indents[indents.length - 1]) {
        if (lines.length === 0 || !lines[lines.length - 1].opensBlock) return undefined;
        indents.push(width);
      } else {
        while (width < indents[indents.length - 1]) indents.pop();
        if (width !== indents[indents.length - 1]) return undefined;
      }
      lines.push(line);
    }
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
  return lines;
}
