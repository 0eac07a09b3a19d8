// The bundled server started as a plain command (`node …/dist/server.js --stdio`), the way Neovim and
// Emacs start it, from a folder with only the bundle files and no node_modules above it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { TestClient, PUSH_CAPABILITIES } from './lspClient';

const dist = path.resolve(__dirname, '../../../dist');

describe('bundled language server (dist/server.js) as a plain command', () => {
  it('analyses open documents and scans the workspace in worker threads from an isolated folder', async () => {
    const iso = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-ls-bundle-'));
    for (const f of ['server.js', 'worker.js', 'web-tree-sitter.wasm', 'tree-sitter-python.wasm']) fs.copyFileSync(path.join(dist, f), path.join(iso, f));
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-ls-project-'));
    fs.writeFileSync(path.join(project, 'closed.py'), 'import requests\nrequests.get(url)\n');
    const client = new TestClient({ server: path.join(iso, 'server.js'), cwd: iso });
    try {
      await client.initialize(PUSH_CAPABILITIES, project);
      const closedUri = URI.file(path.join(project, 'closed.py')).toString();
      const closed = await client.diagnosticsFor(closedUri);
      assert.deepStrictEqual(closed.diagnostics.map((d) => [d.code, d.range]), [['B113', { start: { line: 1, character: 0 }, end: { line: 1, character: 12 } }]]);

      const uri = URI.file(path.join(project, 'open.py')).toString();
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 7, text: 'from torch import load\nload(f)\n' } });
      const open = await client.diagnosticsFor(uri, (p) => p.version === 7);
      assert.deepStrictEqual(open.diagnostics.map((d) => [d.code, d.range]), [['B614', { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }]]);
    } finally {
      assert.strictEqual(await client.stop(), 0);
    }
    assert.strictEqual(client.stderr, '');
  });
});
