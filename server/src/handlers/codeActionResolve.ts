// codeAction/resolve: the edit of a fix-all that textDocument/codeAction offered without one (the
// client asks when the user picks it), computed for the document as it is now.
import type { CancellationToken, CodeAction } from 'vscode-languageserver/node';
import type { Session } from '../lsp/session';
import { fixAllData, resolveFixAll } from '../lsp/codeActions';
import { resolveCellCodeAction } from '../lsp/notebookActions';

export async function onCodeActionResolve(session: Session, action: CodeAction, token?: CancellationToken): Promise<CodeAction> {
  const data = fixAllData(action.data);
  if (!data) return action;
  const cell = session.notebooks.cell(data.uri);
  if (cell) return resolveCellCodeAction(session, cell, action, token);
  const { settings } = await session.config.configFor(data.uri);
  const analysis = await session.documents.settled(data.uri);
  if (!analysis || token?.isCancellationRequested) return action;
  return resolveFixAll(
    {
      uri: data.uri,
      text: analysis.text,
      allFindings: analysis.findings,
      tree: session.store.tree(data.uri, analysis.text),
      toggles: { fixAll: settings.fixAll, ...settings.codeAction },
      token,
    },
    action,
  );
}
