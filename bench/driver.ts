// The bench's side of the independent LSP client: the scenarios it can run, the results it sends
// back, and `runDriver`, which forks `lspDriver.js` (a separate Node process that owns the language
// server's stdio and all the timing), hands it one scenario and waits for its JSON answer. Nothing
// the server does is timed in this process.
import * as path from 'path';
import { fork } from 'child_process';
import type { PlannedEdit, EditKind } from './editPlan';

export interface ServerSpec {
  /** 'mlsec' or 'ruff': how results are labelled, and which checks apply. */
  name: string;
  command: string;
  args: string[];
  /** The server's working folder (also the workspace root the client announces). */
  root: string;
  initializationOptions?: unknown;
}

export interface EditsScenario {
  kind: 'edits';
  server: ServerSpec;
  /** The file's path (its URI is sent; its text below is what is opened). */
  file: string;
  text: string;
  /** Untimed edits first (JIT, caches), then the timed ones; each is applied, then undone. */
  warmup: PlannedEdit[];
  edits: PlannedEdit[];
  timeoutMs: number;
}

export interface CodeActionsScenario {
  kind: 'codeActions';
  server: ServerSpec;
  file: string;
  text: string;
  /** Cursor offsets for the requests with no diagnostic in the context. */
  cursors: number[];
  /** How many requests with a diagnostic at the cursor (cycling over the file's diagnostics). */
  atDiagnostics: number;
  /** A file with very many findings: one fix-all request and one plain cursor request. */
  big?: { file: string; text: string };
  timeoutMs: number;
}

export type Scenario = EditsScenario | CodeActionsScenario;

export interface EditSample {
  kind: EditKind;
  phase: 'apply' | 'undo';
  /** The document version the didChange announced. */
  version: number;
  /** didChange sent → diagnostics for that version received, in the driver process. */
  ms: number;
  /** The version the diagnostics say they are for (mlsec's resultId; a pushed version), if they say. */
  answeredVersion?: number;
  items: number;
}

export interface OpenInfo {
  /** What the server advertised and what the driver therefore used. */
  pull: boolean;
  serverName?: string;
  serverVersion?: string;
  /** didOpen → first diagnostics (ms). */
  openMs: number;
  /** Diagnostic codes on the opened text (sorted, unique) and their count. */
  codes: string[];
  items: number;
}

export interface EditsResult extends OpenInfo {
  samples: EditSample[];
  /** publishDiagnostics notifications received during the timed edits (a pull server that also pushes). */
  pushes: number;
}

export interface CodeActionSample {
  ms: number;
  actions: number;
}

export interface CodeActionsResult extends OpenInfo {
  empty: CodeActionSample[];
  withDiagnostic: CodeActionSample[];
  big?: {
    findings: number;
    codes: string[];
    openMs: number;
    fixAll: CodeActionSample & { edits: number };
    cursor: CodeActionSample;
  };
}

export type DriverResult = EditsResult | CodeActionsResult;

export const DRIVER_JS = path.join(__dirname, 'lspDriver.js');

/** Runs one scenario in a fresh driver process (which starts the server and stops it). */
export function runDriver<T extends DriverResult>(scenario: Scenario): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(DRIVER_JS, [], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    let stderr = '';
    let answer: { ok: true; result: T } | { ok: false; error: string } | undefined;
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('message', (m) => (answer = m as typeof answer));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (answer?.ok) resolve(answer.result);
      else reject(new Error(`lsp driver (${scenario.server.name}, ${scenario.kind}) failed, exit ${code}: ${answer && !answer.ok ? answer.error : ''}\n${stderr.slice(-4000)}`));
    });
    child.send(scenario);
  });
}
