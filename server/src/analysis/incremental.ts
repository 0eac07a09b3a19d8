// Bookkeeping for incremental analysis, in rows. The findings of each top-level statement are kept
// with the statement's row span; an edit either leaves a span alone (before it), shifts it (after
// it) or makes it dirty (touching it). Row granularity is deliberate: a statement whose rows are all
// outside an edit keeps its columns, so shifting is a line delta and nothing else.
import type { Finding, Range, TextEdit } from './types';

/** Inclusive row interval. */
export interface RowSpan {
  lo: number;
  hi: number;
}

/** One text change in rows: it replaced rows startRow..oldEndRow with startRow..newEndRow. */
export interface RowEdit {
  startRow: number;
  oldEndRow: number;
  newEndRow: number;
}

/** The raw (unsuppressed) findings of one top-level statement. */
export interface StatementFindings {
  span: RowSpan;
  findings: Finding[];
  /**
   * Some position of a finding (a fix that adds an import at the top, say) lies outside the
   * statement: it may depend on other text, so the statement is re-checked after every edit.
   */
  reachesOut: boolean;
}

export function overlaps(a: RowSpan, b: RowSpan): boolean {
  return a.lo <= b.hi && b.lo <= a.hi;
}

/** A dirty span mapped through a later edit: shifted when after it, grown to cover it when touching. */
export function mapDirtySpan(span: RowSpan, edit: RowEdit): RowSpan {
  const delta = edit.newEndRow - edit.oldEndRow;
  if (span.hi < edit.startRow) return span;
  if (span.lo > edit.oldEndRow) return { lo: span.lo + delta, hi: span.hi + delta };
  return { lo: Math.min(span.lo, edit.startRow), hi: Math.max(span.hi + delta, edit.newEndRow) };
}

function shiftRange(r: Range, delta: number): Range {
  return { start: { line: r.start.line + delta, character: r.start.character }, end: { line: r.end.line + delta, character: r.end.character } };
}

function shiftEdit(e: TextEdit, delta: number): TextEdit {
  return { ...e, range: shiftRange(e.range, delta) };
}

export function shiftFinding(f: Finding, delta: number): Finding {
  if (delta === 0) return f;
  return {
    ...f,
    range: shiftRange(f.range, delta),
    nodeLines: [f.nodeLines[0] + delta, f.nodeLines[1] + delta],
    fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => shiftEdit(e, delta)) })),
  };
}

/**
 * Maps stored statement findings through one edit. Entries the edit touches (and entries that reach
 * out of their statement) are dropped and their spans, in post-edit rows, are added to `dirty`.
 */
export function mapEntries(entries: StatementFindings[], edit: RowEdit, dirty: RowSpan[]): StatementFindings[] {
  const delta = edit.newEndRow - edit.oldEndRow;
  const kept: StatementFindings[] = [];
  for (const entry of entries) {
    const { span } = entry;
    if (span.hi < edit.startRow && !entry.reachesOut) {
      kept.push(entry);
    } else if (span.lo > edit.oldEndRow && !entry.reachesOut) {
      kept.push({ span: { lo: span.lo + delta, hi: span.hi + delta }, findings: entry.findings.map((f) => shiftFinding(f, delta)), reachesOut: false });
    } else {
      dirty.push(mapDirtySpan(span, edit));
    }
  }
  return kept;
}

function rangeWithin(r: Range, span: RowSpan): boolean {
  return r.start.line >= span.lo && r.end.line <= span.hi;
}

/** Whether every position a finding carries lies on its statement's rows. */
export function staysWithin(f: Finding, span: RowSpan): boolean {
  if (!rangeWithin(f.range, span)) return false;
  if (f.nodeLines[0] < span.lo || f.nodeLines[1] > span.hi) return false;
  return f.fixes.every((fix) => fix.edits.every((e) => rangeWithin(e.range, span)));
}

/**
 * Indexes of the statements (sorted, non-overlapping spans) to re-check: those touching a dirty span,
 * closed over sharing a row (`a = 1; torch.load(f)` on one line are re-checked together, so a kept
 * statement never shares a row with an edited one and only ever needs a line shift).
 */
export function selectStatements(spans: RowSpan[], dirty: RowSpan[]): boolean[] {
  const selected = spans.map((s) => dirty.some((d) => overlaps(s, d)));
  for (let i = 1; i < spans.length; i++) {
    if (selected[i - 1] && spans[i].lo <= spans[i - 1].hi) selected[i] = true;
  }
  for (let i = spans.length - 2; i >= 0; i--) {
    if (selected[i + 1] && spans[i].hi >= spans[i + 1].lo) selected[i] = true;
  }
  return selected;
}
