// Test helpers: findings as the server turns them into diagnostics, and a code action's edit applied.
import type { CodeAction, Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Finding, TextEdit } from '../../server/src/analysis/types';
import { applyEdits } from '../../server/src/fixes/apply';

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = { error: 1, warning: 2, information: 3, hint: 4 };

/** The diagnostic shape the server publishes: fixes, node lines and confidence in `data`. */
export function toDiagnostic(f: Finding): Diagnostic {
  return {
    range: f.range,
    message: f.message,
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'mlsec',
    data: { fixes: f.fixes, nodeLines: f.nodeLines, confidence: f.confidence },
  };
}

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
