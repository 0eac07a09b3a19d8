// What an edit changed, for reanalyze.ts: the module-level names bound differently (each re-checks
// the units that mention it), the unit an offset falls in, the containers (classes) whose body binds
// something else, and findings regrouped by the statement that holds them.
import type { Finding } from '../analysis/types';
import type { Scope } from '../analysis/scope';
import { Container, Unit, withinContainer } from '../analysis/units';
import { RowSpan, StatementBindings, StatementFindings, anchorRowOf } from '../analysis/incremental';
import { NOT_ANALYSED_CODE } from '../rules/ML900-file-not-analysed';
import { spanIndexAt } from '../analysis/spans';
/** Past this many names whose binding changed, an edit re-checks the whole file. */
export const MAX_CHANGED_NAMES = 64;
/** The key under which the module scope's `global` declarations are compared. */
const GLOBALS_KEY = '\u0000globals';

/** What rules can see of the module scope, per name: how it is bound, and its static value. */
export function scopeNames(scope: Scope): Map<string, string> {
  const names = new Map<string, string>();
  for (const [name, list] of scope.bindings) {
    names.set(name, JSON.stringify([list.map((b) => (b.qualified ? `${b.kind}:${b.qualified}` : b.kind)), scope.lookup(name)]));
  }
  names.set(GLOBALS_KEY, JSON.stringify([...scope.globals]));
  return names;
}

/** The names bound differently in `b` than in `a` (or bound in one only); null when `global`s differ. */
export function changedNames(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): Set<string> | null {
  if (a.get(GLOBALS_KEY) !== b.get(GLOBALS_KEY)) return null;
  const changed = new Set<string>();
  for (const [name, sig] of b) if (a.get(name) !== sig) changed.add(name);
  for (const name of a.keys()) if (!b.has(name)) changed.add(name);
  return changed;
}

/** The unit whose text holds `offset`, or -1 (units are sorted and disjoint). */
export function unitAt(units: readonly Unit[], offset: number): number {
  return spanIndexAt(units, offset);
}

export function groupByStatement(raw: Finding[], statements: readonly Unit[], spans: RowSpan[]): StatementFindings[] {
  const groups = new Map<number, Finding[]>();
  for (const f of raw) {
    // The last statement starting at or before the finding (a rule failure, reported on line 1:
    // the statement the rule failed on, which its nodeLines hold).
    const at = f.code === NOT_ANALYSED_CODE ? { line: f.nodeLines[0], character: Number.MAX_SAFE_INTEGER } : f.range.start;
    let lo = 0;
    let hi = statements.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const p = statements[mid].roots[0]?.startPosition ?? { row: statements[mid].span.lo, column: 0 };
      if (p.row < at.line || (p.row === at.line && p.column <= at.character)) lo = mid;
      else hi = mid - 1;
    }
    const list = groups.get(lo);
    if (list) list.push(f);
    else groups.set(lo, [f]);
  }
  return [...groups.entries()].map(([i, findings]) => ({
    span: spans[i],
    findings,
    anchorRow: Math.max(-1, ...findings.map((f) => anchorRowOf(f, spans[i]))),
  }));
}

/**
 * The classes whose body binds something else after the edits: per class, the class-level
 * bindings of the units the edits touched (before) against those of the units re-checked (after).
 * A binding is placed in the innermost class whose rows hold it.
 */
export function changedContainers(
  units: readonly Unit[],
  containers: readonly Container[],
  selected: readonly boolean[],
  freshSig: ReadonlyMap<number, string>,
  dropped: readonly StatementBindings[],
): Set<number> {
  const before = new Map<number, string[]>();
  for (const b of [...dropped].sort((x, y) => x.span.lo - y.span.lo)) {
    if (!b.classLevel) continue;
    let inner = -1;
    containers.forEach((c, i) => {
      if (c.span.lo <= b.span.lo && b.span.hi <= c.span.hi && (inner === -1 || withinContainer(containers, i, inner))) inner = i;
    });
    if (inner === -1) continue;
    const list = before.get(inner);
    if (list) list.push(b.sig);
    else before.set(inner, [b.sig]);
  }
  const after = new Map<number, string[]>();
  units.forEach((unit, i) => {
    const sig = freshSig.get(i);
    if (!selected[i] || unit.container === -1 || !sig) return;
    const list = after.get(unit.container);
    if (list) list.push(sig);
    else after.set(unit.container, [sig]);
  });
  const changed = new Set<number>();
  for (const c of new Set([...before.keys(), ...after.keys()])) {
    if ((before.get(c) ?? []).join('\n') !== (after.get(c) ?? []).join('\n')) changed.add(c);
  }
  return changed;
}

export function mergeEntries(a: StatementFindings[], b: StatementFindings[]): StatementFindings[] {
  return [...a, ...b].sort((x, y) => x.span.lo - y.span.lo);
}
