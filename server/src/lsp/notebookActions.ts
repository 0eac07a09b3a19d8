// Code actions on a notebook cell: the request is moved into the notebook's virtual document, the
// usual actions are computed there (lsp/codeActions.ts), and their edits are moved back to the cells'
// URIs. An action with an edit that spans cells or touches masked IPython syntax is not offered (or,
// resolved lazily, comes back without an edit). `source.fixAll.mlsec` on a cell edits that cell only
// (VS Code asks each cell on save); `notebook.source.fixAll.mlsec` edits the whole notebook. A
// fix-all offered without its edit carries the cell's URI, which leads codeAction/resolve back here.
import type { CancellationToken, CodeAction, CodeActionParams, Diagnostic, TextEdit as LspTextEdit, WorkspaceEdit, Range } from 'vscode-languageserver/node';
import type { Session } from './session';
import type { CellRef } from './notebooks';
import type { VirtualNotebook } from '../notebook/virtual';
import type { TextEdit } from '../analysis/types';
import { computeCodeActions, fixAllData, FixAllData, resolveFixAll, SOURCE_FIX_ALL_MLSEC, NOTEBOOK_SOURCE_FIX_ALL_MLSEC } from './codeActions';
import { findingIndex } from './findingIndex';

type Mapper = (e: TextEdit) => { uri: string; edit: TextEdit } | undefined;

/** A workspace edit on the virtual document as edits on cell URIs; undefined when one edit cannot be moved. */
function mapEdit(edit: WorkspaceEdit, virtualUri: string, map: Mapper, onlyUri?: string): WorkspaceEdit | undefined {
  if (edit.changes) {
    const changes: Record<string, LspTextEdit[]> = {};
    for (const e of edit.changes[virtualUri] ?? []) {
      const m = map(e);
      if (!m) return undefined;
      if (onlyUri && m.uri !== onlyUri) continue;
      (changes[m.uri] ??= []).push(m.edit);
    }
    return Object.keys(changes).length > 0 ? { changes } : undefined;
  }
  if (edit.documentChanges) {
    const byUri = new Map<string, { range: Range; snippet?: unknown; newText?: string }[]>();
    for (const change of edit.documentChanges) {
      if (!('edits' in change)) return undefined;
      for (const e of change.edits as { range: Range; snippet?: { value: string }; newText?: string }[]) {
        const m = map({ range: e.range, newText: e.newText ?? e.snippet?.value ?? '' });
        if (!m) return undefined;
        if (onlyUri && m.uri !== onlyUri) continue;
        byUri.set(m.uri, [...(byUri.get(m.uri) ?? []), { ...e, range: m.edit.range }]);
      }
    }
    if (byUri.size === 0) return undefined;
    return { documentChanges: [...byUri].map(([uri, edits]) => ({ textDocument: { uri, version: null }, edits })) } as WorkspaceEdit;
  }
  return edit;
}

function kindCovers(requested: string, kind: string): boolean {
  return kind === requested || kind.startsWith(`${requested}.`);
}

const NOTEBOOK_FIX_ALL_TITLE = 'mlsec: Fix all safe-fixable problems in the notebook';

