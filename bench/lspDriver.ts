// The independent LSP client of the bench, run as its own Node process (driver.ts forks it): it
// spawns a language server over stdio (mlsec's bundle, or `ruff server`), plays one scenario as an
// editor would, times every step here, on the client side of the pipe, and sends the results back
// over the IPC channel. Positions come from vscode-languageserver-textdocument (UTF-16 columns).
//   edits: per planned edit, didChange (version v) then at once textDocument/diagnostic — as VS Code
//     pulls — until diagnostics for version v are received; then the undo (v + 1) the same way. A
//     server without diagnosticProvider is waited on for publishDiagnostics of that version.
//   codeActions: textDocument/codeAction on empty ranges (a cursor move), without `only`, as VS Code
//     sends on a selection change: with no diagnostic in the context, and with the one at the cursor.
import * as path from 'path';
import { spawn } from 'child_process';
import {
  createProtocolConnection,
  ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  ClientCapabilities,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  CodeAction,
  Command,
  Range,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Scenario, ServerSpec, EditsScenario, EditsResult, EditSample, CodeActionsScenario, CodeActionsResult, CodeActionSample, OpenInfo } from './driver';

const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceFolders: true, diagnostics: { refreshSupport: false } },
  textDocument: {
    synchronization: { didSave: false, dynamicRegistration: false },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    publishDiagnostics: { versionSupport: true },
    codeAction: {
      dynamicRegistration: false,
      isPreferredSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll', 'source.organizeImports'] } },
    },
  },
  general: { positionEncodings: ['utf-16'] },
};

const TRIGGER_AUTOMATIC = 2; // CodeActionTriggerKind.Automatic: a selection change, not Ctrl+.

class Session {
  readonly connection: ProtocolConnection;
  pull = false;
  info?: InitializeResult['serverInfo'];
  pushes: PublishDiagnosticsParams[] = [];
  private waiters: (() => void)[] = [];
  private stderr = '';
  private readonly child;

  constructor(readonly spec: ServerSpec) {
    this.child = spawn(spec.command, spec.args, { cwd: spec.root, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d) => (this.stderr = (this.stderr + d).slice(-8000)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.pushes.push(p);
      for (const w of this.waiters.splice(0)) w();
    });
    // An editor's answers to what servers ask: default settings, accepted registrations.
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    for (const m of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'workspace/diagnostic/refresh', 'window/showMessageRequest']) {
      this.connection.onRequest(m, () => null);
    }
    this.connection.listen();
  }

  get uriOfRoot(): string {
    return URI.file(this.spec.root).toString();
  }

  async initialize(): Promise<void> {
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: this.uriOfRoot,
      capabilities: CAPABILITIES,
      workspaceFolders: [{ uri: this.uriOfRoot, name: path.basename(this.spec.root) }],
      initializationOptions: this.spec.initializationOptions,
    })) as InitializeResult;
    this.pull = !!result.capabilities.diagnosticProvider;
    this.info = result.serverInfo;
    await this.connection.sendNotification('initialized', {});
  }

  /** Diagnostics for `uri` at `version`: pulled, or the next push that says it is for that version. */
  async diagnostics(uri: string, version: number, timeoutMs: number): Promise<{ items: Diagnostic[]; answeredVersion?: number }> {
    if (this.pull) {
      const report = (await this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { kind: string; items?: Diagnostic[]; resultId?: string };
      const answered = report.resultId !== undefined && /^\d+$/.test(report.resultId) ? Number(report.resultId) : undefined;
      return { items: report.items ?? [], answeredVersion: answered };
    }
    const found = () => this.pushes.find((p) => p.uri === uri && (p.version === undefined || p.version === version));
    const deadline = Date.now() + timeoutMs;
    for (let hit = found(); ; hit = found()) {
      if (hit) {
        this.pushes = this.pushes.filter((p) => p !== hit);
        return { items: hit.diagnostics, answeredVersion: hit.version };
      }
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri} version ${version} within ${timeoutMs} ms; server stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => (this.child.exitCode !== null ? resolve() : this.child.once('exit', () => resolve())));
    const kill = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.child.kill();
    }
    await exited;
    clearTimeout(kill);
    this.connection.dispose();
  }
}

/** Opens `text` at version 1 and waits for its first diagnostics. */
async function open(s: Session, file: string, text: string, timeoutMs: number): Promise<{ doc: TextDocument; items: Diagnostic[]; info: OpenInfo }> {
  const uri = URI.file(file).toString();
  const doc = TextDocument.create(uri, 'python', 1, text);
  const t0 = performance.now();
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  const { items } = await s.diagnostics(uri, 1, timeoutMs);
  const openMs = performance.now() - t0;
  const codes = [...new Set(items.map((d) => String(d.code)))].sort();
  return { doc, items, info: { pull: s.pull, serverName: s.info?.name, serverVersion: s.info?.version, openMs, codes, items: items.length } };
}

