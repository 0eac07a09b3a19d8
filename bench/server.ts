// The bundled language server over stdio, as an editor starts it: start-up to first diagnostics,
// a workspace scan of the generated corpus, a re-scan with nothing changed, and the process's RSS.
import * as fs from 'fs';
import { TestClient, PUSH_CAPABILITIES } from '../test/lsp/lspClient';
import { generateFile } from './corpus';

export interface ServerResult {
  startup: number[];
  spawnToDiagnostics: number[];
  files: number;
  scanMs: number;
  rescanMs: number;
  rssAfterScan: number;
  rssIdle?: number;
}

interface Status {
  state: 'idle' | 'scanning';
  done?: number;
  total?: number;
}

/** Resident set size of a process, from /proc (Linux); NaN elsewhere. */
function rssOf(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

function statuses(client: TestClient): Status[] {
  return client.notifications.filter((n) => n.method === 'mlsec/status').map((n) => n.params as Status);
}

/** Waits for a scan to start and finish after the `from`-th status notification. */
async function scanFinished(client: TestClient, from: number, ms: number): Promise<number> {
  let total = 0;
  await client.waitFor(
    () => {
      const s = statuses(client).slice(from);
      const start = s.findIndex((x) => x.state === 'scanning');
      if (start === -1) return false;
      total = Math.max(total, ...s.slice(start).map((x) => x.total ?? 0));
      return s.slice(start + 1).some((x) => x.state === 'idle');
    },
    'the workspace scan to finish',
    ms,
  );
  return total;
}

export async function benchServer(serverJs: string, folder: string, reps: number): Promise<ServerResult> {
  const text = generateFile(3, 'torch', 400, 1);
  const result: ServerResult = { startup: [], spawnToDiagnostics: [], files: 0, scanMs: 0, rescanMs: 0, rssAfterScan: 0 };
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const client = new TestClient({ server: serverJs });
    try {
      const tInit = performance.now();
      await client.initialize(PUSH_CAPABILITIES);
      const uri = `file:///bench/startup_${i}.py`;
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
      const d = await client.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
      const t1 = performance.now();
      if (d.diagnostics.length === 0) throw new Error('no diagnostics on start-up');
      result.startup.push(t1 - tInit);
      result.spawnToDiagnostics.push(t1 - t0);
    } finally {
      await client.stop();
    }
  }

  const client = new TestClient({ server: serverJs });
  try {
    const t0 = performance.now();
    await client.initialize(PUSH_CAPABILITIES, folder);
    result.files = await scanFinished(client, 0, 240_000);
    result.scanMs = performance.now() - t0;
    // The server releases its workers when the scan ends; give the threads a moment to exit.
    await new Promise((r) => setTimeout(r, 1000));
    result.rssAfterScan = rssOf(client.process.pid);
    const from = statuses(client).length;
    const t1 = performance.now();
    await client.connection.sendRequest('workspace/executeCommand', { command: 'mlsec.server.scanWorkspace', arguments: [] });
    await scanFinished(client, from, 120_000);
    result.rescanMs = performance.now() - t1;
    if (process.argv.includes('--idle-rss')) {
      // The pool stops its workers after 30 s without work.
      await new Promise((r) => setTimeout(r, 32_000));
      result.rssIdle = rssOf(client.process.pid);
    }
  } finally {
    await client.stop();
  }
  return result;
}
