// The language server under hostile protocol traffic: malformed JSON-RPC, unknown methods, unknown
// documents, out-of-range positions, stale versions, and a rule that throws. Each gets an error
// response or a logged warning; the server never dies, and what it reports afterwards equals a
// from-scratch analysis of the same text.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { ResponseError, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { TestClient, PUSH_CAPABILITIES } from '../lsp/lspClient';
import { applyContentChange } from '../helpers/textEdits';

const VULNERABLE = 'import torch\nx = torch.load(f)\n';

function logs(client: TestClient): string[] {
  // Problems only (errors, warnings): the start and scan summaries (info) are tested in editorConventions.test.ts.
  return client.notifications.filter((n) => n.method === 'window/logMessage' && (n.params as { type: number }).type <= 2).map((n) => (n.params as { message: string }).message);
}

/** Diagnostics reduced to what a user sees. */
function shape(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics.map((d) => `${d.code ?? '-'} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.message}`);
}

async function open(client: TestClient, uri: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text } });
  return client.diagnosticsFor(uri, (p) => p.version === version);
}

/** What a fresh document with `text` gets, under a URI of its own. */
async function fromScratch(client: TestClient, text: string): Promise<string[]> {
  const uri = `file:///tmp/mlsec-robust/fresh-${Math.random().toString(36).slice(2)}.py`;
  return shape(await open(client, uri, text));
}

