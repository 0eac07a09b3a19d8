// Re-analysis of an open document after edits (documentStore.ts keeps the state): reparse with the
// old tree, choose the units to re-check (units.ts: edited rows, the tree's changed ranges, units
// that mention a module-level name whose value changed, a class whose body binds something else),
// run the one analysis path over them, and merge their findings with the kept ones.
import { Node, Tree } from 'web-tree-sitter';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../analysis/types';
import { parsePython, ParseTimeoutError, ParseRefusedError, ParserCrashError } from '../analysis/parser';
import { Scope } from '../analysis/scope';
import { moduleBindingSignature } from '../analysis/bindingSignature';
import { analyzeTree, frozenModuleScope, AnalysisTimeoutError, TextPresence, textPresence, mergePresence, rulesPresent } from '../analysis/engine';
import { finalizeFindings } from './source';
import { mergeSpans, spanIndexAt } from '../analysis/spans';
import type { AnalysisConfig } from '../config/analysisConfig';
import type { Rule } from '../rules/rule';
import { NOT_ANALYSED_CODE, ruleFailedFinding, ruleFailedNow } from '../rules/ML900-file-not-analysed';
import { isCodeEnabled } from '../config/analysisConfig';
import { compareFindings } from '../analysis/types';
import { analysisUnits, Container, Unit, withinContainer } from '../analysis/units';
import { forEachOccurrence } from '../analysis/textSearch';
import { closeOverSharedRows, RowSpan, StatementBindings, StatementFindings, anchorRowOf, overlaps, selectStatements } from '../analysis/incremental';
import { configuredRules } from './source';

export interface AnalysisStats {
  /** Top-level statements the last analysis ran the rules on, and how many there are. */
  checkedStatements: number;
  totalStatements: number;
  /** The rows of the units re-checked. */
  checkedSpans: RowSpan[];
  full: boolean;
}

export interface DocumentStoreOptions {
  /** Parse time limit per document, in ms (0: none). */
  parseBudgetMs?: number;
  onRuleError?: (uri: string, rule: Rule, error: unknown, node: Node) => void;
}

export interface DocumentState {
  uri: string;
  version: number;
  doc: TextDocument;
  tree?: Tree;
  /** null: kept as text only, not analysed (mlsec disabled or the file ignored). */
  config: AnalysisConfig | null;
  configKey: string;
  /** The module scope's names as rules see them (scopeNames), of the last analysis. */
  scopeNames?: Map<string, string>;
  /** The frozen module scope of the last analysis (holds no tree nodes: values only). */
  moduleScope?: Scope;
  /** What each unit binds at its level, module or class (units that bind nothing omitted). */
  bindings: StatementBindings[];
  /** What of the pre-filter's words and strings the text holds (a superset after edits). */
  presence?: TextPresence;
  /** Bindings of units the pending edits touched, in post-edit rows (see changedContainers). */
  droppedBindings: StatementBindings[];
  bindingKey?: string;
  entries: StatementFindings[];
  /** The raw findings of the rules that read the whole file (run over the whole file after every change). */
  wholeFile: Finding[];
  /** Final findings in tree-sitter positions. */
  findings: Finding[];
  skipped?: string;
  lspFindings?: Finding[];
  stats: AnalysisStats;
}