async function runEdits(sc: EditsScenario): Promise<EditsResult> {
  const s = new Session(sc.server);
  try {
    await s.initialize();
    const opened = await open(s, sc.file, sc.text, sc.timeoutMs);
    const info = opened.info;
    let doc = opened.doc;
    const change = async (range: Range, text: string): Promise<{ ms: number; answeredVersion?: number; items: number; version: number }> => {
      const version = doc.version + 1;
      const t0 = performance.now();
      await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version }, contentChanges: [{ range, text }] });
      const d = await s.diagnostics(doc.uri, version, sc.timeoutMs);
      const ms = performance.now() - t0;
      doc = TextDocument.update(doc, [{ range, text }], version);
      return { ms, answeredVersion: d.answeredVersion, items: d.items.length, version };
    };
    const samples: EditSample[] = [];
    const play = async (timed: boolean, edits: EditsScenario['edits']) => {
      for (const e of edits) {
        // Both ranges from the document as it is at that moment: before the edit, then after it.
        const at = doc.positionAt(e.offset);
        const applied = await change({ start: at, end: at }, e.text);
        const end = doc.positionAt(doc.offsetAt(at) + e.text.length);
        const undone = await change({ start: at, end }, '');
        if (doc.getText() !== sc.text) throw new Error(`undo of a ${e.kind} edit at ${e.offset} did not restore the text`);
        if (timed) {
          samples.push({ kind: e.kind, phase: 'apply', ...applied });
          samples.push({ kind: e.kind, phase: 'undo', ...undone });
        }
      }
    };
    await play(false, sc.warmup);
    s.pushes = [];
    await play(true, sc.edits);
    return { ...info, samples, pushes: s.pushes.length };
  } finally {
    await s.stop();
  }
}

function countActions(result: unknown): number {
  return Array.isArray(result) ? result.length : 0;
}

function editCount(actions: (CodeAction | Command)[]): number {
  let n = 0;
  for (const a of actions) {
    const edit = 'edit' in a ? a.edit : undefined;
    for (const edits of Object.values(edit?.changes ?? {})) n += edits.length;
    for (const dc of edit?.documentChanges ?? []) if ('edits' in dc) n += dc.edits.length;
  }
  return n;
}

async function timedAction(s: Session, params: unknown): Promise<CodeActionSample & { result: (CodeAction | Command)[] }> {
  const t0 = performance.now();
  const result = (await s.connection.sendRequest('textDocument/codeAction', params)) as (CodeAction | Command)[] | null;
  return { ms: performance.now() - t0, actions: countActions(result), result: result ?? [] };
}

async function runCodeActions(sc: CodeActionsScenario): Promise<CodeActionsResult> {
  const s = new Session(sc.server);
  try {
    await s.initialize();
    const { doc, items, info } = await open(s, sc.file, sc.text, sc.timeoutMs);
    const uri = doc.uri;
    const request = (range: Range, diagnostics: Diagnostic[], only?: string[]) => ({ textDocument: { uri }, range, context: { diagnostics, only, triggerKind: TRIGGER_AUTOMATIC } });
    const empty: CodeActionSample[] = [];
    for (const offset of sc.cursors) {
      const p = doc.positionAt(offset);
      const { ms, actions } = await timedAction(s, request({ start: p, end: p }, []));
      empty.push({ ms, actions });
    }
    const withDiagnostic: CodeActionSample[] = [];
    for (let i = 0; items.length > 0 && i < sc.atDiagnostics; i++) {
      const d = items[i % items.length];
      const { ms, actions } = await timedAction(s, request({ start: d.range.start, end: d.range.start }, [d]));
      withDiagnostic.push({ ms, actions });
    }
    let big: CodeActionsResult['big'];
    if (sc.big) {
      const b = await open(s, sc.big.file, sc.big.text, sc.timeoutMs);
      const whole = { start: { line: 0, character: 0 }, end: b.doc.positionAt(sc.big.text.length) };
      const fixAll = await timedAction(s, { textDocument: { uri: b.doc.uri }, range: whole, context: { diagnostics: [], only: ['source.fixAll'], triggerKind: TRIGGER_AUTOMATIC } });
      const d = b.items[Math.floor(b.items.length / 2)];
      const at = d ? d.range.start : { line: 0, character: 0 };
      const cursor = await timedAction(s, { textDocument: { uri: b.doc.uri }, range: { start: at, end: at }, context: { diagnostics: d ? [d] : [], triggerKind: TRIGGER_AUTOMATIC } });
      big = {
        findings: b.items.length,
        codes: b.info.codes,
        openMs: b.info.openMs,
        fixAll: { ms: fixAll.ms, actions: fixAll.actions, edits: editCount(fixAll.result) },
        cursor: { ms: cursor.ms, actions: cursor.actions },
      };
    }
    return { ...info, empty, withDiagnostic, big };
  } finally {
    await s.stop();
  }
}

if (require.main === module && process.send) {
  process.once('message', (sc: Scenario) => {
    const run = sc.kind === 'edits' ? runEdits(sc) : runCodeActions(sc);
    run.then(
      (result) => process.send!({ ok: true, result }, () => process.disconnect()),
      (e) => process.send!({ ok: false, error: String((e as Error)?.stack ?? e) }, () => process.disconnect()),
    );
  });
}
