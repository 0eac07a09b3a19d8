// The language server's workspace scan under faults: scan workers that die (injected with node -r
// into the worker threads), and huge excluded folders, which must never be entered.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { TestClient, PUSH_CAPABILITIES } from '../lsp/lspClient';
import { project } from './helpers';

const VULNERABLE = 'import torch\ntorch.load("m.pt")\n';

function logs(client: TestClient): string[] {
  // Problems only (errors, warnings): the start and scan summaries (info) are tested in editorConventions.test.ts.
  return client.notifications.filter((n) => n.method === 'window/logMessage' && (n.params as { type: number }).type <= 2).map((n) => (n.params as { message: string }).message);
}

describe('robustness: language server workspace scan', function () {
  this.timeout(30000);
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('replaces scan workers that die, retries their file once, gives up on a file that kills every worker, and keeps serving', async () => {
    const dir = project({ 'ok.py': VULNERABLE, 'die-once.py': VULNERABLE, 'die-always.py': VULNERABLE });
    const uri = (name: string) => URI.file(path.join(dir, name)).toString();
    try {
      client = new TestClient({ nodeArgs: ['-r', path.resolve(__dirname, 'preloadDyingWorkers.js')] });
      const c = client;
      await c.initialize(PUSH_CAPABILITIES, dir);
      const codes = async (name: string, test: (codes: string[]) => boolean) =>
        (await c.diagnosticsFor(uri(name), (p) => test(p.diagnostics.map((d) => String(d.code ?? d.message))), name)).diagnostics.map((d) =>
          `${d.code ?? '-'} ${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.code ? '' : d.message}`.trim(),
        );
      assert.deepStrictEqual(await codes('ok.py', (x) => x.length > 0), ['B614 1:0 1']);
      assert.deepStrictEqual(await codes('die-once.py', (x) => x.length > 0), ['B614 1:0 1']);
      assert.ok(fs.existsSync(path.join(dir, 'die-once.py.died')), 'a worker did die on die-once.py');
      // Not analysed: an ML900 Error on line 1 with the reason, like an open document's.
      const dead = await c.diagnosticsFor(uri('die-always.py'), (p) => p.diagnostics.length > 0, 'die-always.py');
      assert.deepStrictEqual(
        dead.diagnostics.map((d) => [d.code, d.severity, d.range, d.message]),
        [['ML900', 1, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'file not analysed: the analysis worker crashed on this file']],
      );
      await c.waitFor(() => logs(c).some((m) => m.includes('die-always.py: skipped')), 'the log line');
      assert.deepStrictEqual(
        logs(c).filter((m) => m.includes('die-always.py')),
        [`mlsec: ${path.join(dir, 'die-always.py')}: skipped: the analysis worker crashed on this file`],
      );
      // The server still serves: an open document, and another scan through fresh workers.
      await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/mlsec-robust/open.py', languageId: 'python', version: 1, text: VULNERABLE } });
      assert.strictEqual((await c.diagnosticsFor('file:///tmp/mlsec-robust/open.py')).diagnostics.length, 1);
      fs.writeFileSync(path.join(dir, 'later.py'), VULNERABLE);
      await c.connection.sendRequest('workspace/executeCommand', { command: 'mlsec.server.scanWorkspace', arguments: [] });
      assert.deepStrictEqual(await codes('later.py', (x) => x.length > 0), ['B614 1:0 1']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never enters node_modules, virtual environments or .gitignored folders, however large', async () => {
    const files: Record<string, string | Buffer> = { '.gitignore': 'bigdata/\n', 'src/a.py': VULNERABLE };
    for (let i = 0; i < 100; i++) {
      files[`node_modules/pkg${i}/m.py`] = VULNERABLE;
      files[`.venv/lib/p${i}/m.py`] = VULNERABLE;
      files[`bigdata/shard${i}/m.py`] = VULNERABLE;
    }
    const dir = project(files);
    fs.mkdirSync(path.join(dir, '.git'));
    process.env.MLSEC_SPY_SEGMENTS = 'node_modules,.venv,bigdata';
    process.env.MLSEC_SPY_ROOT = dir;
    try {
      client = new TestClient({ nodeArgs: ['-r', path.resolve(__dirname, 'preloadFsSpy.js')] });
      const c = client;
      await c.initialize(PUSH_CAPABILITIES, dir);
      const found = await c.diagnosticsFor(URI.file(path.join(dir, 'src', 'a.py')).toString(), (p) => p.diagnostics.length === 1);
      assert.deepStrictEqual(
        found.diagnostics.map((d) => d.code),
        ['B614'],
      );
      const states = () => c.notifications.filter((n) => n.method === 'mlsec/status').map((n) => (n.params as { state?: string }).state);
      await c.waitFor(() => states().includes('scanning') && states().lastIndexOf('idle') > states().indexOf('scanning'), 'the scan to finish');
      const touched = c.published.filter((p) => /node_modules|\.venv|bigdata/.test(p.uri)).map((p) => p.uri);
      assert.deepStrictEqual(touched, []);
      assert.deepStrictEqual(
        c.stderr.split('\n').filter((l) => l.startsWith('MLSEC-SPY')),
        [],
      );
    } finally {
      delete process.env.MLSEC_SPY_SEGMENTS;
      delete process.env.MLSEC_SPY_ROOT;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
