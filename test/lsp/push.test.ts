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
    assert.deepStrictEqual(init.capabilities.executeCommandProvider?.commands, ['mlsec.server.scanWorkspace', 'mlsec.server.showRuleDocs']);
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
    assert.deepStrictEqual(third.diagnostics.map((x) => [x.code, x.range.start.line, x.range.start.character, x.range.end.character]), [['B113', 2, 0, 12]]);
  });
});
