// The remediation and log commands of the palette. Each remediation command runs on the server
// (the same fix engine as `mlsec scan --fix`), which sends the edit back with workspace/applyEdit as a
// refactoring whose change annotations need confirmation: VS Code shows its refactor preview, with a
// check box per file, and writes nothing until the user applies it.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import { SERVER_COMMAND } from '../../server/src/protocol';

/** Palette command id → the server command it runs. */
export const REMEDIATION_COMMANDS = {
  'mlsec.fixAllInWorkspace': SERVER_COMMAND.fixAllInWorkspace,
  'mlsec.pinHuggingFaceDownloads': SERVER_COMMAND.pinHuggingFaceDownloads,
  'mlsec.fixAllInFile': SERVER_COMMAND.fixAllInFile,
} as const;

const TITLES: Record<keyof typeof REMEDIATION_COMMANDS, string> = {
  'mlsec.fixAllInWorkspace': 'mlsec: fixing all safe problems in the workspace…',
  'mlsec.pinHuggingFaceDownloads': 'mlsec: pinning Hugging Face downloads to cached commits…',
  'mlsec.fixAllInFile': 'mlsec: fixing all safe problems in this file…',
};

export function registerCommands(client: LanguageClient, output: vscode.LogOutputChannel): vscode.Disposable[] {
  const remediation = (Object.keys(REMEDIATION_COMMANDS) as (keyof typeof REMEDIATION_COMMANDS)[]).map((id) =>
    vscode.commands.registerCommand(id, async () => {
      if (!client.isRunning()) {
        void vscode.window.showWarningMessage('mlsec: the language server is not running.');
        return undefined;
      }
      const args: unknown[] = [];
      if (id === 'mlsec.fixAllInFile') {
        const document = vscode.window.activeTextEditor?.document;
        if (!document || document.languageId !== 'python') {
          void vscode.window.showWarningMessage('mlsec: open a Python file first.');
          return undefined;
        }
        args.push(document.uri.toString());
      }
      // The server answers once the edit is applied or declined (the preview stays open meanwhile).
      return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: TITLES[id] }, () =>
        client.sendRequest(ExecuteCommandRequest.type, { command: REMEDIATION_COMMANDS[id], arguments: args }),
      );
    }),
  );
  return [...remediation, vscode.commands.registerCommand('mlsec.showLogs', () => output.show(true))];
}
