// The VS Code client: starts the bundled language server over Node IPC, wires the commands
// (commands.ts) and the language status item (languageStatus.ts). All analysis happens in the server
// (dist/server.js, beside this bundle).
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { isRuleCode, listRuleDocs, ruleDocsUrl } from './ruleDocs';
import { parseServerStatus } from './status';
import { LanguageStatus } from './languageStatus';
import { registerCommands } from './commands';
import { SERVER_COMMAND, SETTINGS_SECTION, STATUS_NOTIFICATION } from '../../server/src/protocol';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // vscode-languageclient 11 logs through `.error/.info`: it needs a *log* output channel.
  const output = vscode.window.createOutputChannel('mlsec', { log: true });
  const status = new LanguageStatus();
  context.subscriptions.push(output, status);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'python', scheme: 'file' },
      { language: 'python', scheme: 'untitled' },
      // Python cells of Jupyter notebooks: with this, vscode-languageclient syncs them through LSP
      // notebook sync (the server announces notebookDocumentSync) and asks hovers, code actions and
      // diagnostics of the cells.
      { notebook: 'jupyter-notebook', language: 'python' },
    ],
    outputChannel: output,
    // The server links diagnostics and hovers to these shipped pages (file URIs): they open offline.
    // workspaceTrusted: the server notes in its log when an untrusted repository's own config files apply.
    initializationOptions: { docsFolder: context.asAbsolutePath('docs/rules'), workspaceTrusted: vscode.workspace.isTrusted },
    // The server pulls settings with workspace/configuration; this makes the client tell it when the
    // `mlsec` section changes. (File watchers: the server registers its own.)
    synchronize: { configurationSection: SETTINGS_SECTION },
    middleware: {
      // The "Show documentation for B614" code action runs the server's command, which asks for the
      // page online; the extension ships the pages, so open the local one in a preview instead.
      executeCommand: async (command, args, next) => {
        const code = args[0];
        if (command === SERVER_COMMAND.showRuleDocs && typeof code === 'string' && openShippedRuleDoc(context, code)) return undefined;
        return next(command, args);
      },
    },
  };
  // Client id `mlsec`: vscode-languageclient reads the `mlsec.trace.server` setting by that id.
  const languageClient = new LanguageClient('mlsec', 'mlsec', serverOptions, clientOptions);
  client = languageClient;

  languageClient.onNotification(STATUS_NOTIFICATION, (params: unknown) => {
    const parsed = parseServerStatus(params);
    if (!parsed) {
      output.warn(`ignored a malformed ${STATUS_NOTIFICATION} notification: ${JSON.stringify(params)}`);
      return;
    }
    status.setStatus(parsed);
  });
  context.subscriptions.push(
    languageClient.onDidChangeState((e) => {
      status.setServerState(e.newState === State.Starting ? 'starting' : e.newState === State.Running ? 'running' : 'stopped');
    }),
    ...registerCommands(languageClient, output),
    vscode.commands.registerCommand('mlsec.scanWorkspace', async () => {
      if (!languageClient.isRunning()) {
        void vscode.window.showWarningMessage('mlsec: the language server is not running.');
        return;
      }
      await languageClient.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMAND.scanWorkspace, arguments: [] });
    }),
    vscode.commands.registerCommand('mlsec.restartServer', async () => {
      output.info('restarting the language server');
      await languageClient.restart();
    }),
    vscode.commands.registerCommand('mlsec.showRuleDocs', (code?: unknown) => showRuleDocs(context, code)),
  );

  try {
    await languageClient.start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    output.error(`the language server failed to start: ${message}`);
    void vscode.window.showErrorMessage(`mlsec: the language server failed to start (${message}). See the mlsec output channel.`);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Opens a rule's page: the shipped markdown in a preview, else its online address. */
async function showRuleDocs(context: vscode.ExtensionContext, code: unknown): Promise<void> {
  const docs = listRuleDocs(context.extensionPath);
  let chosen = typeof code === 'string' && isRuleCode(code) ? code : undefined;
  if (!chosen && docs.length > 0) {
    const pick = await vscode.window.showQuickPick(
      docs.map((d) => ({ label: d.code, description: d.title })),
      { title: 'mlsec: rule documentation', placeHolder: 'Choose a rule' },
    );
    chosen = pick?.label;
  } else if (!chosen) {
    chosen = (
      await vscode.window.showInputBox({
        title: 'mlsec: rule documentation',
        prompt: 'Rule code, for example B614',
        validateInput: (v) => (isRuleCode(v.trim()) ? undefined : 'A rule code looks like B614 or ML101'),
      })
    )?.trim();
  }
  if (!chosen) return;
  if (!openShippedRuleDoc(context, chosen)) await vscode.env.openExternal(vscode.Uri.parse(ruleDocsUrl(chosen)));
}

/** Opens docs/rules/<code>.md from the extension in a Markdown preview; false when not shipped. */
function openShippedRuleDoc(context: vscode.ExtensionContext, code: string): boolean {
  const doc = listRuleDocs(context.extensionPath).find((d) => d.code === code.toUpperCase());
  if (!doc) return false;
  void vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(doc.file));
  return true;
}
