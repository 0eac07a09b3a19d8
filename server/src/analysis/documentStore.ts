// Open documents: text, tree and findings, kept current edit by edit. Each LSP content change becomes
// a tree-sitter edit computed from the text BEFORE the change; the old tree is reused for the reparse
// and then freed. Rules run only on the top-level statements an edit touched (edited rows plus the
// tree's changed ranges, which miss text-only edits: STACK.md trap 3); the findings of the other
// statements are kept and shifted. A change to the module's bindings (imports, module-level names)
// or to the configuration re-checks the whole file.
import { Edit, Node, Tree } from 'web-tree-sitter';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Range } from './types';
import { parsePython, ParseTimeoutError, ParseRefusedError, ParserCrashError } from './parser';
import { Scope, moduleBindingSignature } from './scope';
import { analyzeTree, enabledRules, finalizeFindings, frozenModuleScope, AnalysisTimeoutError } from './engine';
import type { AnalysisConfig } from '../config/analysisConfig';
import type { Rule } from '../rules/rule';
import { ruleByCode } from '../rules';
import { NOT_ANALYSED_CODE, notAnalysedFinding, ruleFailedFinding } from '../rules/ML900-file-not-analysed';
import { isCodeEnabled } from '../config/analysisConfig';
import { compareFindings } from './types';
import { LineIndex, hasLoneCarriageReturn, treeEditSpan } from './lineIndex';
import { RowSpan, StatementBindings, StatementFindings, anchorRowOf, mapDirtySpan, mapEntries, mapSpans, overlaps, selectStatements } from './incremental';

/** An LSP content change: a range edit or the whole text. */
export type ContentChange = { range: Range; text: string } | { text: string };

export interface DocumentAnalysis {
  uri: string;
  version: number;
  text: string;
  /** Final findings (suppressions applied), in LSP positions. */
  findings: Finding[];
  /** Why the document is not analysed (parse budget exceeded), when it is not; `findings` then holds its ML900. */
  skipped?: string;
}

export interface AnalysisStats {
  /** Top-level statements the last analysis ran the rules on, and how many there are. */
  checkedStatements: number;
  totalStatements: number;
  full: boolean;
}

export interface DocumentStoreOptions {
  /** Parse time limit per document, in ms (0: none). */
  parseBudgetMs?: number;
  onRuleError?: (uri: string, rule: Rule, error: unknown, node: Node) => void;
}

interface DocumentState {
  uri: string;
  version: number;
  doc: TextDocument;
  tree?: Tree;
  /** null: kept as text only, not analysed (mlsec disabled or the file ignored). */
  config: AnalysisConfig | null;
  configKey: string;
  scopeSignature?: string;
  /** The frozen module scope of the last analysis (holds no tree nodes: values only). */
  moduleScope?: Scope;
  /** What each top-level statement binds at module level (statements that bind nothing omitted). */
  bindings: StatementBindings[];
  bindingKey?: string;
  entries: StatementFindings[];
  /** Final findings in tree-sitter positions. */
  findings: Finding[];
  skipped?: string;
  lspFindings?: Finding[];
  stats: AnalysisStats;
}

export class DocumentStore {
  private readonly docs = new Map<string, DocumentState>();

  constructor(private readonly options: DocumentStoreOptions = {}) {}

  setParseBudget(ms: number): void {
    this.options.parseBudgetMs = ms;
  }

  open(uri: string, version: number, text: string, config: AnalysisConfig | null): DocumentAnalysis {
    this.close(uri);
    const state: DocumentState = {
      uri,
      version,
      doc: TextDocument.create(uri, 'python', version, text),
      config,
      configKey: JSON.stringify(config),
      bindings: [],
      entries: [],
      findings: [],
      stats: { checkedStatements: 0, totalStatements: 0, full: true },
    };
    this.docs.set(uri, state);
    this.analyze(state, config, true, []);
    return this.view(state);
  }

