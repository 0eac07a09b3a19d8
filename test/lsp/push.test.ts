// End to end over stdio, as a push-only editor (Neovim, Emacs) sees the server.
import * as assert from 'assert';
import { TestClient, PUSH_CAPABILITIES } from './lspClient';

const URI_A = 'file:///tmp/mlsec-push/a.py';

describe('language server over stdio: push diagnostics', function () {
  let client: TestClient;
  beforeEach(() => {
    client = new TestClient();
  });
  afterEach(async () => {
    await client.stop();
  });

  it('announces incremental sync and no pull diagnostics to a push client', async () => {
    const init = await client.initialize(PUSH_CAPABILITIES);
    assert.deepStrictEqual(init.capabilities.textDocumentSync, { openClose: true, change: 2, save: false });
    assert.strictEqual(init.capabilities.diagnosticProvider, undefined);
    assert.strictEqual(init.capabilities.hoverProvider, true);
    assert.deepStrictEqual(init.capabilities.executeCommandProvider?.commands, [
      'mlsec.server.scanWorkspace',
      'mlsec.server.showRuleDocs',
      'mlsec.server.fixAllInWorkspace',
      'mlsec.server.pinHuggingFaceDownloads',
      'mlsec.server.fixAllInFile',
    ]);
  });

  it('publishes exact diagnostics on open and keeps them current on change', async () => {
    await client.initialize(PUSH_CAPABILITIES);
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: URI_A, languageId: 'python', version: 1, text: 'import torch\nx = torch.load(f)\n' },
    });
    const first = await client.diagnosticsFor(URI_A, (p) => p.version === 1);
    assert.strictEqual(first.diagnostics.length, 1);
    const d = first.diagnostics[0];
    assert.deepStrictEqual(d.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 14 } });
    assert.strictEqual(d.code, 'B614');
    assert.strictEqual(d.source, 'mlsec');
    assert.strictEqual(d.severity, 1);
    assert.deepStrictEqual(d.codeDescription, { href: 'https://github.com/mlsec-dev/mlsec/blob/main/docs/rules/B614.md' });
    assert.deepStrictEqual(d.data, {
      fixes: [{ title: 'Add weights_only=True', safety: 'unsafe', edits: [{ range: { start: { line: 1, character: 16 }, end: { line: 1, character: 16 } }, newText: ', weights_only=True' }] }],
      nodeLines: [1, 1],
      confidence: 'high',
    });

    // Two changes in one notification: insert a line above, then fix the call (positions after the first change).
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI_A, version: 2 },
      contentChanges: [
        { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'import requests\n' },
        { range: { start: { line: 2, character: 16 }, end: { line: 2, character: 16 } }, text: ', weights_only=True' },
      ],
    });
    const second = await client.diagnosticsFor(URI_A, (p) => p.version === 2);
    assert.deepStrictEqual(second.diagnostics, []);

    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI_A, version: 3 },
      contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'requests.get("https://example.org")\n' }],
    });
    const third = await client.diagnosticsFor(URI_A, (p) => p.version === 3);
    assert.deepStrictEqual(
      third.diagnostics.map((x) => [x.code, x.range.start.line, x.range.start.character, x.range.end.character]),
      [['B113', 2, 0, 12]],
    );
  });

  it('publishes in version order and ends on the latest version after a burst of changes', async () => {
    await client.initialize(PUSH_CAPABILITIES);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI_A, languageId: 'python', version: 1, text: 'import torch\n' } });
    for (let v = 2; v <= 30; v++) {
      void client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: URI_A, version: v },
        contentChanges: [{ range: { start: { line: v - 1, character: 0 }, end: { line: v - 1, character: 0 } }, text: 'torch.load(f)\n' }],
      });
    }
    const last = await client.diagnosticsFor(URI_A, (p) => p.version === 30);
    assert.strictEqual(last.diagnostics.length, 29);
    assert.deepStrictEqual(last.diagnostics[28].range, { start: { line: 29, character: 0 }, end: { line: 29, character: 10 } });
    const versions = client.published.filter((p) => p.uri === URI_A).map((p) => p.version as number);
    assert.deepStrictEqual(
      versions,
      [...versions].sort((a, b) => a - b),
    );
    assert.strictEqual(new Set(versions).size, versions.length);
  });

  it('clears the diagnostics of a closed document outside any workspace', async () => {
    await client.initialize(PUSH_CAPABILITIES);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI_A, languageId: 'python', version: 1, text: 'import torch\ntorch.load(f)\n' } });
    await client.diagnosticsFor(URI_A, (p) => p.diagnostics.length === 1);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: URI_A } });
    const closed = await client.diagnosticsFor(URI_A, (p) => p.version === undefined);
    assert.deepStrictEqual(closed.diagnostics, []);
  });

  it('exits with code 0 after shutdown and exit, 1 after exit alone', async () => {
    await client.initialize(PUSH_CAPABILITIES);
    const other = new TestClient();
    await other.initialize(PUSH_CAPABILITIES);
    const exited = new Promise<number | null>((resolve) => other.process.once('exit', (code) => resolve(code)));
    await other.connection.sendNotification('exit');
    assert.strictEqual(await exited, 1);
    other.connection.dispose();
  });
});
