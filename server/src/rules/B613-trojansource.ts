import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';

/** Unicode bidirectional controls that reorder how a line is displayed (Bandit's list). */
const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200f'];
const BIDI_RE = new RegExp(`[${BIDI.join('')}]`, 'g');
/** Bandit names each control by Python's repr of it. */
const escape = (ch: string): string => `'\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}'`;

/** Offsets (UTF-16) where each line starts, for the last text seen: a file is scanned node by node. */
let cache: { text: string; starts: number[] } | undefined;
function lineStarts(text: string): number[] {
  if (cache?.text === text) return cache.starts;
  const starts = [0];
  // Line breaks as the editor counts them: \n, \r\n, \r.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  cache = { text, starts };
  return starts;
}

/** Where a character offset (UTF-16) lies: 0-based line and column. */
function positionAt(starts: number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

export default defineRule({
  code: 'B613',
  name: 'trojansource',
  summary: 'bidirectional control characters in the source (Trojan Source)',
  severity: 'error',
  confidence: 'medium',
  cwe: 838,
  fix: 'none',
  fixSafety: 'none',
  // A text-level check. Outside strings and comments these characters are a syntax error, so the
  // text of string literals and comments is all there is to scan, and only in files holding one.
  match: { nodes: ['string_content', 'comment'], text: BIDI },
  docs: {
    whatItDoes:
      'Flags every Unicode bidirectional control character in the file (U+202A–U+202E, U+2066–U+2069, U+200F), in a string literal or a comment, each at its exact position (anywhere else Python rejects them as a syntax error, and the file is reported as not analysed).',
    whyBad:
      'These characters change the order in which an editor or a code review page displays the text, while Python reads it in the order it is stored. Code can then look like a comment, or a string can seem to end where it does not, so that a reviewer approves logic that differs from what runs (the "Trojan Source" attack, CVE-2021-42574).',
    example: 'access_level = "user"\nif access_level != "none\u202e \u2066# Check if admin\u2069 \u2066":\n    grant_admin()',
    useInstead: 'access_level = "user"\nif access_level != "none":  # Check if admin\n    grant_admin()',
    fixSafety: 'No fix: removing the characters changes what strings hold; decide what the text should be.',
    options: 'None.',
    differencesFromBandit: 'Bandit reports only the first bidirectional control of a file; mlsec reports each one, at its position.',
    references: ['https://trojansource.codes/', 'https://bandit.readthedocs.io/en/latest/plugins/b613_trojansource.html', cweUrl(838)],
  },
  check(node: Node, ctx: RuleContext) {
    const starts = lineStarts(ctx.text);
    for (const m of node.text.matchAll(BIDI_RE)) {
      const offset = node.startIndex + m.index;
      const start = positionAt(starts, offset);
      ctx.report({
        message: `Bidirectional control character ${escape(m[0])}: the code may display differently from how Python reads it (Trojan Source)`,
        range: { start, end: { line: start.line, character: start.character + 1 } },
        // The literal or comment holding it: a `# nosec` on its lines applies.
        scopeNode: node.type === 'string_content' ? (node.parent ?? node) : node,
      });
    }
  },
});