  /** Applies the changes of one didChange notification, in order, then re-analyses what they touched. */
  change(uri: string, version: number, changes: ContentChange[], config?: AnalysisConfig | null): DocumentAnalysis | undefined {
    const state = this.docs.get(uri);
    if (!state) return undefined;
    let full = false;
    let dirty: RowSpan[] = [];
    for (const change of changes) {
      if (!('range' in change) || !change.range) {
        state.doc = TextDocument.create(uri, 'python', version, change.text);
        full = true;
        continue;
      }
      const text = state.doc.getText();
      // Clamped to the document (and a reversed range put in order) BEFORE TextDocument.update sees it:
      // given a range past the end, the library's incremental line table goes wrong and later edits
      // land at the wrong offsets. The tree edit and the text update then use the same offsets.
      const a = state.doc.offsetAt(change.range.start);
      const b = state.doc.offsetAt(change.range.end);
      const startIndex = Math.min(a, b);
      const oldEndIndex = Math.max(a, b);
      const clamped = { range: { start: state.doc.positionAt(startIndex), end: state.doc.positionAt(oldEndIndex) }, text: change.text };
      const span = treeEditSpan(new LineIndex(text), startIndex, oldEndIndex, change.text);
      const { startPosition, oldEndPosition, newEndPosition } = span;
      if (state.tree && !full) state.tree.edit(new Edit(span));
      const rowEdit = { startRow: startPosition.row, oldEndRow: oldEndPosition.row, newEndRow: newEndPosition.row };
      // The statement's span after the change (rows were added or removed inside it).
      dirty = dirty.map((d) => mapDirtySpan(d, rowEdit));
      dirty.push({ lo: rowEdit.startRow, hi: rowEdit.newEndRow });
      state.entries = mapEntries(state.entries, rowEdit, dirty);
      state.bindings = mapSpans(state.bindings, rowEdit);
      state.doc = TextDocument.update(state.doc, [clamped], version);
    }
    state.version = version;
    this.analyze(state, config === undefined ? state.config : config, full, dirty);
    return this.view(state);
  }

  /** Re-analyses with a (possibly new) configuration; a changed configuration re-checks everything. */
  reconfigure(uri: string, config: AnalysisConfig | null): DocumentAnalysis | undefined {
    const state = this.docs.get(uri);
    if (!state) return undefined;
    if (JSON.stringify(config) !== state.configKey || (config && !state.tree)) this.analyze(state, config, true, []);
    return this.view(state);
  }

  get(uri: string): DocumentAnalysis | undefined {
    const state = this.docs.get(uri);
    return state ? this.view(state) : undefined;
  }

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  uris(): string[] {
    return [...this.docs.keys()];
  }

  /** What the last analysis of `uri` re-checked (for tests and benchmarks). */
  stats(uri: string): AnalysisStats | undefined {
    return this.docs.get(uri)?.stats;
  }

  /**
   * The parse tree of `uri` if its current text is `text` (undefined otherwise, or when the document is
   * not analysed). Borrowed: the caller copies it to edit it, and never frees it.
   */
  tree(uri: string, text: string): Tree | undefined {
    const state = this.docs.get(uri);
    return state && state.doc.getText() === text ? state.tree : undefined;
  }

