// Code actions on a notebook cell: the request is moved into the notebook's virtual document, the
// usual actions are computed there (handlers/codeAction.ts's computeCodeActions), and their edits are
// moved back to the cells' URIs. An action with an edit that spans cells or touches masked IPython
// syntax is not offered. `source.fixAll.mlsec` on a cell edits that cell only (VS Code asks each cell
// on save); `notebook.source.fixAll.mlsec` edits the whole notebook.
import type { CodeAction, CodeActionParams, Diagnostic, TextEdit as LspTextEdit, WorkspaceEdit, Range } from 'vscode-languageserver/node';
import type { Session } from './session';
import type { CellRef } from './notebooks';
import type { VirtualNotebook } from '../notebook/virtual';
import type { TextEdit } from '../analysis/types';
import { computeCodeActions, SOURCE_FIX_ALL_MLSEC, NOTEBOOK_SOURCE_FIX_ALL_MLSEC } from '../handlers/codeAction';

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

export async function cellCodeActions(session: Session, ref: CellRef, params: CodeActionParams): Promise<CodeAction[]> {
  const notebooks = session.notebooks;
  const settled = await notebooks.settled(ref.notebookUri);
  if (!settled) return [];
  const { analysis, vn } = settled;
  const range = notebooks.toVirtualRange(ref, params.range);
  if (!range) return [];
  const virtualOf = new Map<Diagnostic, Diagnostic>();
  for (const d of params.context.diagnostics) {
    const r = notebooks.toVirtualRange(ref, d.range);
    if (r) virtualOf.set({ ...d, range: r }, d);
  }
  const { analysis: config } = await session.config.configFor(ref.notebookUri);
  const input = {
    uri: ref.notebookUri,
    text: analysis.text,
    range,
    diagnostics: [...virtualOf.keys()],
    allFindings: analysis.findings,
    snippetSupport: session.features.snippets,
    defaultTimeout: config?.defaultTimeout ?? 30,
  };
  const map = mapper(vn, (index) => notebooks.cellUri(ref.notebookUri, index));
  const cellUri = notebooks.cellUri(ref.notebookUri, ref.index);
  const only = params.context.only;
  const cellKinds = only?.filter((o) => !o.startsWith('notebook'));
  const out: CodeAction[] = [];
  if (!only || only.length === 0 || (cellKinds && cellKinds.length > 0)) {
    for (const action of computeCodeActions({ ...input, only: cellKinds && cellKinds.length > 0 ? cellKinds : undefined })) {
      const edit = action.edit && mapEdit(action.edit, ref.notebookUri, map, action.kind === SOURCE_FIX_ALL_MLSEC ? cellUri : undefined);
      if (action.edit && !edit) continue;
      out.push({ ...action, ...(edit ? { edit } : {}), ...(action.diagnostics ? { diagnostics: action.diagnostics.map((d) => virtualOf.get(d) ?? d) } : {}) });
    }
  }
  if (!only || only.length === 0 || only.some((o) => kindCovers(o, NOTEBOOK_SOURCE_FIX_ALL_MLSEC))) {
    const fixAll = computeCodeActions({ ...input, diagnostics: [], only: [SOURCE_FIX_ALL_MLSEC] }).find((a) => a.kind === SOURCE_FIX_ALL_MLSEC);
    const edit = fixAll?.edit && mapEdit(fixAll.edit, ref.notebookUri, map);
    if (edit) out.push({ title: 'mlsec: Fix all safe-fixable problems in the notebook', kind: NOTEBOOK_SOURCE_FIX_ALL_MLSEC, edit });
  }
  return out;
}

function mapper(vn: VirtualNotebook, cellUri: (index: number) => string | undefined): Mapper {
  return (e) => {
    const m = vn.editToCell(e);
    const uri = m && cellUri(m.cell);
    return m && uri ? { uri, edit: m.edit } : undefined;
  };
}