export function reanalyze(state: DocumentState, config: AnalysisConfig | null, full: boolean, dirty: RowSpan[], options: DocumentStoreOptions): void {
  const text = state.doc.getText();
  const old = state.tree;
  state.tree = undefined;
  state.lspFindings = undefined;
  if (!config) {
    old?.delete();
    Object.assign(state, {
      config,
      configKey: 'null',
      entries: [],
      wholeFile: [],
      findings: [],
      bindings: [],
      droppedBindings: [],
      presence: undefined,
      bindingKey: undefined,
      scopeNames: undefined,
      moduleScope: undefined,
      skipped: undefined,
    });
    return;
  }
  let tree: Tree;
  try {
    tree = parsePython(text, full ? null : old, options.parseBudgetMs ?? 0);
  } catch (error) {
    // After a parser crash the old tree belongs to a parser that is gone: drop it without delete().
    if (!(error instanceof ParserCrashError)) old?.delete();
    if (!(error instanceof ParseTimeoutError || error instanceof ParseRefusedError || error instanceof ParserCrashError)) throw error;
    Object.assign(state, { entries: [], wholeFile: [], findings: [], bindings: [], droppedBindings: [], presence: undefined, bindingKey: undefined, scopeNames: undefined, moduleScope: undefined });
    state.skipped = error instanceof ParseTimeoutError ? `${error.message} (the file is too large or too complex to parse while you type)` : error.message;
    return;
  }
  state.skipped = undefined;
  if (old) {
    // Structural changes the edits caused elsewhere (an opened bracket or string swallowing lines).
    if (!full) for (const r of old.getChangedRanges(tree)) dirty.push({ lo: r.startPosition.row, hi: r.endPosition.row });
    old.delete(); // trees live in wasm memory: one never freed leaks it for good
  }
  state.tree = tree;

  const configKey = JSON.stringify(config);
  if (!old || configKey !== state.configKey) full = true;
  state.config = config;
  state.configKey = configKey;

  const { units, containers } = analysisUnits(tree.rootNode);
  const spans = units.map((u) => u.span);
  // The first unit is always re-checked: whether a string is the module docstring depends on it.
  if (spans.length > 0) dirty.push(spans[0]);
  let selected = full ? spans.map(() => true) : selectStatements(spans, dirty);

  // What each unit binds at its level (the module's, or its class's), recomputed for the re-checked
  // units only. When the module-level list is unchanged, so is the module scope, and the frozen
  // scope of the last analysis is reused (building it walks all module-level code, the most
  // expensive part of a keystroke otherwise). When what a class body binds changed, the whole
  // class is re-checked (its statements see those names).
  const fresh: StatementBindings[] = [];
  const freshSig = new Map<number, string>();
  units.forEach((unit, i) => {
    if (!selected[i]) return;
    const sig = moduleBindingSignature(unit.owner);
    freshSig.set(i, sig);
    if (sig) fresh.push({ span: spans[i], sig, classLevel: unit.container !== -1 });
  });
  if (!full && containers.length > 0) {
    const touched = spans.filter((_, i) => selected[i]);
    const before = [...state.droppedBindings, ...state.bindings.filter((b) => touched.some((r) => overlaps(r, b.span)))];
    const changed = changedContainers(units, containers, selected, freshSig, before);
    if (changed.size > 0) {
      units.forEach((unit, i) => {
        if (selected[i] || unit.container === -1) return;
        for (const c of changed) {
          if (withinContainer(containers, unit.container, c)) {
            selected[i] = true;
            const sig = moduleBindingSignature(unit.owner);
            freshSig.set(i, sig);
            if (sig) fresh.push({ span: spans[i], sig, classLevel: true });
            break;
          }
        }
      });
      closeOverSharedRows(spans, selected).forEach((on, i) => {
        if (on && !freshSig.has(i)) {
          const sig = moduleBindingSignature(units[i].owner);
          freshSig.set(i, sig);
          if (sig) fresh.push({ span: spans[i], sig, classLevel: units[i].container !== -1 });
        }
      });
      fresh.sort((x, y) => x.span.lo - y.span.lo);
    }
  }
  state.droppedBindings = [];
  const rechecked = spans.filter((_, i) => selected[i]);
  const bindings = full ? fresh : [...state.bindings.filter((b) => !rechecked.some((r) => overlaps(r, b.span))), ...fresh].sort((a, b) => a.span.lo - b.span.lo);
  const bindingKey = bindings
    .filter((b) => !b.classLevel)
    .map((b) => b.sig)
    .join('\n');
  let moduleScope: Scope;
  if (!full && state.moduleScope && bindingKey === state.bindingKey) {
    moduleScope = state.moduleScope;
  } else {
    moduleScope = frozenModuleScope(tree);
    const names = scopeNames(moduleScope);
    // Names bound differently but to the same values (an unknown call edited) need no re-check;
    // names whose binding or value changed re-check the units that mention them (every lookup
    // starts from a name written in the unit), or everything when there are many.
    const changed = full || !state.scopeNames ? null : changedNames(state.scopeNames, names);
    if (changed === null || changed.size > MAX_CHANGED_NAMES) full = true;
    else if (changed.size > 0) {
      const classes = new Set<number>();
      forEachOccurrence(text, [...changed], 'word-or-digit-run', (_, at) => {
        const i = unitAt(units, at);
        if (i === -1) return;
        selected[i] = true;
        // A class-level name bound to a changed module name changes with it: the class's statements
        // (and its methods' decorators and defaults) read the class scope.
        if (units[i].container !== -1 && !units[i].isFunction) classes.add(units[i].container);
      });
      if (classes.size > 0)
        units.forEach((u, i) => {
          if (classes.has(u.container)) selected[i] = true;
        });
      closeOverSharedRows(spans, selected);
    }
    state.scopeNames = names;
  }
  state.moduleScope = moduleScope;
  state.bindings = bindings;
  state.bindingKey = bindingKey;

  if (full) {
    selected = spans.map(() => true);
    state.entries = [];
  } else {
    const all = spans.filter((_, i) => selected[i]);
    state.entries = state.entries.filter((e) => !all.some((r) => overlaps(r, e.span)));
  }
  const chosen = units.filter((_, i) => selected[i]);
  const chosenSpans = spans.filter((_, i) => selected[i]);
  // The text pre-filter: the words and strings the file holds, kept up to date from the text of
  // the units re-checked (an edit's new text lies in them).
  const enabled = configuredRules(config);
  const presence = full || !state.presence ? textPresence(text, enabled, config) : state.presence;
  if (!full && state.presence) mergePresence(presence, textPresence(text, enabled, config, mergeSpans(chosen, text)));
  state.presence = presence;
  const present = rulesPresent(presence, enabled, config);
  let raw: Finding[];
  const failures: Finding[] = [];
  const wholeFile: Finding[] = [];
  const onRuleError = (rule: Rule, error: unknown, node: Node) => {
    // Visible as ML900, kept with the statement the rule failed on (see groupByStatement), or with
    // the whole-file findings for a rule that reads the whole file.
    if (isCodeEnabled(NOT_ANALYSED_CODE, config)) (rule.readsWholeFile ? wholeFile : failures).push(ruleFailedFinding(rule.code, node.startPosition.row, error));
    options.onRuleError?.(state.uri, rule, error, node);
  };
  const budgetMs = options.parseBudgetMs ?? 0;
  try {
    raw =
      chosen.length === 0
        ? []
        : analyzeTree(tree, text, {
            config,
            rules: present.filter((r) => !r.readsWholeFile),
            moduleScope,
            // One path: the anchored search, over the whole file or over the units re-checked, reading
            // the code that can bind what they see (every unit that is not a function) as context.
            region: full ? undefined : { units: chosen, context: units.filter((u) => !u.isFunction) },
            budgetMs,
            onRuleError,
          });
    raw.push(...failures);
    // A rule that reads the whole file (imports anywhere, a name used anywhere) may report a
    // statement no edit touched, after any edit: it runs over the whole file every time, alone (an
    // anchored search for its calls: ~1 ms on a 7,000-line file), and its findings are not kept per unit.
    wholeFile.push(...analyzeTree(tree, text, { config, rules: present.filter((r) => r.readsWholeFile), moduleScope, budgetMs, onRuleError }));
  } catch (error) {
    if (!(error instanceof AnalysisTimeoutError)) throw error;
    // Nothing half-done is kept: the next change re-checks the whole file.
    state.tree.delete();
    state.tree = undefined;
    Object.assign(state, { entries: [], wholeFile: [], findings: [], bindings: [], droppedBindings: [], presence: undefined, bindingKey: undefined, scopeNames: undefined, moduleScope: undefined });
    state.skipped = `${error.message} (the file is too large or too complex to check while you type)`;
    return;
  }
  state.entries = mergeEntries(state.entries, groupByStatement(raw, chosen, chosenSpans));
  state.wholeFile = wholeFile;
  // Rule failures are not suppressible by comments (the file's text cannot hide them).
  const all = [...state.entries.flatMap((e) => e.findings), ...wholeFile];
  // One per rule: the first statement it failed on (statements checked later may add more).
  const failed = all
    .filter((f) => f.code === NOT_ANALYSED_CODE)
    .map(ruleFailedNow)
    .sort((a, b) => a.nodeLines[0] - b.nodeLines[0])
    .filter((f, i, list) => list.findIndex((g) => g.data?.failedRule === f.data?.failedRule) === i);
  state.findings =
    failed.length === 0
      ? finalizeFindings(all, text, config)
      : [
          ...finalizeFindings(
            all.filter((f) => f.code !== NOT_ANALYSED_CODE),
            text,
            config,
          ),
          ...failed,
        ].sort(compareFindings);
  state.stats = { checkedStatements: chosen.length, totalStatements: units.length, checkedSpans: chosenSpans, full };
}