  close(uri: string): void {
    const state = this.docs.get(uri);
    if (!state) return;
    state.tree?.delete();
    this.docs.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.docs.keys()]) this.close(uri);
  }

  private view(state: DocumentState): DocumentAnalysis {
    const out: DocumentAnalysis = { uri: state.uri, version: state.version, text: state.doc.getText(), findings: this.lspFindings(state) };
    if (state.skipped) {
      out.skipped = state.skipped;
      // A document that is not analysed is itself a finding (unless ML900 is switched off).
      if (state.config && isCodeEnabled(NOT_ANALYSED_CODE, state.config)) out.findings = [notAnalysedFinding(state.skipped)];
    }
    return out;
  }

  /**
   * Findings in LSP positions. Tree-sitter rows are LSP lines (lone '\r' included, see lineIndex.ts),
   * so this maps each position to itself; kept as the one place where the two would be reconciled.
   */
  private lspFindings(state: DocumentState): Finding[] {
    if (state.lspFindings) return state.lspFindings;
    const text = state.doc.getText();
    if (!hasLoneCarriageReturn(text)) return (state.lspFindings = state.findings);
    const lines = new LineIndex(text);
    const conv = (r: Range): Range => ({
      start: state.doc.positionAt(lines.offsetAt({ row: r.start.line, column: r.start.character })),
      end: state.doc.positionAt(lines.offsetAt({ row: r.end.line, column: r.end.character })),
    });
    const line = (row: number) => state.doc.positionAt(lines.offsetAt({ row, column: 0 })).line;
    return (state.lspFindings = state.findings.map((f) => ({
      ...f,
      range: conv(f.range),
      nodeLines: [line(f.nodeLines[0]), line(f.nodeLines[1])],
      fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: conv(e.range) })) })),
    })));
  }

  private analyze(state: DocumentState, config: AnalysisConfig | null, full: boolean, dirty: RowSpan[]): void {
    const text = state.doc.getText();
    const old = state.tree;
    state.tree = undefined;
    state.lspFindings = undefined;
    if (!config) {
      old?.delete();
      Object.assign(state, { config, configKey: 'null', entries: [], findings: [], bindings: [], bindingKey: undefined, scopeSignature: undefined, moduleScope: undefined, skipped: undefined });
      return;
    }
    let tree: Tree;
    try {
      tree = parsePython(text, full ? null : old, this.options.parseBudgetMs ?? 0);
    } catch (error) {
      // After a parser crash the old tree belongs to a parser that is gone: drop it without delete().
      if (!(error instanceof ParserCrashError)) old?.delete();
      if (!(error instanceof ParseTimeoutError || error instanceof ParseRefusedError || error instanceof ParserCrashError)) throw error;
      Object.assign(state, { entries: [], findings: [], bindings: [], bindingKey: undefined, scopeSignature: undefined, moduleScope: undefined });
      state.skipped = error instanceof ParseTimeoutError
        ? `${error.message} (the file is too large or too complex to parse while you type)`
        : error.message;
      return;
    }
    state.skipped = undefined;
    if (old) {
      // Structural changes the edits caused elsewhere (an opened bracket or string swallowing lines).
      if (!full) for (const r of old.getChangedRanges(tree)) dirty.push({ lo: r.startPosition.row, hi: r.endPosition.row });
      old.delete(); // STACK.md trap 5
    }
    state.tree = tree;

    const configKey = JSON.stringify(config);
    if (!old || configKey !== state.configKey) full = true;
    state.config = config;
    state.configKey = configKey;

    const statements = tree.rootNode.children.filter((c): c is Node => c !== null);
    const spans = statements.map((s) => ({ lo: s.startPosition.row, hi: s.endPosition.row }));
    // The first statement is always re-checked: whether a string is the module docstring depends on it.
    if (spans.length > 0) dirty.push(spans[0]);
    let selected = full ? spans.map(() => true) : selectStatements(spans, dirty);

    // What each top-level statement binds, recomputed for the re-checked statements only. When the
    // list is unchanged, so is the module scope, and the frozen scope of the last analysis is reused
    // (building it walks all module-level code, the most expensive part of a keystroke otherwise).
    const fresh: StatementBindings[] = [];
    statements.forEach((stmt, i) => {
      if (!selected[i]) return;
      const sig = moduleBindingSignature(stmt);
      if (sig) fresh.push({ span: spans[i], sig });
    });
    const rechecked = spans.filter((_, i) => selected[i]);
    const bindings = full
      ? fresh
      : [...state.bindings.filter((b) => !rechecked.some((r) => overlaps(r, b.span))), ...fresh].sort((a, b) => a.span.lo - b.span.lo);
    const bindingKey = bindings.map((b) => b.sig).join('\n');
    let moduleScope: Scope;
    if (!full && state.moduleScope && bindingKey === state.bindingKey) {
      moduleScope = state.moduleScope;
    } else {
      moduleScope = frozenModuleScope(tree);
      const signature = scopeSignature(moduleScope);
      // Names bound differently but to the same values (an unknown call edited) need no full re-check.
      if (signature !== state.scopeSignature) full = true;
      state.scopeSignature = signature;
    }
    state.moduleScope = moduleScope;
    state.bindings = bindings;
    state.bindingKey = bindingKey;

    if (full) {
      selected = spans.map(() => true);
      state.entries = [];
    } else {
      state.entries = state.entries.filter((e) => !rechecked.some((r) => overlaps(r, e.span)));
    }
    const chosen = statements.filter((_, i) => selected[i]);
    const chosenSpans = spans.filter((_, i) => selected[i]);
    let raw: Finding[];
    const failures: Finding[] = [];
    try {
      raw = chosen.length === 0 ? [] : analyzeTree(tree, text, {
        config,
        rules: enabledRules(config),
        moduleScope,
        statements: full ? undefined : chosen,
        budgetMs: this.options.parseBudgetMs ?? 0,
        onRuleError: (rule, error, node) => {
          // Visible as ML900, kept with the statement the rule failed on (see groupByStatement).
          if (isCodeEnabled(NOT_ANALYSED_CODE, config)) failures.push(ruleFailedFinding(rule.code, node.startPosition.row, error));
          this.options.onRuleError?.(state.uri, rule, error, node);
        },
      });
      raw.push(...failures);
    } catch (error) {
      if (!(error instanceof AnalysisTimeoutError)) throw error;
      // Nothing half-done is kept: the next change re-checks the whole file.
      state.tree.delete();
      state.tree = undefined;
      Object.assign(state, { entries: [], findings: [], bindings: [], bindingKey: undefined, scopeSignature: undefined, moduleScope: undefined });
      state.skipped = `${error.message} (the file is too large or too complex to check while you type)`;
      return;
    }
    state.entries = mergeEntries(state.entries, groupByStatement(raw, chosen, chosenSpans));
    // Rule failures are not suppressible by comments (the file's text cannot hide them).
    const all = state.entries.flatMap((e) => e.findings);
    // One per rule: the first statement it failed on (statements checked later may add more).
    const failed = all.filter((f) => f.code === NOT_ANALYSED_CODE).sort((a, b) => a.nodeLines[0] - b.nodeLines[0])
      .filter((f, i, list) => list.findIndex((g) => g.data?.failedRule === f.data?.failedRule) === i);
    state.findings = failed.length === 0 ? finalizeFindings(all, text, config) : [...finalizeFindings(all.filter((f) => f.code !== NOT_ANALYSED_CODE), text, config), ...failed].sort(compareFindings);
    state.stats = { checkedStatements: chosen.length, totalStatements: statements.length, full };
  }
}


