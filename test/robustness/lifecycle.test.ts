// The server's life cycle over a real stdio pipe: a framing error is fatal (one stderr line, a
// non-zero exit, so that the editor restarts the server instead of talking to a zombie), and after
// `shutdown` requests are refused with InvalidRequest until `exit` ends the process (0 after
// shutdown, 1 without).
import * as assert from 'assert';
import { ResponseError } from 'vscode-languageserver-protocol/node';
import { TestClient, PUSH_CAPABILITIES } from '../lsp/lspClient';

const VULNERABLE = 'import torch\nx = torch.load(f)\n';

function exitOf(client: TestClient): Promise<number | null> {
  return new Promise((resolve) => {
    if (client.process.exitCode !== null) resolve(client.process.exitCode);
    else client.process.once('exit', (code) => resolve(code));
  });
}

describe('robustness: server life cycle', function () {
  this.timeout(30000);
  let client: TestClient;
  afterEach(() => {
    if (client.process.exitCode === null) client.process.kill();
    client.connection.dispose();
  });

  for (const [name, frame, reason] of [
    ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{}', 'Content-Length value must be a number. Got abc'],
    ['a header without Content-Length', 'Content-Type: application/vscode-jsonrpc\r\n\r\n{}', 'Header must provide a Content-Length property.'],
    ['a header line without a colon', 'Content-Length 12\r\n\r\n{}', "Message header must separate key and value using ':'"],
  ] as const) {
    it(`${name} is fatal: one line on stderr and exit code 1`, async () => {
      client = new TestClient();
      await client.initialize(PUSH_CAPABILITIES);
      const exited = exitOf(client);
      client.process.stdin!.write(frame);
      assert.strictEqual(await exited, 1);
      assert.deepStrictEqual(client.stderr.split('\n').filter(Boolean), [`mlsec-ls: fatal: unreadable message framing on stdin (${reason}); exiting so that the client can restart the server`]);
    });
  }

  it('a body that is not JSON (with a right length) is not fatal: the next message is served', async () => {
    client = new TestClient();
    await client.initialize(PUSH_CAPABILITIES);
    const body = '{"jsonrpc": "2.0", "method": ';
    client.process.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/mlsec-life/a.py', languageId: 'python', version: 1, text: VULNERABLE } });
    const p = await client.diagnosticsFor('file:///tmp/mlsec-life/a.py');
    assert.deepStrictEqual(
      p.diagnostics.map((d) => d.code),
      ['B614'],
    );
    assert.strictEqual(client.process.exitCode, null);
  });

  it('after shutdown: requests get InvalidRequest, notifications are ignored, exit ends with 0', async () => {
    client = new TestClient();
    await client.initialize(PUSH_CAPABILITIES);
    const uri = 'file:///tmp/mlsec-life/b.py';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: VULNERABLE } });
    await client.diagnosticsFor(uri);
    const exited = exitOf(client);
    assert.strictEqual(await client.connection.sendRequest('shutdown'), null);
    const published = client.published.length;
    for (const [method, params] of [
      ['textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 6 } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 1, character: 4 }, end: { line: 1, character: 14 } }, context: { diagnostics: [] } }],
      ['workspace/executeCommand', { command: 'mlsec.server.scanWorkspace', arguments: [] }],
      ['shutdown', undefined],
    ] as const) {
      await assert.rejects(client.connection.sendRequest(method, params), (e: unknown) => e instanceof ResponseError && e.code === -32600, method);
    }
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/mlsec-life/c.py', languageId: 'python', version: 1, text: VULNERABLE } });
    // A request after the notification: answered (refused) only once the notification was handled.
    await assert.rejects(client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), ResponseError);
    assert.strictEqual(client.published.length, published, 'nothing published after shutdown');
    await client.connection.sendNotification('exit');
    assert.strictEqual(await exited, 0);
  });

  it('exit without shutdown ends with 1', async () => {
    client = new TestClient();
    await client.initialize(PUSH_CAPABILITIES);
    const exited = exitOf(client);
    await client.connection.sendNotification('exit');
    assert.strictEqual(await exited, 1);
  });
});
