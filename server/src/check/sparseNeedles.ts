// The needles of the sparse analysis (sparse.ts): for each rule, the text a definition must hold
// for the rule to be able to report in it. Each rule's entry was checked against its `check`; a rule
// that is neither listed here nor a call, keyword or literal rule turns the sparse analysis off.
import type { Rule } from '../rules/rule';
import { prefilterOf } from '../rules/prefilter';
import type { AnalysisConfig } from '../config/analysisConfig';
import { BAD_PROTOCOL_TEXT } from '../rules/sslVersions';

/**
 * Where a rule's finding can be, as text its reported node must contain: groups of needles, one
 * needle of each group. A needle is `w:word` (a whole word, as the anchored search finds words),
 * `s:text` (a substring), `r:name` (a regular expression of REGEX_NEEDLES) or `secret` (a name
 * run that B105–B107 call a secret). Rules that evaluate literals also accept ESCAPES.
 */
export type Condition = readonly (readonly string[])[];

/**
 * Where an evaluated literal can hold a word its text does not: escapes that spell a letter or join
 * two lines (`\\x41`, `\\N{…}`, `\\101`, `\\` + newline), and literals written side by side.
 */
const ESCAPE_TEXT = subsOf(['\\x', '\\u', '\\U', '\\N', '\\0', '\\1', '\\2', '\\3', '\\4', '\\5', '\\6', '\\7', '\\\n', '\\\r']);
const ESCAPES = ['r:joined', ...ESCAPE_TEXT];
function subsOf(ss: readonly string[]): string[] {
  return ss.map((x) => `s:${x}`);
}

/**
 * Needles found by a regular expression (`r:name`). B608's statement has a keyword followed by
 * blank space once its parts are joined (with a space, or by an f-string's fields, or an escape);
 * B110/B112's clause has a colon followed by nothing but blanks and comments, then the statement.
 */
