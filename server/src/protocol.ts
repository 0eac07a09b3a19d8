// The names the VS Code client and the server both use on the wire: the server's commands
// (workspace/executeCommand), the status notification, the settings section and the address of the
// rule pages. The lowest layer, with no imports: the client bundle takes this file and nothing
// else of the server (the dependency check in `npm test` holds it to that).

/** Commands the server registers; the client sends them with workspace/executeCommand. */
export const SERVER_COMMAND = {
  scanWorkspace: 'mlsec.server.scanWorkspace',
  showRuleDocs: 'mlsec.server.showRuleDocs',
  fixAllInWorkspace: 'mlsec.server.fixAllInWorkspace',
  pinHuggingFaceDownloads: 'mlsec.server.pinHuggingFaceDownloads',
  fixAllInFile: 'mlsec.server.fixAllInFile',
} as const;

/** The server's progress notification (scan state, finding count); its parameters: client/src/status.ts. */
export const STATUS_NOTIFICATION = 'mlsec/status';

/** The `source` of every diagnostic the server publishes (the client counts a file's by it). */
export const DIAGNOSTIC_SOURCE = 'mlsec';

/** The settings section: the server pulls it with workspace/configuration, the client syncs it. */
export const SETTINGS_SECTION = 'mlsec';

/** The setting that turns mlsec off for a resource (the client's status item reads it too). */
export const ENABLE_SETTING = `${SETTINGS_SECTION}.enable`;

/**
 * Where a rule's documentation page lives online. The pages are generated into docs/rules/ (npm run
 * docs); the same address is used by SARIF `helpUri`, the diagnostics' `codeDescription` and the
 * client when a page is not shipped.
 */
export const DOCS_BASE_URL = 'https://github.com/mlsec-dev/mlsec/blob/main/docs/rules/';

export function docsUrl(code: string): string {
  return `${DOCS_BASE_URL}${code}.md`;
}
