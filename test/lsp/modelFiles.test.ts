// End to end over stdio: model files of the workspace in the workspace scan (push and pull), the
// loading call that names one quoting its verdict in its diagnostic, hover and fix title, and a
// model file changed on disk re-checked through the file watcher.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { CodeAction, Diagnostic, FullDocumentDiagnosticReport, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TestClient, PULL_CAPABILITIES, PUSH_CAPABILITIES } from './lspClient';
import { writeModelFiles } from '../helpers/modelFiles';

const TRAIN = 'import torch\nstate = torch.load("checkpoints/evil.pt")\n';
const EVIL_MESSAGE = 'pickle imports posix.system (in archive/data.pkl at offset 2): loading this file runs code';
const B614 = '`torch.load` without `weights_only=True` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`';

describe('language server over stdio: model files', function () {
  this.timeout(60000);
  let client: TestClient;
  let root: string;
  beforeEach(() => {
    root = writeModelFiles(`
torch_zip('checkpoints/evil.pt', Evil())
torch_zip('checkpoints/good.pt', state_dict())
write('train.py', ${JSON.stringify(TRAIN)}.encode())
`);
    client = new TestClient();
  });
  afterEach(async () => {
    assert.strictEqual(await client.stop(), 0);
    fs.rmSync(root, { recursive: true, force: true });
  });
  const uriOf = (rel: string) => URI.file(path.join(root, rel)).toString();

  it('push: the workspace scan publishes ML301 on the model file and the verdict on the loading call; a change on disk is re-checked', async () => {
    await client.initialize(PUSH_CAPABILITIES, root);
    const evil = await client.diagnosticsFor(uriOf('checkpoints/evil.pt'), (p) => p.diagnostics.length > 0);
    assert.deepStrictEqual(
      evil.diagnostics.map((d) => [d.code, d.severity, d.range, d.message]),
      [['ML301', 1, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, EVIL_MESSAGE]],
    );
    const train = await client.diagnosticsFor(uriOf('train.py'), (p) => p.diagnostics.some((d) => (d.message as string).includes('it loads')));
    assert.deepStrictEqual(
      train.diagnostics.map((d) => d.message),
      [`${B614} (it loads checkpoints/evil.pt: its pickle imports posix.system: loading it runs code)`],
    );
    assert.ok(
      client.registrations.some((r) => JSON.stringify(r.registerOptions).includes('**/*.{pkl,pickle,joblib,bin,ckpt,pt,pth,npy,npz,keras}')),
      'watches model files',
    );

    // The checkpoint is replaced by a clean one: the file watcher's event re-checks it.
    fs.copyFileSync(path.join(root, 'checkpoints/good.pt'), path.join(root, 'checkpoints/evil.pt'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('checkpoints/evil.pt'), type: 2 }] });
    await client.diagnosticsFor(uriOf('checkpoints/evil.pt'), (p: PublishDiagnosticsParams) => p.diagnostics.length === 0, 'ML301 gone');
    const after = await client.diagnosticsFor(uriOf('train.py'), (p) => p.diagnostics.some((d) => (d.message as string).includes('only what')));
    assert.deepStrictEqual(
      after.diagnostics.map((d) => d.message),
      [`${B614} (it loads checkpoints/evil.pt: its pickle imports only what torch.load(weights_only=True) accepts)`],
    );
  });

  it("pull: workspace diagnostics hold the model file; the open file's diagnostic, hover and fix title quote the verdict", async () => {
    await client.initialize(PULL_CAPABILITIES, root);
    const ws = (await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as { items: { uri: string; items: Diagnostic[] }[] };
    const evil = ws.items.find((i) => i.uri === uriOf('checkpoints/evil.pt'));
    assert.deepStrictEqual(
      evil?.items.map((d) => [d.code, d.message]),
      [['ML301', EVIL_MESSAGE]],
    );
    assert.deepStrictEqual(ws.items.find((i) => i.uri === uriOf('checkpoints/good.pt'))?.items, []);

    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf('train.py'), languageId: 'python', version: 1, text: TRAIN } });
    const items = ((await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: uriOf('train.py') } })) as FullDocumentDiagnosticReport).items;
    assert.deepStrictEqual(
      items.map((d) => d.message),
      [`${B614} (it loads checkpoints/evil.pt: its pickle imports posix.system: loading it runs code)`],
    );
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf('train.py') }, position: { line: 1, character: 12 } })) as Hover;
    const value = (hover.contents as { value: string }).value;
    // What the loaded file holds, then the finding's short card (whose message quotes it too).
    assert.ok(value.startsWith('**`checkpoints/evil.pt`**: its pickle imports posix.system: loading it runs code\n\n---\n\n**[B614]('), value.slice(0, 200));
    assert.ok(value.includes(`${B614} (it loads checkpoints/evil.pt: its pickle imports posix.system: loading it runs code)`), value);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf('train.py') },
      range: items[0].range,
      context: { diagnostics: [items[0]], only: ['quickfix'] },
    })) as CodeAction[];
    assert.ok(
      actions.some((a) => a.title === 'Add weights_only=True (checkpoints/evil.pt will no longer load: it imports posix.system)'),
      actions.map((a) => a.title).join(' | '),
    );
  });
});
