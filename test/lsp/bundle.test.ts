// The bundled server started as a plain command (`node …/dist/server.js --stdio`), the way Neovim and
// Emacs start it, from a folder with only the bundle files and no node_modules above it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { fork } from 'child_process';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter, InitializeResult } from 'vscode-languageserver-protocol/node';
import { TestClient, PUSH_CAPABILITIES, PULL_CAPABILITIES } from './lspClient';

const dist = path.resolve(__dirname, '../../../dist');

describe('bundled language server (dist/server.js) as a plain command', () => {
  it('analyses open documents and scans the workspace in worker threads from an isolated folder', async () => {
    const iso = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-ls-bundle-'));
    for (const f of ['server.js', 'worker.js', 'web-tree-sitter.wasm', 'tree-sitter-python.wasm']) fs.copyFileSync(path.join(dist, f), path.join(iso, f));
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-ls-project-'));
    fs.writeFileSync(path.join(project, 'closed.py'), 'import requests\nrequests.get(url)\n');
    // A notebook too: the bundle must carry the JSON scanner notebooks are read with (jsonc-parser).
    fs.writeFileSync(
      path.join(project, 'nb.ipynb'),
      JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, outputs: [], source: ['import torch\n', 'torch.load(f)'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }),
    );
    const client = new TestClient({ server: path.join(iso, 'server.js'), cwd: iso });
    try {
      await client.initialize(PUSH_CAPABILITIES, project);
      const closedUri = URI.file(path.join(project, 'closed.py')).toString();
      const closed = await client.diagnosticsFor(closedUri);
      assert.deepStrictEqual(
        closed.diagnostics.map((d) => [d.code, d.range]),
        [['B113', { start: { line: 1, character: 0 }, end: { line: 1, character: 12 } }]],
      );
      const notebook = await client.diagnosticsFor(URI.file(path.join(project, 'nb.ipynb')).toString());
      assert.deepStrictEqual(
        notebook.diagnostics.map((d) => [d.code, (d.message as string).split(':')[0]]),
        [['B614', 'cell 1, line 2']],
      );

      const uri = URI.file(path.join(project, 'open.py')).toString();
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 7, text: 'from torch import load\nload(f)\n' } });
      const open = await client.diagnosticsFor(uri, (p) => p.version === 7);
      assert.deepStrictEqual(
        open.diagnostics.map((d) => [d.code, d.range]),
        [['B614', { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }]],
      );
    } finally {
      assert.strictEqual(await client.stop(), 0);
    }
    assert.strictEqual(client.stderr, '');
  });

  it('speaks LSP over a Node IPC channel with --node-ipc (how the VS Code client starts it)', async () => {
    // This client answers none of the server's requests (progress, watchers, settings, refresh):
    // the server must carry on with defaults.
    const child = fork(path.join(dist, 'server.js'), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const init = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: PULL_CAPABILITIES })) as InitializeResult;
      assert.strictEqual(init.serverInfo?.name, 'mlsec');
      assert.deepStrictEqual(init.capabilities.diagnosticProvider, { identifier: 'mlsec', interFileDependencies: false, workspaceDiagnostics: true });
      await connection.sendNotification('initialized', {});
      const uri = 'file:///tmp/mlsec-ipc.py';
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: 'import requests\nrequests.get(u)\n' } });
      const report = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: { code: string }[] };
      assert.deepStrictEqual(
        report.items.map((d) => d.code),
        ['B113'],
      );
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      assert.strictEqual(await exited, 0);
      assert.strictEqual(stderr, '');
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
