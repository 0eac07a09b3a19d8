// Glob matching for `exclude` and `ignorePatterns`, in time linear in the path for each pattern.
// picomatch compiles `*a*a*a*a*a*a*a*a*a*a*b` into a regular expression that backtracks
// catastrophically (a 40-character name: seconds; longer: hours), and the patterns come from a
// repository's pyproject.toml. Here a pattern is split into path segments: `**` segments match any
// number of path segments (a table over pattern × path segments), and every other segment is
// matched against one path segment by simulating all its wildcard positions at once (no
// backtracking). Cost: O(path length × pattern length) per brace alternative.
//
// Syntax, as picomatch reads it with `dot: true`: `*` and `?` (never across `/`), `**` as a whole
// segment (zero or more segments; `a/**` also matches `a`), `[a-z]` / `[^a-z]` / `[!a-z]`, `{a,b}`
// (at most MAX_ALTERNATIVES after expansion), `\` before a special character, a leading `./`, and
// a leading `!` that negates. Extended globs (`@(a|b)`, `+(…)`) are left to picomatch only when they
// hold few wildcards; others are refused with GlobError (reported as a configuration problem).
import picomatch from 'picomatch';

export class GlobError extends Error {}

const MAX_ALTERNATIVES = 256;
/** Extended globs go to picomatch (a backtracking regex) only with at most this many wildcards. */
const MAX_EXTGLOB_WILDCARDS = 3;

type Atom = { kind: 'char'; c: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; negate: boolean; test: (c: string) => boolean };

type Segment = { globstar: true } | { globstar: false; atoms: Atom[] };

/** A matcher for one pattern: `(path) => boolean`, for slash-separated paths. Throws GlobError. */
export function compileGlob(pattern: string): (path: string) => boolean {
  let negated = false;
  let body = pattern;
  if (body.startsWith('!') && !body.startsWith('!(')) {
    negated = true;
    body = body.slice(1);
  }
  let match: (path: string) => boolean;
  if (/[@!+*?]\(/.test(body)) {
    const wildcards = (body.match(/[*?+@!]/g) ?? []).length;
    if (wildcards > MAX_EXTGLOB_WILDCARDS) throw new GlobError(`pattern "${pattern}" is too complex to match safely (extended glob with ${wildcards} wildcards; at most ${MAX_EXTGLOB_WILDCARDS})`);
    match = picomatch(body, { dot: true });
  } else {
    const alternatives = expandBraces(body).map((p) => parsePattern(p.startsWith('./') ? p.slice(2) : p));
    match = (path) => alternatives.some((segments) => matchSegments(segments, path.split('/')));
  }
  return negated ? (path) => !match(path) : match;
}

/** `{a,b}` alternatives, nested ones included; a brace without a comma is literal. */
export function expandBraces(pattern: string): string[] {
  let out = [''];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      out = out.map((p) => p + c + pattern[i + 1]);
      i += 2;
      continue;
    }
    if (c === '{') {
      const close = matchingBrace(pattern, i);
      if (close !== -1) {
        const parts = splitTopLevel(pattern.slice(i + 1, close));
        if (parts.length > 1) {
          const options = parts.flatMap(expandBraces);
          const next: string[] = [];
          for (const p of out) for (const o of options) next.push(p + o);
          if (next.length > MAX_ALTERNATIVES) throw new GlobError(`pattern "${pattern}" expands to more than ${MAX_ALTERNATIVES} alternatives`);
          out = next;
          i = close + 1;
          continue;
        }
      }
    }
    out = out.map((p) => p + c);
    i++;
  }
  return out;
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '{') depth++;
    else if (s[i] === '}') depth--;
    else if (s[i] === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

const SPECIAL = new Set(['*', '?', '[', ']', '{', '}', '(', ')', '!', '\\', '@', '+']);

function parsePattern(pattern: string): Segment[] {
  return pattern.split('/').map((text): Segment => (text === '**' ? { globstar: true } : { globstar: false, atoms: parseSegment(text) }));
}

function parseSegment(text: string): Atom[] {
  const atoms: Atom[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && SPECIAL.has(text[i + 1])) {
      atoms.push({ kind: 'char', c: text[++i] });
    } else if (c === '*') {
      if (atoms[atoms.length - 1]?.kind !== 'star') atoms.push({ kind: 'star' }); // `**` inside a segment is `*`
    } else if (c === '?') {
      atoms.push({ kind: 'any' });
    } else if (c === '[') {
      const parsed = parseClass(text, i);
      if (parsed) {
        atoms.push(parsed.atom);
        i = parsed.end;
      } else atoms.push({ kind: 'char', c });
    } else {
      atoms.push({ kind: 'char', c });
    }
  }
  return atoms;
}

/** `[…]` from `open`: the class and the index of its `]`, or null when it is not closed. */
function parseClass(text: string, open: number): { atom: Atom; end: number } | null {
  let i = open + 1;
  let negate = false;
  if (text[i] === '^' || text[i] === '!') {
    negate = true;
    i++;
  }
  const singles = new Set<string>();
  const ranges: [string, string][] = [];
  const first = i;
  for (; i < text.length; i++) {
    let c = text[i];
    if (c === ']' && i > first) {
      const test = (ch: string) => singles.has(ch) || ranges.some(([lo, hi]) => ch >= lo && ch <= hi);
      return { atom: { kind: 'class', negate, test }, end: i };
    }
    if (c === '\\' && i + 1 < text.length) c = text[++i];
    if (text[i + 1] === '-' && i + 2 < text.length && text[i + 2] !== ']') {
      let hi = text[i + 2];
      i += 2;
      if (hi === '\\' && i + 1 < text.length) hi = text[++i];
      ranges.push([c, hi]);
    } else singles.add(c);
  }
  return null;
}

/** Pattern segments against path segments: `**` takes zero or more of them. */
function matchSegments(pattern: Segment[], path: string[]): boolean {
  // reach[j]: the pattern's first i segments can match the path's first j segments.
  let reach = new Uint8Array(path.length + 1);
  reach[0] = 1;
  for (const seg of pattern) {
    const next = new Uint8Array(path.length + 1);
    if (seg.globstar) {
      let any = false;
      for (let j = 0; j <= path.length; j++) {
        any = any || reach[j] === 1;
        if (any) next[j] = 1;
      }
    } else {
      for (let j = 0; j < path.length; j++) if (reach[j] && matchSegment(seg.atoms, path[j])) next[j + 1] = 1;
    }
    reach = next;
  }
  return reach[path.length] === 1;
}

/** One segment: every position of the pattern that the text read so far can reach, at once. */
function matchSegment(atoms: Atom[], text: string): boolean {
  const n = atoms.length;
  let states = new Uint8Array(n + 1);
  const close = (s: Uint8Array) => {
    // A star may match nothing: reaching it reaches what follows it too.
    for (let k = 0; k < n; k++) if (s[k] && atoms[k].kind === 'star') s[k + 1] = 1;
  };
  states[0] = 1;
  close(states);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = new Uint8Array(n + 1);
    let alive = false;
    for (let k = 0; k < n; k++) {
      if (!states[k]) continue;
      const atom = atoms[k];
      let ok: boolean;
      if (atom.kind === 'star') {
        next[k] = 1; // stays on the star
        alive = true;
        continue;
      } else if (atom.kind === 'char') ok = atom.c === c;
      else if (atom.kind === 'any') ok = true;
      else ok = atom.test(c) !== atom.negate;
      if (ok) {
        next[k + 1] = 1;
        alive = true;
      }
    }
    if (!alive) return false;
    close(next);
    states = next;
  }
  return states[n] === 1;
}
