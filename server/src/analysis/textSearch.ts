// Finding many literal strings in a text in one pass: one regular expression with an alternative per
// string (V8 scans for all of them at once, several times faster than an indexOf per string).
// Every start position is tried, so occurrences that overlap are all found.
import { TextSpan, within } from './spans';

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 256;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** How strings are matched: anywhere; as whole words; as whole words, and in digit-led runs too. */
export type Match = 'substring' | 'word' | 'word-or-digit-run';

function searcher(strings: readonly string[], match: Match): RegExp {
  const key = `${match}\u0000${strings.join('\u0000')}`;
  let re = cache.get(key);
  if (!re) {
    // Longer strings first, so that at one position the longest match is the one reported.
    const alternatives = [...new Set(strings)]
      .filter((s) => s.length > 0)
      .sort((a, b) => b.length - a.length)
      .map(escape);
    // A whole word has no ASCII identifier character on either side: `\b` without the `u` flag is
    // exactly that boundary. Non-ASCII neighbours count as boundaries (that can only add
    // occurrences); runs that start with a digit are matched too, for forEachOccurrence to look in.
    const body = alternatives.length === 0 ? '(?!)' : `(?:${alternatives.join('|')})`;
    re = new RegExp(match === 'substring' ? body : match === 'word' ? `\\b${body}\\b` : `\\b${body}\\b|${DIGIT_RUN}`, 'g');
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/**
 * Calls `found(string, index)` for every occurrence in `text` of one of `strings` (for each start
 * position, the longest string that occurs there). 'word': only occurrences that are not part of a
 * longer name. 'word-or-digit-run': also those that end a run of name characters starting with a
 * digit — in broken code the parser may end a number early and start a name (`1subprocess`); a
 * text whose tree has no syntax error cannot hold one.
 */
export function forEachOccurrence(text: string, strings: readonly string[], match: Match, found: (s: string, index: number) => void, spans?: readonly TextSpan[]): void {
  if (strings.length === 0) return;
  if (spans) {
    // Only occurrences that start inside one of the (sorted, disjoint) spans; word boundaries are
    // still those of the whole text.
    // Each span is searched in a slice from the start of its first line to the end of its last, so
    // that a search never runs on past the span (the regex engine would, to the next occurrence).
    const re = searcher(strings, match);
    for (const span of spans) {
      const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
      let lineEnd = text.indexOf('\n', span.end);
      if (lineEnd === -1) lineEnd = text.length;
      const slice = text.slice(lineStart, lineEnd);
      search(slice, strings, match, (s, index) => found(s, index + lineStart), span.start - lineStart, span.end - lineStart, re);
    }
    return;
  }
  search(text, strings, match, found, 0, text.length);
}

/**
 * Calls `found(match, index)` for every match of the global regular expression `re` that starts in
 * `text` (or in one of the sorted, disjoint `spans`), one per start position: matches may overlap.
 * Within a span the expression sees the text from the start of its first line to the end of its last.
 */
export function forEachMatch(text: string, re: RegExp, found: (match: string, index: number) => void, spans?: readonly TextSpan[]): void {
  const each = (slice: string, offset: number, from: number, to: number) => {
    re.lastIndex = from;
    for (let m = re.exec(slice); m !== null && m.index < to; m = re.exec(slice)) {
      found(m[0], m.index + offset);
      re.lastIndex = m.index + 1;
    }
  };
  if (!spans) {
    each(text, 0, 0, text.length);
    return;
  }
  for (const span of spans) {
    const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
    let lineEnd = text.indexOf('\n', span.end);
    if (lineEnd === -1) lineEnd = text.length;
    each(text.slice(lineStart, lineEnd), lineStart, span.start - lineStart, span.end - lineStart);
  }
}

function search(text: string, strings: readonly string[], match: Match, found: (s: string, index: number) => void, from: number, to: number, re = searcher(strings, match)): void {
  const wholeWord = match !== 'substring';
  re.lastIndex = from;
  for (let m = re.exec(text); m !== null && m.index < to; m = re.exec(text)) {
    const hit = m[0];
    const first = hit.charCodeAt(0);
    if (wholeWord && first >= 48 && first <= 57) {
      for (const s of strings) if (hit.length > s.length && hit.endsWith(s)) found(s, m.index + hit.length - s.length);
      re.lastIndex = m.index + hit.length;
    } else {
      found(hit, m.index);
      re.lastIndex = m.index + 1;
    }
  }
}

/** A run of identifier characters that starts with a digit and holds a letter (matched whole). */
const DIGIT_RUN = '\\b[0-9]+[A-Za-z_]\\w*';

const ASCII_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NAME_RUN = /[A-Za-z0-9_]+/g;
const HAS_NAME_START = /[A-Za-z_]/;

/**
 * Every run of ASCII name characters in a text, indexed once, so that many searches for names cost
 * what their occurrences cost instead of a pass over the text each. For names that are ASCII
 * identifiers it finds exactly what forEachOccurrence finds: a whole-word occurrence of such a name
 * is a maximal run equal to it, and a digit-led run is the only other place 'word-or-digit-run'
 * looks. Other strings are searched in the text as before.
 */
export class WordIndex {
  private readonly runs = new Map<string, number[]>();
  /** Start and end of each digit-led run holding a name character ('word-or-digit-run' only). */
  private readonly digitRuns: number[] = [];

  constructor(
    private readonly text: string,
    private readonly match: 'word' | 'word-or-digit-run',
    checkDeadline: () => void,
  ) {
    NAME_RUN.lastIndex = 0;
    let count = 0;
    for (let m = NAME_RUN.exec(text); m !== null; m = NAME_RUN.exec(text)) {
      if ((++count & 4095) === 0) checkDeadline();
      const run = m[0];
      const first = run.charCodeAt(0);
      if (first >= 48 && first <= 57) {
        if (match === 'word-or-digit-run' && HAS_NAME_START.test(run)) this.digitRuns.push(m.index, m.index + run.length);
        continue;
      }
      const list = this.runs.get(run);
      if (list) list.push(m.index);
      else this.runs.set(run, [m.index]);
    }
  }

  /** As forEachOccurrence(text, strings, match, found, spans), in text order for each string. */
  forEachOccurrence(strings: readonly string[], found: (s: string, index: number) => void, spans?: readonly TextSpan[]): void {
    if (!strings.every((s) => ASCII_NAME.test(s))) {
      forEachOccurrence(this.text, strings, this.match, found, spans);
      return;
    }
    if (spans) {
      const inner = found;
      found = (s, index) => {
        if (within(spans, index)) inner(s, index);
      };
    }
    const names = new Set(strings);
    const lengths = [...new Set(strings.map((s) => s.length))];
    // A digit-led run ends with at most one string of each length.
    const inDigitRuns = new Map<string, number[]>();
    for (let i = 0; i < this.digitRuns.length; i += 2) {
      const start = this.digitRuns[i];
      const end = this.digitRuns[i + 1];
      for (const length of lengths) {
        if (length >= end - start) continue;
        const tail = this.text.slice(end - length, end);
        if (!names.has(tail)) continue;
        const list = inDigitRuns.get(tail);
        if (list) list.push(end - length);
        else inDigitRuns.set(tail, [end - length]);
      }
    }
    for (const name of names) {
      const whole = this.runs.get(name) ?? [];
      const tails = inDigitRuns.get(name) ?? [];
      // Merge the two sorted lists, so each string's occurrences come in text order.
      let i = 0;
      let j = 0;
      while (i < whole.length || j < tails.length) {
        if (j >= tails.length || (i < whole.length && whole[i] < tails[j])) found(name, whole[i++]);
        else found(name, tails[j++]);
      }
    }
  }
}
