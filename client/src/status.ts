// What the language status item (the `{}` next to "Python" in the status bar of a Python editor)
// says: this file's findings, the workspace scan's progress, the server's state. Kept free of the
// `vscode` module so the wording is unit-tested in plain mocha.

/** Payload of the server's `mlsec/status` notification. */
export interface ServerStatus {
  state: 'idle' | 'scanning';
  done?: number;
  total?: number;
  /** Findings in the whole workspace. */
  findings: number;
}

export type ServerState = 'starting' | 'running' | 'stopped';

export interface StatusInput {
  server: ServerState;
  /** mlsec.enable for the active document. */
  enabled: boolean;
  /** The last `mlsec/status` notification, if any. */
  status?: ServerStatus;
  /** mlsec findings in the active document (VS Code's diagnostics of source `mlsec`). */
  fileFindings: number;
}

export interface StatusView {
  text: string;
  detail: string;
  busy: boolean;
  /** vscode.LanguageStatusSeverity: 0 information, 1 warning, 2 error. */
  severity: 0 | 1 | 2;
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

export function statusView(input: StatusInput): StatusView {
  if (input.server === 'starting') return { text: 'mlsec', detail: 'starting the language server', busy: true, severity: 0 };
  if (input.server === 'stopped') return { text: 'mlsec: stopped', detail: 'the language server stopped; see Show Logs', busy: false, severity: 2 };
  if (!input.enabled) return { text: 'mlsec: off', detail: 'disabled for this file (mlsec.enable)', busy: false, severity: 0 };
  const file = input.fileFindings === 0 ? 'no findings in this file' : `${plural(input.fileFindings, 'finding')} in this file`;
  const s = input.status;
  if (s?.state === 'scanning') {
    const progress = s.total !== undefined ? ` ${s.done ?? 0}/${s.total}` : '';
    return { text: `mlsec: scanning${progress}`, detail: `${file}; ${plural(s.findings, 'finding')} in the workspace so far`, busy: true, severity: 0 };
  }
  const workspace = s ? `; ${plural(s.findings, 'finding')} in the workspace` : '';
  return {
    text: input.fileFindings === 0 ? 'mlsec' : `mlsec: ${input.fileFindings}`,
    detail: `${file}${workspace}`,
    busy: false,
    severity: input.fileFindings === 0 ? 0 : 1,
  };
}

/** The notification is data from another process: accept only the documented shape. */
export function parseServerStatus(value: unknown): ServerStatus | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.state !== 'idle' && v.state !== 'scanning') return undefined;
  if (!isCount(v.findings)) return undefined;
  if (v.done !== undefined && !isCount(v.done)) return undefined;
  if (v.total !== undefined && !isCount(v.total)) return undefined;
  return { state: v.state, findings: v.findings, done: v.done as number | undefined, total: v.total as number | undefined };
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

/** The quick links the status item offers (through one "Actions" link: an item holds one command). */
export const STATUS_ACTIONS: readonly { label: string; command: string }[] = [
  { label: 'Scan Workspace', command: 'mlsec.scanWorkspace' },
  { label: 'Fix All Safe Problems in Workspace', command: 'mlsec.fixAllInWorkspace' },
  { label: 'Pin Hugging Face Downloads to Cached Commits', command: 'mlsec.pinHuggingFaceDownloads' },
  { label: 'Fix All in This File', command: 'mlsec.fixAllInFile' },
  { label: 'Show Logs', command: 'mlsec.showLogs' },
];
