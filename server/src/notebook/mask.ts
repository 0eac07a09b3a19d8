// IPython syntax in a code cell that is not Python, masked so that the cell parses as Python with
// every other character where it was: line magics (`%pip install x`, `%time y = f()`), cell magics
// (`%%bash`), shell escapes (`!ls`, `files = !ls`) and help (`obj?`, `??obj`). Masking replaces
// characters one for one (UTF-16 code units), so lines and columns of the rest do not move and a
// finding maps back to the cell exactly.
//
// A masked stretch becomes spaces, except that a line that was all IPython keeps one `0` where its
// first character was: a bare expression statement that no rule reports, which keeps a block that
// held only the magic non-empty and avoids the "unexpected indent" spaces alone would make. For
// `%time y = f()` only the magic token is masked (`0;    y = f()`), so the timed code is analysed.
//
// Magics are recognised only where IPython recognises them: at the start of a logical line, never
// inside brackets, strings or after a backslash continuation (`("%d"\n % n)` is Python).

/** Cell magics whose body is Python that IPython runs (the first line is masked, the rest analysed). */
export const PYTHON_CELL_MAGICS: ReadonlySet<string> = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'python', 'python3', 'pypy']);

/** Line magics whose argument, after options, is Python code run in the user's namespace. */
export const CODE_LINE_MAGICS: ReadonlySet<string> = new Set(['time', 'timeit', 'prun', 'debug']);

export interface MaskedCell {
  /** The cell text with IPython syntax masked; same length as the input. */
  text: string;
  /** Set when the whole cell is not analysed: a cell magic whose body is not Python (`%%bash`). */
  skippedMagic?: string;
  /** Masked stretches as [start, end) offsets in the cell: an edit must not touch them. */
  spans: [number, number][];
}

interface LexState {
  depth: number;
  quote: string | null;
  triple: boolean;
  continued: boolean;
}

const CELL_MAGIC = /^[ \t]*%%([A-Za-z_][\w]*)?/;
const LINE_MAGIC = /^%([A-Za-z_][\w]*)/;
/** `-n 10`, `-o`, `-r3`: options of %timeit / %prun before the code. */
const MAGIC_OPTION = /^[ \t]+-[A-Za-z]+(?:[ \t]*\d+)?(?=[ \t])/;
const HELP_SUFFIX = /^[\w.[\]*]+[ \t]*\?\??[ \t]*$/;
/** `name = !cmd`, `a, b = %sx ls`: the right-hand side is IPython. */
const MAGIC_ASSIGNMENT = /^[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*[ \t]*=[ \t]*(?=[!%])/;

export function maskCell(source: string): MaskedCell {
  const chars = source.split('');
  const spans: [number, number][] = [];
  const lines = lineStarts(source);
  const mask = (start: number, end: number, placeholder: string) => {
    if (end <= start) return;
    for (let i = start; i < end; i++) chars[i] = ' ';
    for (let i = 0; i < placeholder.length && start + i < end; i++) chars[start + i] = placeholder[i];
    spans.push([start, end]);
  };
  const lineEnd = (n: number) => {
    let e = n + 1 < lines.length ? lines[n + 1] - 1 : source.length;
    if (e > lines[n] && source[e - 1] === '\r') e--;
    return e;
  };
  /** Masks lines n.. while each ends in a backslash (IPython joins them); returns the last line masked. */
  const maskWholeLines = (n: number, from: number): number => {
    mask(from, lineEnd(n), '0');
    while (source[lineEnd(n) - 1] === '\\' && n + 1 < lines.length) {
      n++;
      mask(lines[n], lineEnd(n), '');
    }
    return n;
  };

  // A cell magic: the first line that is not blank.
  let first = 0;
  while (first < lines.length && source.slice(lines[first], lineEnd(first)).trim() === '') first++;
  if (first < lines.length) {
    const m = CELL_MAGIC.exec(source.slice(lines[first], lineEnd(first)));
    if (m) {
      const name = m[1] ?? '';
      if (!PYTHON_CELL_MAGICS.has(name)) return { text: source, skippedMagic: `%%${name}`, spans: [[0, source.length]] };
      mask(lines[first] + m[0].length - m[0].trimStart().length, lineEnd(first), '');
      first++;
    } else {
      first = 0;
    }
  }

  const state: LexState = { depth: 0, quote: null, triple: false, continued: false };
  for (let n = first; n < lines.length; n++) {
    const start = lines[n];
    const end = lineEnd(n);
    let scanFrom = start;
    if (state.quote === null && state.depth === 0 && !state.continued) {
      const line = source.slice(start, end);
      const indent = line.length - line.trimStart().length;
      const rest = line.slice(indent);
      const at = start + indent;
      if (rest.startsWith('!') || rest.startsWith('?')) {
        n = maskWholeLines(n, at);
        continue;
      }
      if (rest.startsWith('%')) {
        const magic = LINE_MAGIC.exec(rest);
        if (magic && CODE_LINE_MAGICS.has(magic[1])) {
          let len = magic[0].length;
          for (let o = MAGIC_OPTION.exec(rest.slice(len)); o; o = MAGIC_OPTION.exec(rest.slice(len))) len += o[0].length;
          if (rest.slice(len).trim() !== '') {
            mask(at, at + len, '0;'); // `%time x = f()` → `0;    x = f()`: the timed code is still analysed
            scanFrom = at + len;
          } else {
            n = maskWholeLines(n, at);
            continue;
          }
        } else {
          n = maskWholeLines(n, at);
          continue;
        }
      } else if (HELP_SUFFIX.test(rest)) {
        n = maskWholeLines(n, at);
        continue;
      } else {
        const assign = MAGIC_ASSIGNMENT.exec(rest);
        if (assign) {
          const rhs = at + assign[0].length;
          const magic = LINE_MAGIC.exec(source.slice(rhs, end));
          if (magic && CODE_LINE_MAGICS.has(magic[1]) && source.slice(rhs + magic[0].length, end).trim() !== '') {
            mask(rhs, rhs + magic[0].length, ''); // `t = %time f()` → `t =       f()`
            scanFrom = rhs + magic[0].length;
          } else {
            n = maskWholeLines(n, rhs); // `files = !ls` → `files = 0  `
            continue;
          }
        }
      }
    }
    scanLine(source, scanFrom, end, state);
  }
  return { text: chars.join(''), spans };
}

/** Offsets where each line starts (lines end at `\n`, as tree-sitter counts rows). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Advances the bracket / string / continuation state over text[from, end) (one physical line). */
function scanLine(text: string, from: number, end: number, s: LexState): void {
  s.continued = false;
  for (let i = from; i < end; i++) {
    const c = text[i];
    if (s.quote !== null) {
      if (c === '\\') i++;
      else if (c === s.quote && (!s.triple || (text[i + 1] === c && text[i + 2] === c))) {
        if (s.triple) i += 2;
        s.quote = null;
      }
      continue;
    }
    if (c === '#') break;
    if (c === '"' || c === "'") {
      s.triple = text[i + 1] === c && text[i + 2] === c;
      s.quote = c;
      if (s.triple) i += 2;
    } else if (c === '(' || c === '[' || c === '{') s.depth++;
    else if (c === ')' || c === ']' || c === '}') s.depth = Math.max(0, s.depth - 1);
    else if (c === '\\' && i === end - 1) s.continued = true;
  }
  // A one-quote string does not run past the end of its line unless the line ends with a backslash.
  if (s.quote !== null && !s.triple && text[end - 1] !== '\\') s.quote = null;
  if (s.quote !== null && !s.triple) s.continued = true;
}
