// workspace/executeCommand. Server command ids carry `.server.` so that they never collide with the
// VS Code client's own commands (vscode-languageclient registers server commands automatically).
import type { ExecuteCommandParams } from 'vscode-languageserver/node';
import type { Session } from '../lsp/session';
import { docsUrl } from '../rules/docsUrl';
import { ruleByCode } from '../rules';
import { FIX_COMMANDS, runFixCommand } from './fixCommands';
import { SERVER_COMMAND } from '../protocol';

export const SCAN_WORKSPACE_COMMAND = SERVER_COMMAND.scanWorkspace;
export const SHOW_RULE_DOCS_COMMAND = SERVER_COMMAND.showRuleDocs;
export const SERVER_COMMANDS = [SCAN_WORKSPACE_COMMAND, SHOW_RULE_DOCS_COMMAND, ...FIX_COMMANDS] as const;

export async function onExecuteCommand(session: Session, params: ExecuteCommandParams): Promise<unknown> {
  switch (params.command) {
    case SCAN_WORKSPACE_COMMAND:
      await session.scanner.scan(true);
      return { files: session.results.uris().length, findings: session.totalFindings() };
    case SHOW_RULE_DOCS_COMMAND: {
      const code = typeof params.arguments?.[0] === 'string' ? params.arguments[0].toUpperCase() : '';
      if (!ruleByCode(code)) {
        void session.connection.window.showErrorMessage(`mlsec: unknown rule code '${code}'`);
        return { shown: false };
      }
      if (!session.features.showDocument) {
        void session.connection.window.showInformationMessage(`mlsec ${code}: ${docsUrl(code)}`);
        return { shown: false, uri: docsUrl(code) };
      }
      try {
        const r = await session.connection.window.showDocument({ uri: docsUrl(code), external: true });
        return { shown: r.success, uri: docsUrl(code) };
      } catch {
        return { shown: false, uri: docsUrl(code) };
      }
    }
    default:
      if ((FIX_COMMANDS as readonly string[]).includes(params.command)) return runFixCommand(session, params.command, params.arguments ?? []);
      void session.connection.window.showErrorMessage(`mlsec: unknown command ${params.command}`);
      return undefined;
  }
}
