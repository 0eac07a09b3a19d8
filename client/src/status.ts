// What the status bar says for a `mlsec/status` notification. Kept free of the `vscode` module so
// the wording is unit-tested in plain mocha.

/** Payload of the server's `mlsec/status` notification. */
export interface ServerStatus {
  state: 'idle' | 'scanning';
  done?: number;
  total?: number;
  findings: number;
}

export interface StatusView {
  text: string;
  tooltip: string;
}

export function statusView(status: ServerStatus): StatusView {
  const findings = `${status.findings} finding${status.findings === 1 ? '' : 's'}`;
  if (status.state === 'scanning') {
    const progress = status.total !== undefined ? ` ${status.done ?? 0}/${status.total}` : '';
    return {
      text: `$(sync~spin) mlsec: scanning${progress}`,
      tooltip: `mlsec is scanning the workspace${progress ? ` (${progress.trim()} files)` : ''}; ${findings} so far. Click to open Problems.`,
    };
  }
  return {
    text: status.findings === 0 ? '$(shield) mlsec' : `$(shield) mlsec: ${status.findings}`,
    tooltip: `mlsec: ${findings}. Click to open Problems.`,
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
