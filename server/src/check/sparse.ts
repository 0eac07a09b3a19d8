// The scan's sparse analysis: parse and analyse a copy of a file in which the top-level functions
// and classes (and the methods of top-level classes) that cannot hold a finding are emptied: their
// lines stay, with nothing on them but their line breaks. Parsing is most of a scan's cost and most
// of a file's functions mention nothing any rule looks for, so the parser sees a fraction of the
// text, while every kept line is the original's, on the original's row: rows and UTF-16 columns —
// all a finding, a fix or a suppression speaks in — are unchanged and need no mapping. (Offsets in
// the copy differ, and nothing outside the analysis sees them. The same length with spaces would
// keep offsets too, but tree-sitter lexes a space nearly as dearly as code: an all-blank copy parses
// in a fifth of the original's time, an emptied one in a hundredth.) Suppression comments are read
// from the original text.
//
// What a definition can hold a finding only if its text says so (the needles, sparseNeedles.ts):
//   - call rules: a callee written in it spells the rule's root and last name (`torch` … `load`);
//     one reached through a module-level name spells that name. Module-level statements are kept
//     whole, always, and a closure over them makes every name a statement holding a needle binds a
//     needle of its own (`from torch import load as L` makes `L` one). Names bound inside a kept
//     function reach only that function; after the analysis, any word the anchored search followed
//     (WordSites) that is not a needle must not occur in the emptied text, or the file is analysed
//     whole;
//   - keyword and literal rules: the keyword or the literal is inside the node reported;
//   - the walked rules listed in sparseNeedles.CONDITIONS, each checked against its `check`: the
//     text its reported node holds, or a module-level name the closure follows (`MODE = 0o777`);
//   - rules that read the whole file add what they read (imports, `shlex`). Any other rule: no
//     sparse analysis.
// A needle counts only where a finding can be made of it: not in a comment nor in a bare string
// statement (a docstring) unless its rule reads those (B613, what whole-file rules read); B608's
// keywords and the escapes only inside string literals; a secret name (B105–B107) only on a logical
// line that holds a literal. (`global x` in a function needs nothing: the scope rules read `x` there
// in the module's scope, whose statements are all kept, and bind nothing at module level from it.)
// An emptied definition still binds its name: `name=...` is written on its def line (the scope
// rules give a function, a class and `...` the same unknown value). Anything the line reader
// (logicalLines.ts) cannot follow, indentation Python refuses, a NUL, a too deeply indented file, a
// sparse tree with a syntax error or with statements where the line reader saw none: the file is
// analysed whole.
import type { Rule } from '../rules/rule';
import { prefilterOf } from '../rules/prefilter';
import type { AnalysisConfig } from '../config/analysisConfig';
import { forEachOccurrence } from '../analysis/textSearch';
import { logicalLines } from '../analysis/logicalLines';
import { indentationLevels, parserLimits } from '../analysis/parser';
import { isSecretName } from '../rules/hardcodedPassword';
import { Condition, conditionsOf, REGEX_NEEDLES } from './sparseNeedles';
import { Region, classMembers, firstSpanAtOrAfter, inSpans, regionAt, regionsAt } from './sparseRegions';
import { boundNames, importedValues } from './sparseBindings';

export interface SparsePlan {
  /** The text to parse: the original's lines, those of blanked definitions emptied. */
  text: string;
  /** The original ranges made blank, in order. */
  blanked: [number, number][];
  /** The needle words (a word the analysis follows outside this set must not occur in `blanked`). */
  words: ReadonlySet<string>;
  /**
   * Rows where the line reader saw statements start: at the top level, and in the body of each class
   * cut into members (by the class's row). The sparse tree must agree (check/sparseSource.ts checks it):
   * where tree-sitter reads a statement differently from Python (`from os import` followed by an
   * indented line), the plan's reading of the text cannot be trusted.
   */
  statementRows: { top: number[]; classBodies: Map<number, number[]> };
}

