// End to end: project configuration (pyproject.toml) under the editor settings, code actions from
// the diagnostics' data, and a config file change picked up through the file watcher.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { CodeAction, FullDocumentDiagnosticReport, Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient, PULL_CAPABILITIES } from './lspClient';

describe('language server over stdio: project configuration and code actions', function () {
  let client: TestClient;
  let root: string;
  let settings: Record<string, unknown>;
  const text = 'import torch\nimport requests\nm = torch.load("m.pt")\nr = requests.get(u)\n';

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-proj-'));
    fs.writeFileSync(path.join(root, 'pyproject.toml'), '[tool.mlsec]\nignore = ["B113"]\nexclude = ["generated"]\n');
    fs.mkdirSync(path.join(root, 'generated'));
    fs.writeFileSync(path.join(root, 'generated', 'g.py'), text);
    fs.writeFileSync(path.join(root, 'app.py'), text);
    settings = {};
    client = new TestClient({ settings: () => settings });
  });
  afterEach(async () => {
    assert.strictEqual(await client.stop(), 0);
  });

  const uri = () => URI.file(path.join(root, 'app.py')).toString();
  async function pull(): Promise<Diagnostic[]> {
    return ((await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri() } })) as FullDocumentDiagnosticReport).items;
  }

  it('honours [tool.mlsec] ignore and exclude; editor settings add to them', async () => {
    await client.initialize(PULL_CAPABILITIES, root);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(), languageId: 'python', version: 1, text } });
    assert.deepStrictEqual(
      (await pull()).map((d) => d.code),
      ['B614'],
    );
    const ws = (await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as { items: { uri: string }[] };
    assert.deepStrictEqual(
      ws.items.map((i) => i.uri),
      [],
      'app.py is open, generated/ is excluded',
    );

    settings = { severity: { B614: 'Warning' }, select: ['B1', 'B6'] };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const items = await pull();
    assert.deepStrictEqual(
      items.map((d) => [d.code, d.severity]),
      [['B614', 2]],
    ); // B113 stays ignored by the project

    fs.writeFileSync(path.join(root, 'pyproject.toml'), '[tool.mlsec]\nignore = []\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(path.join(root, 'pyproject.toml')).toString(), type: 2 }] });
    await client.waitFor(() => client.refreshRequests > 0, 'refresh after the config file changed');
    assert.deepStrictEqual(
      (await pull()).map((d) => d.code),
      ['B614', 'B113'],
    );
  });

  it("offers the quick fixes carried in the diagnostics' data", async () => {
    fs.writeFileSync(path.join(root, 'pyproject.toml'), '[tool.mlsec]\n');
    await client.initialize(PULL_CAPABILITIES, root);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(), languageId: 'python', version: 1, text } });
    const diagnostics = await pull();
    const b113 = diagnostics.find((d) => d.code === 'B113') as Diagnostic;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri() },
      range: b113.range,
      context: { diagnostics: [b113], only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title.includes('timeout'));
    assert.ok(fix, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.strictEqual(fix.kind, 'quickfix');
    assert.deepStrictEqual(fix.edit?.changes?.[uri()], [{ range: { start: { line: 3, character: 18 }, end: { line: 3, character: 18 } }, newText: ', timeout=30' }]);
  });
});
