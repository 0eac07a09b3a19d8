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
   * The last row of a position that lies outside the statement (a fix that adds `import shlex`
   * below the imports, say), or -1. Such a position depends on the text above it, so an edit at or
   * above that row re-checks the statement; edits further down leave it where it is.
   */
  anchorRow: number;
}

/** What one top-level statement binds at module level (moduleBindingSignature). */
export interface StatementBindings {
  span: RowSpan;
  sig: string;
  /** Bound in a class body (not at module level). */
  classLevel?: boolean;
}

/** Items tied to statement rows, through one edit: dropped when touched, shifted when below it. */
export function mapSpans<T extends { span: RowSpan }>(items: T[], edit: RowEdit): T[] {
  const delta = edit.newEndRow - edit.oldEndRow;
  const out: T[] = [];
  for (const item of items) {
    if (item.span.hi < edit.startRow) out.push(item);
    else if (item.span.lo > edit.oldEndRow) out.push({ ...item, span: { lo: item.span.lo + delta, hi: item.span.hi + delta } });
  }
  return out;
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

/** A position's line after an edit that does not touch it: shifted only when it lies below the edit. */
function shiftLine(line: number, edit: RowEdit): number {
  return line > edit.oldEndRow ? line + edit.newEndRow - edit.oldEndRow : line;
}

function shiftRange(r: Range, edit: RowEdit): Range {
  return {
    start: { line: shiftLine(r.start.line, edit), character: r.start.character },
    end: { line: shiftLine(r.end.line, edit), character: r.end.character },
  };
}

function shiftEdit(e: TextEdit, edit: RowEdit): TextEdit {
  return { ...e, range: shiftRange(e.range, edit) };
}

/** A finding whose positions are all above or below `edit` (never on its rows), moved with the text. */
export function shiftFinding(f: Finding, edit: RowEdit): Finding {
  if (edit.newEndRow === edit.oldEndRow) return f;
  return {
    ...f,
    range: shiftRange(f.range, edit),
    nodeLines: [shiftLine(f.nodeLines[0], edit), shiftLine(f.nodeLines[1], edit)],
    fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => shiftEdit(e, edit)) })),
  };
}

/**
 * Maps stored statement findings through one edit. Entries the edit touches (their statement's rows,
 * or the rows at and above an outside anchor) are dropped and their spans, in post-edit rows, are
 * added to `dirty`; entries below the edit are shifted.
 */
export function mapEntries(entries: StatementFindings[], edit: RowEdit, dirty: RowSpan[]): StatementFindings[] {
  const delta = edit.newEndRow - edit.oldEndRow;
  const kept: StatementFindings[] = [];
  for (const entry of entries) {
    const { span } = entry;
    const touchesSpan = span.lo <= edit.oldEndRow && edit.startRow <= span.hi;
    const touchesAnchor = entry.anchorRow >= 0 && edit.startRow <= entry.anchorRow;
    if (touchesSpan || touchesAnchor) {
      dirty.push(mapDirtySpan(span, edit));
    } else if (span.lo > edit.oldEndRow) {
      kept.push({ span: { lo: span.lo + delta, hi: span.hi + delta }, findings: entry.findings.map((f) => shiftFinding(f, edit)), anchorRow: entry.anchorRow });
    } else {
      kept.push(entry);
    }
  }
  return kept;
}

/** The last row, outside the statement's rows, of any position a finding carries; -1 if none. */
export function anchorRowOf(f: Finding, span: RowSpan): number {
  let anchor = -1;
  const consider = (line: number) => {
    if ((line < span.lo || line > span.hi) && line > anchor) anchor = line;
  };
  const range = (r: Range) => {
    consider(r.start.line);
    consider(r.end.line);
  };
  range(f.range);
  consider(f.nodeLines[0]);
  consider(f.nodeLines[1]);
  for (const fix of f.fixes) for (const e of fix.edits) range(e.range);
  return anchor;
}

/**
 * Indexes of the statements (sorted, non-overlapping spans) to re-check: those touching a dirty span,
 * closed over sharing a row (`a = 1; torch.load(f)` on one line are re-checked together, so a kept
 * statement never shares a row with an edited one and only ever needs a line shift).
 */
export function selectStatements(spans: RowSpan[], dirty: RowSpan[]): boolean[] {
  return closeOverSharedRows(
    spans,
    spans.map((s) => dirty.some((d) => overlaps(s, d))),
  );
}

/** Selects, in place, every statement that shares a row with a selected one (transitively). */
export function closeOverSharedRows(spans: RowSpan[], selected: boolean[]): boolean[] {
  for (let i = 1; i < spans.length; i++) {
    if (selected[i - 1] && spans[i].lo <= spans[i - 1].hi) selected[i] = true;
  }
  for (let i = spans.length - 2; i >= 0; i--) {
    if (selected[i + 1] && spans[i].hi >= spans[i + 1].lo) selected[i] = true;
  }
  return selected;
}