/** Rounds of the closure over names (each a search of the text, or of a definition) before giving up. */
const MAX_CLOSURE_ROUNDS = 16;

const AFTER_NAME = /(?:[ \t\f\r\n]|\\\r?\n|\\\r|#[^\r\n]*)*(?:[=!<>:]|(?:in|is|not)(?![A-Za-z0-9_]))/y;

/**
 * Whether a secret name written in code at `end` is used as B105–B107 report it: assigned or given
 * (`=`, a keyword argument, a default, after an annotation's `:`) or compared (`==`, `!=`, `<`,
 * `in`, `is`, `not in`). A key in a literal is inside a string and needs no such test.
 */
function beforeSecretUse(text: string, end: number): boolean {
  AFTER_NAME.lastIndex = end;
  return AFTER_NAME.test(text);
}

/** The words one of which every name isSecretName accepts holds. */
const SECRET_HINTS = /pas|pwd|token|secret/gi;

function isNameCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** The sparse text for `text` and the rules that will run, or undefined when it must be analysed whole. */
export function sparsePlan(text: string, rules: readonly Rule[], config: AnalysisConfig): SparsePlan | undefined {
  if (text.includes('\u0000')) return undefined;
  const derived = conditionsOf(rules, config);
  if (!derived) return undefined;
  const conditions = derived.conditions;
  const limit = parserLimits.maxIndentLevels;
  if (Number.isFinite(limit) && indentationLevels(text, limit) > limit) return undefined; // refused whole, as before
  const comments: number[] = [];
  const strings: number[] = [];
  const lines = logicalLines(text, comments, strings);
  if (!lines || lines.length === 0 || lines[0].codeStart !== lines[0].start) return undefined;
  const regions = regionsAt(text, lines, 0, lines.length, 0, text.length);
  const lineRegion = new Int32Array(lines.length);
  regions.forEach((r, ri) => lineRegion.fill(ri, r.firstLine, r.lastLine + 1));
  /** Whether `at` is in a comment or a bare string statement (a docstring): no finding is made of those. */
  const notCode = (at: number): boolean => {
    const li = regionAt(lines, at);
    return (li >= 0 && at < lines[li].end && lines[li].bareString) || inSpans(comments, at);
  };
  /**
   * Whether the logical line holding `at` holds a string literal too: B105–B107 report a secret name
   * only with a string literal in the same statement (`password = "…"`, `f(token="…")`, a `def`'s
   * default, a dictionary entry, a comparison), and a statement is one logical line.
   */
  const lineHasString = (at: number): boolean => {
    const li = regionAt(lines, at);
    if (li < 0 || at >= lines[li].end) return true; // not on a line the reader saw: keep it
    const si = firstSpanAtOrAfter(strings, lines[li].start);
    return si < strings.length && strings[si] < lines[li].end;
  };

  // Every needle's occurrences; module-level lines that hold one make the names they bind needles.
  const hitAt: number[] = [];
  const hitNeedle: string[] = [];
  const needleWords = new Set<string>();
  /**
   * Names found bound on module-level lines: whether only call words led there, and whether only as
   * an import of a module a callee goes on from (`import torch`, `import numpy as np`: a root).
   */
  let fresh = new Map<string, { forCalls: boolean; root: boolean }>();
  const callStarters = rules.map((r) => prefilterOf(r).calleeCouldStartWith).filter((f): f is (v: string) => boolean => !!f);
  const couldStart = (value: string) => callStarters.some((f) => f(value));
  // A callee through an imported name: the name alone when it may be the whole callee (its last
  // segment is a rule's last name, or a rule has no last names), else written with a last name.
  const lastNames = new Set(derived.calls.flatMap((c) => c[1]).map((n) => n.slice(2)));
  const openStarters = rules
    .map((r) => prefilterOf(r))
    .filter((p) => p.calleeCouldStartWith && !p.calleeLast)
    .map((p) => p.calleeCouldStartWith as (v: string) => boolean);
  const isRootValue = (value: string) => !lastNames.has(value.slice(value.lastIndexOf('.') + 1)) && !openStarters.some((f) => f(value));
  const bound = (name: string, forCalls: boolean, root: boolean) => {
    const before = fresh.get(name);
    fresh.set(name, { forCalls: (before?.forCalls ?? true) && forCalls, root: (before?.root ?? true) && root });
  };
  const hit = (at: number, needle: string) => {
    if (!derived.anywhere.has(needle) && (notCode(at) || (derived.inStringsOnly.has(needle) && !inSpans(strings, at)))) return;
    if (needle === 'secret' && !lineHasString(at)) return;
    hitAt.push(at);
    hitNeedle.push(needle);
    const ri = regionAt(regions, at);
    if (ri < 0 || at >= regions[ri].end || regions[ri].def) return;
    const li = regionAt(lines, at);
    if (li < 0 || at >= lines[li].end || lineRegion[li] !== ri) return;
    const forCalls = callWords.has(needle);
    // An import read exactly binds exactly its names; for a call word, only those a callee could go on from.
    const imported = importedValues(text, lines[li]);
    if (imported) {
      for (const b of imported)
        if (!forCalls) bound(b.name, false, false);
        else if (b.value !== null && couldStart(b.value)) bound(b.name, true, isRootValue(b.value));
    } else for (const w of boundNames(text, lines[li], forCalls, couldStart)) bound(w, forCalls, false);
  };
  const condWords = new Set<string>();
  const condSubs = new Set<string>();
  let secret = false;
  const condRegexes = new Set<string>();
  for (const c of [...conditions, ...derived.calls])
    for (const g of c)
      for (const n of g) {
        if (n.startsWith('w:')) condWords.add(n.slice(2));
        else if (n.startsWith('s:')) condSubs.add(n.slice(2));
        else if (n.startsWith('r:')) condRegexes.add(n.slice(2));
        else secret = true;
      }
  // Words that only call rules follow (their roots, and the names the closure adds for them).
  const callWords = new Set([...derived.callRoots].map((w) => `w:${w}`));
  for (const name of condRegexes) {
    const re = REGEX_NEEDLES[name];
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) hit(m.index, `r:${name}`);
  }
  if (condSubs.size > 0) forEachOccurrence(text, [...condSubs], 'substring', (x, at) => hit(at, `s:${x}`));
  if (secret) {
    // From each secret word to the run of name characters around it; each run tested once.
    let lastRun = -1;
    SECRET_HINTS.lastIndex = 0;
    for (let m = SECRET_HINTS.exec(text); m !== null; m = SECRET_HINTS.exec(text)) {
      let start = m.index;
      while (start > 0 && isNameCode(text.charCodeAt(start - 1))) start--;
      if (start === lastRun) continue;
      lastRun = start;
      let end = m.index + m[0].length;
      while (end < text.length && isNameCode(text.charCodeAt(end))) end++;
      const name = text.slice(start, end);
      // The statement `pass` names nothing; only a literal "pass" (a key) can be that secret.
      if (name === 'pass' && start > 0 && text[start - 1] !== '"' && text[start - 1] !== "'") continue;
      if (isSecretName(name) && (inSpans(strings, start) || beforeSecretUse(text, end))) hit(start, 'secret');
    }
  }
  // The closure: each name bound on a module-level line that holds a needle gets a condition of its
  // own (even a word searched already, as a call rule's last name is), and is searched in its turn;
  // an imported module a callee goes on from is a root of the call conditions instead.
  const single = new Set<string>();
  const nonCall = new Set<string>();
  const notRoot = new Set<string>();
  const rootAliases = new Set<string>();
  const takeFresh = (): string[] => {
    const next: string[] = [];
    for (const [w, { forCalls, root }] of fresh) {
      const key = `w:${w}`;
      if (!root || !forCalls) notRoot.add(w);
      if (!notRoot.has(w)) rootAliases.add(key);
      else if (!single.has(w)) {
        single.add(w);
        conditions.push([[key]]);
      }
      if (!forCalls) nonCall.add(w);
      if (forCalls && !nonCall.has(w)) callWords.add(key);
      else callWords.delete(key);
      if (!needleWords.has(w)) next.push(w);
    }
    fresh = new Map();
    return next;
  };
  let search = [...new Set([...condWords, ...takeFresh()])];
  // Each round is a pass over the text: a chain of aliases (`a1 = torch`, `a2 = a1`, …) would make
  // the plan quadratic in the file, so past a few rounds the file is analysed whole (under its budgets).
  for (let round = 0; search.length > 0; round++) {
    if (round >= MAX_CLOSURE_ROUNDS) return undefined;
    for (const w of search) needleWords.add(w);
    forEachOccurrence(text, search, 'word-or-digit-run', (w, at) => hit(at, `w:${w}`));
    search = takeFresh().filter((w) => !needleWords.has(w));
  }

  // Which definitions (and members of classes) hold what: kept when one condition is met in one.
  const found = new Map<Region, Set<string>>();
  const note = (r: Region, needle: string) => {
    let set = found.get(r);
    if (!set) found.set(r, (set = new Set()));
    set.add(needle);
  };
  // A condition of one needle (the closure's names, most rules' words) is met by that needle alone:
  // those are looked up in a set, the few others tested in turn (a region is tested against each).
  const alone = new Set<string>();
  const compound: Condition[] = [];
  for (const c of conditions) {
    if (c.length === 1 && c[0].length === 1) alone.add(c[0][0]);
    else compound.push(c);
  }
  const met = (r: Region) => {
    const set = found.get(r);
    if (!set) return false;
    for (const n of set) if (alone.has(n)) return true;
    return compound.some((c) => c.every((g) => g.some((n) => set.has(n))));
  };
  const callRootNeedles = new Set([...derived.calls.flatMap((c) => c[0]), ...rootAliases]);
  /**
   * Whether a call condition is met on one logical line of `r` (its hits are order[from..to)): a
   * callee is written in one expression, so its root and last name are on one logical line — or
   * the root is a name the definition binds on a line that holds a root (`t = torch`, then
   * `t.load(f)`; followed to its end, as the scope rules follow plain assignments and imports).
   */
  const callMet = (r: Region, from: number, to: number): boolean => {
    if (derived.calls.length === 0) return false;
    const perLine = new Map<number, Set<string>>();
    for (let i = from; i < to; i++) {
      const at = hitAt[order[i]];
      if (at < r.start || at >= r.end) continue;
      const li = regionAt(lines, at);
      if (li < 0 || at >= lines[li].end) return true; // not on a line the reader saw: keep it
      let set = perLine.get(li);
      if (!set) perLine.set(li, (set = new Set()));
      set.add(hitNeedle[order[i]]);
    }
    const rootLines = new Set<number>();
    for (const [li, set] of perLine) for (const n of set) if (callRootNeedles.has(n)) rootLines.add(li);
    if (rootLines.size === 0) return false;
    const aliases = new Set<string>();
    let frontier = [...rootLines];
    for (let round = 0; frontier.length > 0; round++) {
      if (round >= MAX_CLOSURE_ROUNDS) return true; // a chain of local aliases: keep the definition
      const names: string[] = [];
      for (const li of frontier)
        for (const name of boundNames(text, lines[li], false, couldStart))
          if (!aliases.has(name)) {
            aliases.add(name);
            names.push(name);
          }
      frontier = [];
      if (names.length === 0) break;
      forEachOccurrence(
        text,
        names,
        'word-or-digit-run',
        (_, at) => {
          if (notCode(at)) return;
          const li = regionAt(lines, at);
          if (li >= 0 && at < lines[li].end && !rootLines.has(li)) {
            rootLines.add(li);
            frontier.push(li);
          }
        },
        [{ start: r.start, end: r.end }],
      );
    }
    for (const [li, set] of perLine) for (const [roots, lasts] of derived.calls) if (lasts.some((n) => set.has(n)) && (rootLines.has(li) || roots.some((n) => set.has(n)))) return true;
    return false;
  };
  // One sweep over the hits in text order: regions and members are in text order too.
  const order = Array.from(hitAt.keys()).sort((a, b) => hitAt[a] - hitAt[b]);
  let h = 0;
  for (const r of regions) {
    const first = h;
    while (h < order.length && hitAt[order[h]] < r.end) {
      if (hitAt[order[h]] >= r.start && r.def) note(r, hitNeedle[order[h]]);
      h++;
    }
    r.kept = !r.def || met(r) || callMet(r, first, h);
    if (!r.def || !r.kept) continue;
    r.members = classMembers(text, lines, r);
    if (!r.members) continue;
    let k = first;
    for (const m of r.members) {
      while (k < h && hitAt[order[k]] < m.start) k++;
      const memberFrom = k;
      for (; k < h && hitAt[order[k]] < m.end; k++) note(m, hitNeedle[order[k]]);
      m.kept = !m.def || met(m) || callMet(m, memberFrom, k);
    }
  }
  const words = needleWords;

  // The text: blank what is not kept, and bind each blanked definition's name where it was.
  const blanked: [number, number][] = [];
  const parts: string[] = [];
  let from = 0;
  const blank = (r: Region) => {
    const def = r.def as NonNullable<Region['def']>;
    const defStart = lines[def.line].start;
    parts.push(text.slice(from, r.start), lineBreaks(text.slice(r.start, defStart)));
    // On the `def` line, at its indentation: the line break that follows is the def line's own.
    parts.push(`${' '.repeat(def.indent)}${def.name}=...`, lineBreaks(text.slice(defStart, r.end)));
    blanked.push([r.start, r.end]);
    from = r.end;
  };
  for (const r of regions) {
    if (!r.kept) blank(r);
    else for (const m of r.members ?? []) if (!m.kept) blank(m);
  }
  if (blanked.length === 0) return undefined;
  parts.push(text.slice(from));
  // Rows of the statements the sparse text holds: kept lines where they were, a stub on its def line.
  const rowOf = rowCounter(text);
  const top: number[] = [];
  const classBodies = new Map<number, number[]>();
  for (const r of regions) {
    if (!r.kept) {
      top.push(rowOf(lines[(r.def as NonNullable<Region['def']>).line].start));
      continue;
    }
    top.push(rowOf(r.start));
    if (!r.members) continue;
    const rows: number[] = [];
    for (const m of r.members) rows.push(rowOf(m.kept ? m.start : lines[(m.def as NonNullable<Region['def']>).line].start));
    classBodies.set(rowOf(lines[(r.def as NonNullable<Region['def']>).line].start), rows);
  }
  return { text: parts.join(''), blanked, words, statementRows: { top, classBodies } };
}

/** Row of an offset, for offsets asked in increasing order (one pass over the text in all). */
function rowCounter(text: string): (at: number) => number {
  let row = 0;
  let pos = 0;
  return (at) => {
    for (; pos < at; pos++) {
      const c = text.charCodeAt(pos);
      if (c === 10 || (c === 13 && text.charCodeAt(pos + 1) !== 10)) row++;
    }
    return row;
  };
}

/** The line breaks of `text`, in order (\n, \r\n and lone \r alike kept as they are). */
function lineBreaks(text: string): string {
  return text.replace(NOT_BREAKS, '');
}

const NOT_BREAKS = /[^\r\n]+/g;

/** Whether one of `words` occurs (as the anchored search finds words) in a blanked range of `text`. */
export function occursInBlanked(text: string, plan: SparsePlan, words: readonly string[]): boolean {
  const starts = plan.blanked.map(([start]) => ({ start }));
  let found = false;
  forEachOccurrence(text, words, 'word-or-digit-run', (_, at) => {
    const i = regionAt(starts, at);
    if (i >= 0 && at < plan.blanked[i][1]) found = true;
  });
  return found;
}
