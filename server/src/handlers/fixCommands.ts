// The remediation commands (workspace/executeCommand): fix all safe problems in the workspace, pin
// Hugging Face downloads to the commits in the local cache, fix all in one file. The server builds
// the edit and asks the client to apply it (workspace/applyEdit) as a refactoring: in VS Code the
// change annotations that need confirmation open the refactor preview, and accepted edits to files
// that are not open are saved (files.refactoring.autoSave) without opening an editor.
import type { Session } from '../lsp/session';
import { describePlan, planWorkspaceFix, WorkspaceFixKind } from '../lsp/workspaceFix';
import { SERVER_COMMAND } from '../protocol';

export const FIX_WORKSPACE_COMMAND = SERVER_COMMAND.fixAllInWorkspace;
export const PIN_HF_COMMAND = SERVER_COMMAND.pinHuggingFaceDownloads;
export const FIX_FILE_COMMAND = SERVER_COMMAND.fixAllInFile;
export const FIX_COMMANDS = [FIX_WORKSPACE_COMMAND, PIN_HF_COMMAND, FIX_FILE_COMMAND] as const;

export interface FixCommandResult {
  applied: boolean;
  files: number;
  fixes: number;
  /** Present when nothing was sent: why. */
  reason?: string;
}

const LABELS: Record<WorkspaceFixKind, string> = {
  safe: 'mlsec: fix all safe problems',
  pinHuggingFace: 'mlsec: pin Hugging Face downloads to cached commits',
};

export async function runFixCommand(session: Session, command: string, args: unknown[]): Promise<FixCommandResult> {
  if (!session.features.applyEdit) {
    void session.connection.window.showErrorMessage('mlsec: this editor cannot apply workspace edits (workspace/applyEdit); use `mlsec scan --fix` instead.');
    return { applied: false, files: 0, fixes: 0, reason: 'no workspace/applyEdit' };
  }
  const kind: WorkspaceFixKind = command === PIN_HF_COMMAND ? 'pinHuggingFace' : 'safe';
  let uris: string[] | undefined;
  if (command === FIX_FILE_COMMAND) {
    const uri = typeof args[0] === 'string' ? args[0] : undefined;
    if (!uri || !session.documents.isOpen(uri)) {
      void session.connection.window.showErrorMessage('mlsec: Fix All in This File needs an open Python document.');
      return { applied: false, files: 0, fixes: 0, reason: 'no open document' };
    }
    uris = [uri];
  }
  const started = Date.now();
  // Fixing one open file needs no preview; a workspace edit always asks first.
  const plan = await planWorkspaceFix(session, kind, { uris, confirm: !uris });
  for (const s of plan.skipped) session.logger.info(`mlsec: ${s.file}: not fixed: ${s.reason}`);
  const what = describePlan(plan, kind === 'safe' ? 'fix' : 'pin');
  session.logger.info(`${LABELS[kind]}${uris ? ` in ${uris[0]}` : ''}: ${what}; ${plan.skipped.length} file(s) skipped; planned in ${Date.now() - started} ms`);
  const unsafeNote =
    plan.unsafeFixable > 0
      ? ` ${plan.unsafeFixable} more ${plan.unsafeFixable === 1 ? 'problem has an unsafe fix' : 'problems have unsafe fixes'}: apply ${plan.unsafeFixable === 1 ? 'it' : 'them'} one at a time.`
      : '';
  if (plan.fixes === 0) {
    const pinHint = kind === 'pinHuggingFace' ? ' (a download is pinned only when its repository is in the Hugging Face cache: see mlsec.huggingFaceCache)' : '';
    void session.connection.window.showInformationMessage(`mlsec: nothing to fix${pinHint}.${unsafeNote}`);
    return { applied: false, files: 0, fixes: 0, reason: 'nothing to fix' };
  }
  let applied = false;
  try {
    const result = await session.connection.workspace.applyEdit({ label: LABELS[kind], edit: plan.edit, metadata: { isRefactoring: true } });
    applied = result.applied;
    if (!applied) session.logger.info(`${LABELS[kind]}: not applied${result.failureReason ? `: ${result.failureReason}` : ' (cancelled, or a document changed meanwhile)'}`);
  } catch (e) {
    session.logger.warn(`${LABELS[kind]}: the client refused the edit: ${(e as Error).message}`);
  }
  if (applied && unsafeNote) void session.connection.window.showInformationMessage(`mlsec: ${what}.${unsafeNote}`);
  return { applied, files: plan.files, fixes: plan.fixes };
}
