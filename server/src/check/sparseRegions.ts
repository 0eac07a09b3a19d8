// The sparse scan's cut of a file into regions (check/sparse.ts): each top-level statement, with its
// decorators and later clauses (`except`, `else` …), and the members of a top-level class, found on
// the logical lines (analysis/logicalLines.ts) without a parser; and the offset lookups the plan
// makes over regions, lines and spans (comments, string literals), all sorted by offset.
import type { LogicalLine } from '../analysis/logicalLines';

/** A top-level statement (or a method of a top-level class) and what the sparse text does with it. */
export interface Region {
  start: number;
  end: number;
  /** For a definition: the offset of its `def`/`class` line and the name it binds. */
  def?: { line: number; indent: number; name: string };
  /** Lines (indices) of the region, for module-level statements: the closure reads their bindings. */
  firstLine: number;
  lastLine: number;
  /** A class's methods and nested classes, when the class body can be cut. */
  members?: Region[];
  kept: boolean;
}

const DEF_HEAD = /(?:async[ \t]+)?def[ \t]+([A-Za-z_][A-Za-z0-9_]*)|class[ \t]+([A-Za-z_][A-Za-z0-9_]*)/y;

/** The name a line starting a definition binds, or undefined (not a definition, or not plainly written). */
function definedName(text: string, at: number): string | undefined {
  DEF_HEAD.lastIndex = at;
  const m = DEF_HEAD.exec(text);
  if (!m) return undefined;
  const next = text.charCodeAt(DEF_HEAD.lastIndex);
  if (next >= 128) return undefined; // the name goes on in characters the pattern does not read
  return m[1] ?? m[2];
}

const LATER_CLAUSE = /(?:elif|else|except|finally)(?![A-Za-z0-9_])/y;

/** Whether the line at `at` goes on a compound statement (`elif`, `else`, `except`, `finally`), not a new one. */
function isLaterClause(text: string, at: number): boolean {
  LATER_CLAUSE.lastIndex = at;
  return LATER_CLAUSE.test(text) && !(text.charCodeAt(LATER_CLAUSE.lastIndex) >= 128);
}

/**
 * Cuts `lines[from..to)` (all at indentation `indent`, deeper lines belonging to the one before)
 * into regions: each definition (with its decorators) up to the next line at that indentation.
 */
export function regionsAt(text: string, lines: readonly LogicalLine[], from: number, to: number, indent: number, end: number): Region[] {
  const regions: Region[] = [];
  let i = from;
  while (i < to) {
    const first = i;
    // Decorators, then the definition they decorate.
    let j = i;
    while (j < to && text.charCodeAt(lines[j].codeStart) === 64 /* @ */ && lines[j].codeStart - lines[j].start === indent) {
      j++;
      while (j < to && lines[j].codeStart - lines[j].start > indent) j++;
    }
    const head = j < to && lines[j].codeStart - lines[j].start === indent ? j : -1;
    const name = head >= 0 ? definedName(text, lines[head].codeStart) : undefined;
    let next = (head >= 0 ? head : first) + 1;
    // A compound statement's later clauses (`except`, `else`, …) at its indentation are part of it.
    while (next < to && (lines[next].codeStart - lines[next].start > indent || isLaterClause(text, lines[next].codeStart))) next++;
    const region: Region = {
      start: lines[first].start,
      end: next < to ? lines[next].start : end,
      firstLine: first,
      lastLine: next - 1,
      kept: true,
    };
    // Only a definition whose head opens a block, with a body indented under it, can be emptied: a
    // `def` line without its colon is a syntax error, and emptying it would hide that error from the
    // sparse tree's check (the whole file's tree would have it, and read the lines around it its own way).
    if (name !== undefined && lines[head].opensBlock && next > head + 1) region.def = { line: head, indent, name };
    regions.push(region);
    i = next;
  }
  return regions;
}

/** The body of a class region cut into members, when its lines allow it. */
export function classMembers(text: string, lines: readonly LogicalLine[], region: Region): Region[] | undefined {
  if (!region.def || !/^class\b/.test(text.slice(lines[region.def.line].codeStart, lines[region.def.line].codeStart + 6))) return undefined;
  const bodyFrom = region.def.line + 1;
  const bodyTo = region.lastLine + 1;
  if (bodyFrom >= bodyTo) return undefined;
  const indent = lines[bodyFrom].codeStart - lines[bodyFrom].start;
  if (indent <= region.def.indent) return undefined;
  for (let k = bodyFrom; k < bodyTo; k++) if (lines[k].codeStart - lines[k].start < indent) return undefined;
  return regionsAt(text, lines, bodyFrom, bodyTo, indent, region.end);
}

/** Whether `at` is inside one of `spans`: [start, end) pairs in one flat list, in text order, not overlapping. */
export function inSpans(spans: readonly number[], at: number): boolean {
  let lo = 0;
  let hi = spans.length / 2 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[2 * mid] <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && at < spans[2 * found + 1];
}

/** Index (in the flat list) of the first of `spans` starting at or after `at`; `spans.length` if none. */
export function firstSpanAtOrAfter(spans: readonly number[], at: number): number {
  let lo = 0;
  let hi = spans.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[2 * mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo;
}

/** Index of the last region starting at or before `at` (regions sorted by start), or -1. */
export function regionAt<T extends { start: number }>(regions: readonly T[], at: number): number {
  let lo = 0;
  let hi = regions.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (regions[mid].start <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
