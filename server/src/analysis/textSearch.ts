// Finding many literal strings in a text in one pass: one regular expression with an alternative per
// string (V8 scans for all of them at once, several times faster than an indexOf per string).
// Every start position is tried, so occurrences that overlap are all found.

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
    const alternatives = [...new Set(strings)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length).map(escape);
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
export function forEachOccurrence(text: string, strings: readonly string[], match: Match, found: (s: string, index: number) => void): void {
  if (strings.length === 0) return;
  const re = searcher(strings, match);
  const wholeWord = match !== 'substring';
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
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
