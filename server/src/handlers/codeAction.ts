// textDocument/codeAction: the open document's text, findings and parse tree as the store holds them
// now, handed to lsp/codeActions.ts (a notebook cell's: lsp/notebookActions.ts). A request the client
// cancelled (the cursor moved on) is answered with null.
import type { CancellationToken, CodeAction, CodeActionParams } from 'vscode-languageserver/node';
import type { Session } from '../lsp/session';
import { computeCodeActions } from '../lsp/codeActions';
import { cellCodeActions } from '../lsp/notebookActions';

export async function onCodeAction(session: Session, params: CodeActionParams, token?: CancellationToken): Promise<CodeAction[] | null> {
  const uri = params.textDocument.uri;
  const cell = session.notebooks.cell(uri);
  if (cell) return cellCodeActions(session, cell, params, token);
  const { settings } = await session.config.configFor(uri);
  const analysis = await session.documents.settled(uri);
  if (!analysis) return [];
  if (token?.isCancellationRequested) return null;
  const actions = computeCodeActions({
    uri,
    text: analysis.text,
    only: params.context.only,
    diagnostics: params.context.diagnostics,
    allFindings: analysis.findings,
    // Undefined if a change has replaced the text since (the guard then parses this text itself).
    tree: session.store.tree(uri, analysis.text),
    snippetSupport: session.features.snippets,
    resolveSupport: session.features.codeActionResolve,
    toggles: { fixAll: settings.fixAll, ...settings.codeAction },
    // Fix titles of loading calls say whether the file they load still loads (models/loadTarget.ts).
    annotate: session.annotator(uri),
    token,
  });
  return token?.isCancellationRequested ? null : actions;
}