/** What rules can see of the module scope: its names, how they are bound, and their static values. */
function scopeSignature(scope: Scope): string {
  const names: unknown[] = [];
  for (const [name, list] of scope.bindings) {
    names.push([name, list.map((b) => (b.qualified ? `${b.kind}:${b.qualified}` : b.kind)), scope.lookup(name)]);
  }
  return JSON.stringify([names, [...scope.globals]]);
}

function groupByStatement(raw: Finding[], statements: Node[], spans: RowSpan[]): StatementFindings[] {
  const groups = new Map<number, Finding[]>();
  for (const f of raw) {
    // The last statement starting at or before the finding (a rule failure, reported on line 1:
    // the statement the rule failed on, which its nodeLines hold).
    const at = f.code === NOT_ANALYSED_CODE ? { line: f.nodeLines[0], character: Number.MAX_SAFE_INTEGER } : f.range.start;
    let lo = 0;
    let hi = statements.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const p = statements[mid].startPosition;
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
    // A rule that reads the whole file is re-checked after any edit (an anchor below every row).
    anchorRow: findings.some((f) => ruleByCode(f.code)?.readsWholeFile) ? Number.MAX_SAFE_INTEGER : Math.max(-1, ...findings.map((f) => anchorRowOf(f, spans[i]))),
  }));
}

function mergeEntries(a: StatementFindings[], b: StatementFindings[]): StatementFindings[] {
  return [...a, ...b].sort((x, y) => x.span.lo - y.span.lo);
}
