// Open documents: text, tree and findings, kept current edit by edit. Each LSP content change becomes
// a tree-sitter edit computed from the text BEFORE the change (the old tree is reused for the
// reparse, then freed), and the stored findings of the units it touched are dropped, those below it
// shifted. reanalyze.ts then re-checks what the changes touched (tree-sitter's changed ranges miss
// text-only edits, so the edited rows count too); a changed configuration re-checks everything.
import { Edit, Tree } from 'web-tree-sitter';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Range } from '../analysis/types';
import type { AnalysisConfig } from '../config/analysisConfig';
import { NOT_ANALYSED_CODE, notAnalysedFinding } from '../rules/ML900-file-not-analysed';
import { isCodeEnabled } from '../config/analysisConfig';
import { LineIndex, documentPoints, hasLoneCarriageReturn, treeEditSpan } from '../analysis/lineIndex';
import { RowSpan, mapDirtySpan, mapEntries, mapSpans } from '../analysis/incremental';
import { reanalyze, AnalysisStats, DocumentState, DocumentStoreOptions } from './reanalyze';

export type { AnalysisStats, DocumentStoreOptions } from './reanalyze';

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
      droppedBindings: [],
      entries: [],
      wholeFile: [],
      findings: [],
      stats: { checkedStatements: 0, totalStatements: 0, checkedSpans: [], full: true },
    };
    this.docs.set(uri, state);
    reanalyze(state, config, true, [], this.options);
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
      // Clamped to the document (and a reversed range put in order) BEFORE TextDocument.update sees it:
      // given a range past the end, the library's incremental line table goes wrong and later edits
      // land at the wrong offsets. The tree edit and the text update then use the same offsets.
      const a = state.doc.offsetAt(change.range.start);
      const b = state.doc.offsetAt(change.range.end);
      const startIndex = Math.min(a, b);
      const oldEndIndex = Math.max(a, b);
      const clamped = { range: { start: state.doc.positionAt(startIndex), end: state.doc.positionAt(oldEndIndex) }, text: change.text };
      const span = treeEditSpan(documentPoints(state.doc), startIndex, oldEndIndex, change.text);
      const { startPosition, oldEndPosition, newEndPosition } = span;
      if (state.tree && !full) state.tree.edit(new Edit(span));
      const rowEdit = { startRow: startPosition.row, oldEndRow: oldEndPosition.row, newEndRow: newEndPosition.row };
      // The statement's span after the change (rows were added or removed inside it).
      dirty = dirty.map((d) => mapDirtySpan(d, rowEdit));
      dirty.push({ lo: rowEdit.startRow, hi: rowEdit.newEndRow });
      state.entries = mapEntries(state.entries, rowEdit, dirty);
      // Bindings the edit touched are kept aside (in post-edit rows) to compare with what the
      // re-checked units bind: a class whose body binds something else is re-checked whole.
      state.droppedBindings = state.droppedBindings.map((b) => ({ ...b, span: mapDirtySpan(b.span, rowEdit) }));
      const kept = mapSpans(state.bindings, rowEdit);
      if (kept.length !== state.bindings.length) {
        const survivors = new Set(
          mapSpans(
            state.bindings.map((b, i) => ({ ...b, i })),
            rowEdit,
          ).map((b) => b.i),
        );
        state.bindings.forEach((b, i) => {
          if (!survivors.has(i)) state.droppedBindings.push({ ...b, span: mapDirtySpan(b.span, rowEdit) });
        });
      }
      state.bindings = kept;
      state.doc = TextDocument.update(state.doc, [clamped], version);
    }
    state.version = version;
    reanalyze(state, config === undefined ? state.config : config, full, dirty, this.options);
    return this.view(state);
  }

  /** Re-analyses with a (possibly new) configuration; a changed configuration re-checks everything. */
  reconfigure(uri: string, config: AnalysisConfig | null): DocumentAnalysis | undefined {
    const state = this.docs.get(uri);
    if (!state) return undefined;
    if (JSON.stringify(config) !== state.configKey || (config && !state.tree)) reanalyze(state, config, true, [], this.options);
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
}
