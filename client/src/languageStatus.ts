// The language status item for Python editors (replaces the status bar item, which repeated the
// Problems count and showed in every editor). It counts this file's mlsec diagnostics itself (VS
// Code's own count is for all sources) and shows the workspace scan's progress from `mlsec/status`.
import * as vscode from 'vscode';
import { ServerState, ServerStatus, STATUS_ACTIONS, statusView } from './status';
import { DIAGNOSTIC_SOURCE, ENABLE_SETTING, SETTINGS_SECTION } from '../../server/src/protocol';

export const SHOW_ACTIONS_COMMAND = 'mlsec.statusActions';

export class LanguageStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly disposables: vscode.Disposable[] = [];
  private server: ServerState = 'starting';
  private status: ServerStatus | undefined;

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('mlsec.status', { language: 'python' });
    this.item.name = 'mlsec';
    this.item.command = { title: 'Actions…', command: SHOW_ACTIONS_COMMAND, tooltip: 'Scan, fix, pin Hugging Face downloads, show logs' };
    this.disposables.push(
      this.item,
      vscode.commands.registerCommand(SHOW_ACTIONS_COMMAND, async () => {
        const pick = await vscode.window.showQuickPick(
          STATUS_ACTIONS.map((a) => ({ label: a.label, command: a.command })),
          { title: 'mlsec' },
        );
        if (pick) await vscode.commands.executeCommand(pick.command);
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.render();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(ENABLE_SETTING)) this.render();
      }),
    );
    this.render();
  }

  setServerState(state: ServerState): void {
    this.server = state;
    this.render();
  }

  setStatus(status: ServerStatus): void {
    this.status = status;
    this.render();
  }

  private render(): void {
    const document = vscode.window.activeTextEditor?.document;
    const fileFindings = document ? vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === DIAGNOSTIC_SOURCE).length : 0;
    const enabled = vscode.workspace.getConfiguration(SETTINGS_SECTION, document?.uri).get<boolean>('enable', true);
    const view = statusView({ server: this.server, enabled, status: this.status, fileFindings });
    this.item.text = view.text;
    this.item.detail = view.detail;
    this.item.busy = view.busy;
    this.item.severity = view.severity as vscode.LanguageStatusSeverity;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