export const REGEX_NEEDLES: Readonly<Record<string, RegExp>> = {
  sqlFirst: /(?:select|delete|insert|update)(?=[\s'"{\\])/gi,
  sqlSecond: /(?:from|into|set)(?=[\s'"{\\])/gi,
  // Literals written next to each other are one (`"db_pa" "ssword"`): a name split between two.
  joined: /[A-Za-z0-9_]["']{1,3}(?:[ \t\f\r\n]|\\\r?\n|\\\r|#[^\r\n]*(?![^\r\n]))*[rRuUbBfF]{0,2}["']{1,3}[A-Za-z0-9_]/g,
  // Each blank, continuation or whole comment (to the end of its line) is matched one way only:
  // `#` inside a comment cannot start another, so no input backtracks more than linearly.
  colonPass: /:(?:[ \t\f\r\n]|\\\r?\n|\\\r|#[^\r\n]*(?![^\r\n]))*pass\b/g,
  colonContinue: /:(?:[ \t\f\r\n]|\\\r?\n|\\\r|#[^\r\n]*(?![^\r\n]))*continue\b/g,
};
const words = (...ws: string[]): string[] => ws.map((w) => `w:${w}`);
const subs = (ss: readonly string[]): string[] => ss.map((x) => `s:${x}`);
const anyCase = (w: string): string[] => [w, w.toUpperCase(), w[0].toUpperCase() + w.slice(1)];

/**
 * Rules checked one by one (their `check` read): the needles of the node each reports on, or of a
 * module-level binding it resolves (the closure adds those). Walked rules, and keyword rules whose
 * keyword every definition has, must be listed; a rule that is neither listed nor a call, keyword
 * or literal rule turns the sparse analysis off.
 */
const CONDITIONS: Readonly<Record<string, () => Condition[]>> = {
  B101: () => [[words('assert')]],
  B103: () => [[subs(['chmod'])]], // the callee's name as written or resolved contains `chmod`
  B105: () => [[['secret', ...ESCAPES]]], // the target, key or compared name (keys are evaluated)
  B106: () => [[['secret']]], // the keyword's name
  B107: () => [[['secret']]], // the parameter's name
  B110: () => [[words('except'), ['r:colonPass']]],
  B112: () => [[words('except'), ['r:colonContinue']]],
  B201: () => [[words('debug')]], // `debug=` written in the call
  B202: () => [[subs(['extractall'])]],
  B502: () => [[subs(BAD_PROTOCOL_TEXT)]], // the constant, maybe through a module-level name
  B503: () => [[subs(BAD_PROTOCOL_TEXT)]],
  B507: () => [[words('set_missing_host_key_policy')]],
  B601: () => [[words('exec_command')]],
  B604: () => [[[...words('shell'), ...ESCAPES]]], // `shell=`, or a dict holding the key
  B608: () => [
    [
      [...subs(SQL_FIRST), ...ESCAPES],
      ['r:sqlFirst', ...ESCAPES],
      ['r:sqlSecond', ...ESCAPES],
    ],
  ],
  B610: () => [[words('extra')]],
  B613: () => [[subs(BIDI_CONTROLS)]],
};

/** B608's first keywords, as it requires them written. */
const SQL_FIRST = ['select', 'delete', 'insert', 'update'].flatMap(anyCase);
/**
 * Needles that count only in string literals' own text (not in an f-string's fields): B608 reads its
 * statement from literals alone (f-strings' literal parts, the values of plain literals), and an
 * escape spells a letter only inside a literal (in code, a backslash and a line break join lines).
 */
const IN_STRINGS_ONLY: ReadonlySet<string> = new Set(['r:sqlFirst', 'r:sqlSecond', ...subs(SQL_FIRST), ...ESCAPE_TEXT]);
/** B613's characters. */
const BIDI_CONTROLS = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200f'];

/** Rules that read the whole file, and the words that spell what they read. */
export const WHOLE_FILE_WORDS: Readonly<Record<string, readonly string[]>> = {
  B201: ['import'], // fileImports: every import statement of the file
  B202: ['import'],
  B507: ['import'],
  B601: ['import'],
  B602: ['shlex'], // its fix asks whether `shlex` is written anywhere
};

export const PYTHON_KEYWORDS = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

/**
 * Rules whose needles count in comments and in bare string statements too (elsewhere a needle
 * counts only in code: no finding is made of a comment or a docstring). B613 reports the control
 * characters wherever they are.
 */
const ANYWHERE_RULES = new Set(['B613']);
/** Literal rules that skip a string that is a statement of its own (stringContext.isBareStringStatement). */
const SKIPS_BARE_STRINGS = new Set(['B104', 'B108']);

export interface DerivedConditions {
  conditions: Condition[];
  /** The words only call rules follow (their roots). */
  callRoots: Set<string>;
  /** Needles that count in comments and bare string statements too. */
  anywhere: ReadonlySet<string>;
  /** Needles that count only in the text of string literals (not in an f-string's fields). */
  inStringsOnly: ReadonlySet<string>;
  /**
   * Call rules' conditions of two groups, a root and a last name (`torch` … `load`): met on one
   * logical line that holds both, a root counting also as a name the definition binds to it (sparse.ts).
   */
  calls: readonly Condition[];
}

/**
 * The conditions of the rules that will run, the words only call rules follow, and the needles
 * that count outside code; undefined when a rule's findings cannot be placed by text.
 */
export function conditionsOf(rules: readonly Rule[], config: AnalysisConfig): DerivedConditions | undefined {
  let byRules = conditionCache.get(config);
  if (!byRules) conditionCache.set(config, (byRules = new Map()));
  const key = rules.map((r) => r.code).join(' ');
  if (!byRules.has(key)) {
    if (byRules.size >= 256) byRules.clear();
    byRules.set(key, deriveConditions(rules, config));
  }
  const derived = byRules.get(key);
  return derived && { ...derived, conditions: [...derived.conditions] };
}

const conditionCache = new WeakMap<AnalysisConfig, Map<string, DerivedConditions | undefined>>();

function deriveConditions(rules: readonly Rule[], config: AnalysisConfig): DerivedConditions | undefined {
  const out: Condition[] = [];
  const anywhere = new Set<string>();
  const roots = new Set<string>();
  const calls: Condition[] = [];
  for (const rule of rules) {
    const p = prefilterOf(rule);
    if (rule.readsWholeFile) {
      const read = WHOLE_FILE_WORDS[rule.code];
      if (!read) return undefined;
      for (const w of read) out.push([words(w)]);
      // What such a rule reads may be written anywhere (`shlex` in a comment counts for B602's fix).
      for (const w of read) anywhere.add(`w:${w}`);
    }
    if (p.nodeTypes.length === 0) continue; // reports nothing node by node (ML900, the nosec hygiene)
    const listed = CONDITIONS[rule.code];
    if (listed) {
      const conditions = listed();
      out.push(...conditions);
      if (ANYWHERE_RULES.has(rule.code)) for (const c of conditions) for (const g of c) for (const n of g) anywhere.add(n);
    } else if (p.calleeRoots) {
      // A callee written in the definition spells its root and its last name (`os` … `system`);
      // one reached through a module-level name is that name's (the closure adds it).
      for (const w of p.calleeRoots) roots.add(w);
      if (p.calleeLast) calls.push([words(...p.calleeRoots), words(...p.calleeLast)]);
      else out.push([words(...p.calleeRoots)]);
      for (const w of p.anchorWords ?? []) out.push([words(w)]);
    } else if (p.anchorWords && !p.anchorWords.some((w) => w === 'def' || w === 'class')) {
      for (const w of p.anchorWords) out.push([words(w)]);
    } else if (p.literalAnchors) {
      const needles = subs(p.literalAnchors(config));
      out.push([needles]);
      if (!SKIPS_BARE_STRINGS.has(rule.code)) for (const n of needles) anywhere.add(n);
    } else {
      return undefined;
    }
  }
  // A root that some other condition names too is not a call rule's alone.
  const callRoots = new Set([...roots].filter((w) => !out.some((c) => c.some((g) => g.includes(`w:${w}`)))));
  return { conditions: out, callRoots, anywhere, inStringsOnly: IN_STRINGS_ONLY, calls };
}