/** Past this many names whose binding changed, an edit re-checks the whole file. */
const MAX_CHANGED_NAMES = 64;
/** The key under which the module scope's `global` declarations are compared. */
const GLOBALS_KEY = '\u0000globals';

/** What rules can see of the module scope, per name: how it is bound, and its static value. */
function scopeNames(scope: Scope): Map<string, string> {
  const names = new Map<string, string>();
  for (const [name, list] of scope.bindings) {
    names.set(name, JSON.stringify([list.map((b) => (b.qualified ? `${b.kind}:${b.qualified}` : b.kind)), scope.lookup(name)]));
  }
  names.set(GLOBALS_KEY, JSON.stringify([...scope.globals]));
  return names;
}

/** The names bound differently in `b` than in `a` (or bound in one only); null when `global`s differ. */
function changedNames(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): Set<string> | null {
  if (a.get(GLOBALS_KEY) !== b.get(GLOBALS_KEY)) return null;
  const changed = new Set<string>();
  for (const [name, sig] of b) if (a.get(name) !== sig) changed.add(name);
  for (const name of a.keys()) if (!b.has(name)) changed.add(name);
  return changed;
}

/** The unit whose text holds `offset`, or -1 (units are sorted and disjoint). */
function unitAt(units: readonly Unit[], offset: number): number {
  return spanIndexAt(units, offset);
}

function groupByStatement(raw: Finding[], statements: readonly Unit[], spans: RowSpan[]): StatementFindings[] {
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
function changedContainers(
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

function mergeEntries(a: StatementFindings[], b: StatementFindings[]): StatementFindings[] {
  return [...a, ...b].sort((x, y) => x.span.lo - y.span.lo);
}
