// Test helper: a code action's edit applied to a text. (Findings become diagnostics through the
// server's own toDiagnostic in server/src/lsp/diagnostics.ts.)
import type { CodeAction } from 'vscode-languageserver/node';
import type { TextEdit } from '../../server/src/analysis/types';
import { applyEdits } from '../../server/src/fixes/offsets';

/** The text edits of a single-document workspace edit (snippet edits keep their snippet text). */
export function actionEdits(action: CodeAction, uri: string): TextEdit[] {
  const edit = action.edit;
  if (!edit) throw new Error(`action "${action.title}" has no edit`);
  if (edit.changes) return edit.changes[uri] ?? [];
  const edits: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if (!('textDocument' in change) || change.textDocument.uri !== uri) throw new Error('unexpected document change');
    for (const e of change.edits) {
      edits.push('snippet' in e ? { range: e.range, newText: e.snippet.value } : { range: e.range, newText: e.newText });
    }
  }
  return edits;
}

export function applyAction(text: string, action: CodeAction, uri: string): string {
  return applyEdits(text, actionEdits(action, uri));
}