describe('robustness: language server protocol', function () {
  this.timeout(30000);
  let client: TestClient;
  afterEach(async () => {
    await client.stop();
  });

  it('survives malformed JSON-RPC frames and malformed params, then serves as before', async () => {
    client = new TestClient();
    await client.initialize(PUSH_CAPABILITIES);
    const raw = (body: string) => client.process.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    raw('{"jsonrpc": "2.0", "method": '); // truncated JSON
    raw('[1, 2, 3]'); // JSON, but no message
    raw('{"jsonrpc": "2.0"}'); // neither request nor notification
    raw('{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/mlsec-robust/broken.py"}}}');
    raw('{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": null}');
    raw('{"jsonrpc": "2.0", "id": 77, "method": "textDocument/hover", "params": {"textDocument": 5, "position": "x"}}');
    const uri = 'file:///tmp/mlsec-robust/after.py';
    const after = await open(client, uri, VULNERABLE);
    assert.deepStrictEqual(shape(after), ['B614 1:4-1:14 1 `torch.load` without `weights_only=True` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`']);
    assert.strictEqual(client.process.exitCode, null, 'the server is still running');
    // Each malformed message that got through the framing left one log line; none left a stack trace.
    assert.deepStrictEqual(
      logs(client)
        .map((m) => m.split('\n')[0])
        .sort(),
      [
        'Received message which is neither a response nor a notification message:',
        'Received message which is neither a response nor a notification message:',
        'mlsec: didOpen without a uri, version and text; ignored: {"textDocument":{"uri":"file:///tmp/mlsec-robust/broken.py"}}',
        "Notification handler 'textDocument/didChange' failed with message: Cannot read properties of null (reading 'textDocument')",
      ].sort(),
    );
    // The document that arrived without text is usable once opened properly.
    const fixed = await open(client, 'file:///tmp/mlsec-robust/broken.py', VULNERABLE, 2);
    assert.deepStrictEqual(shape(fixed), shape(after));
  });

  it('answers unknown methods with MethodNotFound and ignores unknown notifications', async () => {
    client = new TestClient();
    await client.initialize(PUSH_CAPABILITIES);
    await assert.rejects(client.connection.sendRequest('mlsec/noSuchMethod', {}), (e: unknown) => e instanceof ResponseError && e.code === -32601);
    await client.connection.sendNotification('mlsec/noSuchNotification', { x: 1 });
    await client.connection.sendNotification('$/noSuchThing', {});
    assert.deepStrictEqual(shape(await open(client, 'file:///tmp/mlsec-robust/u.py', VULNERABLE)).length, 1);
  });

  it('requests and notifications for documents that are not open: an empty answer or a warning, never a crash', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-robust-ws-'));
    fs.writeFileSync(path.join(dir, 'closed.py'), VULNERABLE);
    const closedUri = URI.file(path.join(dir, 'closed.py')).toString();
    try {
      client = new TestClient();
      await client.initialize(PUSH_CAPABILITIES, dir);
      const scanned = await client.diagnosticsFor(closedUri, (p) => p.diagnostics.length === 1, 'the workspace scan of closed.py');
      const ghost = 'file:///tmp/mlsec-robust/never-opened.py';
      assert.strictEqual(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: ghost }, position: { line: 0, character: 0 } }), null);
      // A stray change for the closed file must not make the server treat it as open.
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: closedUri, version: 9 }, contentChanges: [{ text: 'x = 1\n' }] });
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: ghost } });
      await client.waitFor(() => logs(client).some((m) => m.includes('didChange for a document that is not open')), 'the warning');
      assert.deepStrictEqual(
        logs(client).filter((m) => m.includes('not open')),
        [`mlsec: ${closedUri}: didChange for a document that is not open; ignored`],
      );
      // A re-scan still publishes the closed file's findings (it would not, were it taken for open).
      const before = client.published.length;
      await client.connection.sendRequest('workspace/executeCommand', { command: 'mlsec.server.scanWorkspace', arguments: [] });
      const again = await client.diagnosticsFor(closedUri, () => client.published.length > before && client.published[client.published.length - 1].uri === closedUri, 'closed.py re-published');
      assert.deepStrictEqual(shape(again), shape(scanned));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('out-of-range positions are clamped; the result equals a from-scratch analysis of the same text', async () => {
    client = new TestClient();
    await client.initialize(PUSH_CAPABILITIES);
    const uri = 'file:///tmp/mlsec-robust/range.py';
    let text = VULNERABLE;
    await open(client, uri, text);
    assert.strictEqual(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 100000, character: 100000 } }), null);
    const changes = [
      { range: { start: { line: 500, character: 3 }, end: { line: 900, character: 0 } }, text: 'y = torch.load(g)\n' }, // past the end: appended
      { range: { start: { line: 0, character: 400 }, end: { line: 0, character: 999 } }, text: ', os' }, // past a line's end: at its end
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }, text: 'z' },
    ];
    for (const c of changes) text = applyContentChange(text, c);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: changes });
    const got = await client.diagnosticsFor(uri, (p) => p.version === 2);
    assert.strictEqual(text, 'import torch, os\nx = torch.load(f)\nz = torch.load(g)\n');
    assert.deepStrictEqual(shape(got), await fromScratch(client, text));
    // A further edit lands where the client thinks it does (the server's line table is intact).
    const next = { range: { start: { line: 2, character: 15 }, end: { line: 2, character: 16 } }, text: 'h, weights_only=True' };
    text = applyContentChange(text, next);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [next] });
    const later = await client.diagnosticsFor(uri, (p) => p.version === 3);
    assert.deepStrictEqual(shape(later), await fromScratch(client, text));
    assert.strictEqual(shape(later).length, 1);
  });

  it('a didChange with a stale version is applied with a logged warning; the next check equals a from-scratch analysis', async () => {
    client = new TestClient();
    await client.initialize(PUSH_CAPABILITIES);
    const uri = 'file:///tmp/mlsec-robust/stale.py';
    let text = VULNERABLE;
    await open(client, uri, text, 5);
    const change = { range: { start: { line: 1, character: 16 }, end: { line: 1, character: 16 } }, text: ', weights_only=False' };
    text = applyContentChange(text, change);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [change] });
    const got = await client.diagnosticsFor(uri, (p) => p.version === 3);
    assert.ok(logs(client).includes(`mlsec: ${uri}: didChange version 3 is not newer than 5; applied anyway`), logs(client).join('\n'));
    assert.deepStrictEqual(shape(got), await fromScratch(client, text));
    assert.match(shape(got)[0], /^B614 1:18-1:36 /);
  });

  it('a NUL character in an open document hides none of the findings after it (none of them offers a fix)', async () => {
    client = new TestClient();
    await client.initialize(PUSH_CAPABILITIES);
    const uri = 'file:///tmp/mlsec-robust/nul.py';
    const text = 'import torch\ntorch.load("a")\nx = "\u0000"\ntorch.load("b")\n\u0000\ndef f():\n    return torch.load("c")\n';
    const got = await open(client, uri, text);
    const message = '`torch.load` without `weights_only=True` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`';
    assert.deepStrictEqual(shape(got), [`B614 1:0-1:10 1 ${message}`, `B614 3:0-3:10 1 ${message}`, `B614 6:11-6:21 1 ${message}`]);
    assert.deepStrictEqual(
      got.diagnostics.map((d) => (d.data as { fixes: unknown[] }).fixes),
      [[], [], []],
    );
    // Typing after the NUL keeps the findings after it (the incremental path parses the same way).
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: 'torch.load("d")\n' }],
    });
    const typed = await client.diagnosticsFor(uri, (p) => p.version === 2);
    assert.deepStrictEqual(shape(typed), [...shape(got), `B614 7:0-7:10 1 ${message}`]);
  });

  it('an open document nested deeper than Python allows gets one ML900 Error diagnostic on line 1 and one log line', async () => {
    client = new TestClient();
    await client.initialize(PUSH_CAPABILITIES);
    const uri = 'file:///tmp/mlsec-robust/deep.py';
    const deep = `import torch\n${Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('')}${' '.repeat(150)}torch.load(f)\n`;
    const got = await open(client, uri, deep);
    assert.deepStrictEqual(shape(got), ['ML900 0:0-0:0 1 file not analysed: indentation nested more than 100 levels deep (Python refuses it too)']);
    // Typing on keeps it skipped, without a second log line.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#' }],
    });
    await client.diagnosticsFor(uri, (p) => p.version === 2);
    assert.deepStrictEqual(
      logs(client).filter((m) => m.includes('deep.py')),
      [`mlsec: ${uri}: not analysed: indentation nested more than 100 levels deep (Python refuses it too)`],
    );
    // Back to normal once the text is.
    const normal = await client.connection
      .sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: VULNERABLE }] })
      .then(() => client.diagnosticsFor(uri, (p) => p.version === 3));
    assert.deepStrictEqual(shape(normal), await fromScratch(client, VULNERABLE));
  });

  it('a rule that throws (injected with node -r) is logged once per document and per scanned file and shown as ML900; the other rules still report', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-robust-ws-'));
    fs.writeFileSync(path.join(dir, 'disk.py'), VULNERABLE);
    const diskUri = URI.file(path.join(dir, 'disk.py')).toString();
    try {
      client = new TestClient({ nodeArgs: ['-r', path.resolve(__dirname, 'preloadThrowingRule.js')] });
      await client.initialize(PUSH_CAPABILITIES, dir);
      const uri = 'file:///tmp/mlsec-robust/throws.py';
      const first = await open(client, uri, VULNERABLE);
      const failed = `file not fully analysed: rule XT900 failed at line 2 (injected failure); its findings in this file may be missing`;
      assert.deepStrictEqual(
        first.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.code === 'ML900' ? d.message : '']),
        [
          ['ML900', 1, 0, failed],
          ['B614', 1, 1, ''],
        ],
      );
      for (const version of [2, 3]) {
        await client.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'torch.load(g)\n' }],
        });
      }
      const third = await client.diagnosticsFor(uri, (p) => p.version === 3);
      assert.deepStrictEqual(
        third.diagnostics.map((d) => `${d.code} ${d.range.start.line}`),
        ['ML900 0', 'B614 1', 'B614 2', 'B614 3'],
      );
      // The workspace scan runs in worker threads, which inherit the preload.
      const disk = await client.diagnosticsFor(diskUri, (p) => p.diagnostics.length === 2, 'the workspace scan of disk.py');
      assert.deepStrictEqual(
        disk.diagnostics.map((d) => [d.code, d.code === 'ML900' ? d.message : '']),
        [
          ['ML900', failed],
          ['B614', ''],
        ],
      );
      await client.waitFor(() => logs(client).some((m) => m.includes('disk.py: rule error')), 'the scan log line');
      assert.deepStrictEqual(
        logs(client).filter((m) => m.includes('XT900')),
        [`mlsec: ${uri}: XT900 failed at line 2: injected failure`, `mlsec: ${path.join(dir, 'disk.py')}: rule error: XT900 failed at line 2: injected failure`],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