export async function cellCodeActions(session: Session, ref: CellRef, params: CodeActionParams, token?: CancellationToken): Promise<CodeAction[] | null> {
  const notebooks = session.notebooks;
  const { settings } = await session.config.configFor(ref.notebookUri);
  const settled = await notebooks.settled(ref.notebookUri);
  if (!settled) return [];
  if (token?.isCancellationRequested) return null;
  const { analysis, vn } = settled;
  if (!notebooks.toVirtualRange(ref, params.range)) return [];
  const virtualOf = new Map<Diagnostic, Diagnostic>();
  for (const d of params.context.diagnostics) {
    const r = notebooks.toVirtualRange(ref, d.range);
    if (r) virtualOf.set({ ...d, range: r }, d);
  }
  const toggles = { fixAll: settings.fixAll, ...settings.codeAction };
  const resolveSupport = session.features.codeActionResolve;
  const input = {
    uri: ref.notebookUri,
    text: analysis.text,
    diagnostics: [...virtualOf.keys()],
    allFindings: analysis.findings,
    tree: session.store.tree(ref.notebookUri, analysis.text),
    snippetSupport: session.features.snippets,
    resolveSupport,
    toggles,
    token,
  };
  const map = mapper(vn, (index) => notebooks.cellUri(ref.notebookUri, index));
  const cellUri = params.textDocument.uri;
  const only = params.context.only;
  const cellKinds = only?.filter((o) => !o.startsWith('notebook'));
  const out: CodeAction[] = [];
  if (!only || only.length === 0 || (cellKinds && cellKinds.length > 0)) {
    for (const action of computeCodeActions({ ...input, only: cellKinds && cellKinds.length > 0 ? cellKinds : undefined })) {
      const diagnostics = action.diagnostics ? { diagnostics: action.diagnostics.map((d) => virtualOf.get(d) ?? d) } : {};
      const data = fixAllData(action.data);
      if (data) {
        out.push({ ...action, ...diagnostics, data: { ...data, uri: cellUri } satisfies FixAllData });
        continue;
      }
      const edit = action.edit && mapEdit(action.edit, ref.notebookUri, map, action.kind === SOURCE_FIX_ALL_MLSEC ? cellUri : undefined);
      if (action.edit && !edit) continue;
      out.push({ ...action, ...(edit ? { edit } : {}), ...diagnostics });
    }
  }
  if (toggles.fixAll && (!only || only.length === 0 || only.some((o) => kindCovers(o, NOTEBOOK_SOURCE_FIX_ALL_MLSEC)))) {
    if ((!only || only.length === 0) && resolveSupport) {
      // Not asked for by kind: offered, and computed on resolve if the user picks it.
      if (findingIndex(analysis.findings).safeFixable > 0)
        out.push({ title: NOTEBOOK_FIX_ALL_TITLE, kind: NOTEBOOK_SOURCE_FIX_ALL_MLSEC, data: { mlsec: 'fixAll', uri: cellUri, scope: 'notebook' } satisfies FixAllData });
    } else {
      const fixAll = computeCodeActions({ ...input, diagnostics: [], only: [SOURCE_FIX_ALL_MLSEC] }).find((a) => a.kind === SOURCE_FIX_ALL_MLSEC);
      const edit = fixAll?.edit && mapEdit(fixAll.edit, ref.notebookUri, map);
      if (edit) out.push({ title: NOTEBOOK_FIX_ALL_TITLE, kind: NOTEBOOK_SOURCE_FIX_ALL_MLSEC, edit });
    }
  }
  return token?.isCancellationRequested ? null : out;
}

/** codeAction/resolve for a fix-all offered on a cell: computed on the virtual document, moved to the cells. */
export async function resolveCellCodeAction(session: Session, ref: CellRef, action: CodeAction, token?: CancellationToken): Promise<CodeAction> {
  const data = fixAllData(action.data);
  if (!data) return action;
  const notebooks = session.notebooks;
  const { settings } = await session.config.configFor(ref.notebookUri);
  const settled = await notebooks.settled(ref.notebookUri);
  if (!settled || token?.isCancellationRequested) return action;
  const { analysis, vn } = settled;
  const resolved = resolveFixAll(
    {
      uri: ref.notebookUri,
      text: analysis.text,
      allFindings: analysis.findings,
      tree: session.store.tree(ref.notebookUri, analysis.text),
      toggles: { fixAll: settings.fixAll, ...settings.codeAction },
      token,
    },
    { ...action, data: { ...data, uri: ref.notebookUri } },
  );
  if (!resolved.edit) return action;
  const map = mapper(vn, (index) => notebooks.cellUri(ref.notebookUri, index));
  // The cell's own fix-all (what VS Code asks each cell on save) stays in that cell.
  const edit = mapEdit(resolved.edit, ref.notebookUri, map, data.scope === 'document' ? data.uri : undefined);
  return edit ? { ...action, edit } : action;
}

function mapper(vn: VirtualNotebook, cellUri: (index: number) => string | undefined): Mapper {
  return (e) => {
    const m = vn.editToCell(e);
    const uri = m && cellUri(m.cell);
    return m && uri ? { uri, edit: m.edit } : undefined;
  };
}
