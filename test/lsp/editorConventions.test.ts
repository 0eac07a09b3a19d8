// End to end over stdio: links to the rule pages shipped with the client, the server's log (start,
// configuration per folder, one line per workspace scan, mlsec.logLevel), and the log line for an
// untrusted workspace whose own configuration files still apply.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { TestClient, PULL_CAPABILITIES } from './lspClient';
import { ALL_RULES } from '../../server/src/rules';
import { VERSION } from '../../server/src/version';

const DOCS = path.resolve(__dirname, '../../../docs/rules');

describe('language server over stdio: shipped docs links, logs, trust', function () {
  let client: TestClient;
  let root: string;
  let settings: Record<string, unknown>;
  const logs = () => client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => n.params as { type: number; message: string });

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-conv-'));
    fs.writeFileSync(path.join(root, 'pyproject.toml'), '[tool.mlsec]\nexclude = ["gen"]\n');
    fs.writeFileSync(path.join(root, 'train.py'), 'import torch\nm = torch.load("m.pt")\n');
    fs.writeFileSync(path.join(root, 'ok.py'), 'print(1)\n');
    fs.writeFileSync(path.join(root, 'bin.py'), 'import torch\0\n');
    settings = {};
    client = new TestClient({ settings: () => settings });
  });
  afterEach(async () => {
    assert.strictEqual(await client.stop(), 0);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('links diagnostics and hovers to the pages the client ships (initializationOptions.docsFolder)', async () => {
    await client.initialize(PULL_CAPABILITIES, root, { docsFolder: DOCS });
    const uri = URI.file(path.join(root, 'train.py')).toString();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: 'import torch\nm = torch.load("m.pt")\n' } });
    const items = ((await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] }).items;
    const local = URI.file(path.join(DOCS, 'B614.md')).toString();
    assert.deepStrictEqual(
      items.map((d) => [d.code, d.codeDescription?.href]),
      [['B614', local]],
    );
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 6 } })) as Hover;
    const lines = (hover.contents as MarkupContent).value.split('\n');
    assert.strictEqual(lines[0], `**[B614](<${local}>)** torch-unsafe-load · mlsec`);
    assert.strictEqual(lines[lines.length - 1], `[Full documentation](<${local}>)`);
    assert.ok(lines.filter((l) => l.trim()).length <= 6, lines.join('\n'));
  });

  it('logs the start, the configuration per folder and one line per workspace scan', async () => {
    await client.initialize(PULL_CAPABILITIES, root, { workspaceTrusted: true });
    await client.waitFor(() => logs().some((l) => l.message.startsWith('mlsec: workspace scan:')), 'the scan line');
    const info = logs()
      .filter((l) => l.type === 3)
      .map((l) => l.message);
    assert.match(
      info[0],
      new RegExp(`^mlsec-ls ${VERSION.replace(/\./g, '\\.')} started on Node v[\\d.]+; grammar .*tree-sitter-python\\.wasm \\(runtime .*web-tree-sitter\\.wasm\\); ${ALL_RULES.length} rules$`),
    );
    assert.ok(info.includes(`mlsec: workspace folder ${root}: configuration ${path.join(root, 'pyproject.toml')}`), info.join('\n'));
    assert.match(
      info.find((m) => m.startsWith('mlsec: workspace scan:')) as string,
      /^mlsec: workspace scan: 3 files, 2 findings, 1 skipped \(bin\.py: binary content \(NUL bytes\), not Python source: Python refuses NUL bytes too\), \d+\.\d s$/,
    );
    assert.deepStrictEqual(
      logs().filter((l) => l.message.includes('not trusted')),
      [],
    );
  });

  it('mlsec.logLevel warn: no start or scan lines; an untrusted workspace gets a warning about its config files', async () => {
    settings = { logLevel: 'warn' };
    await client.initialize(PULL_CAPABILITIES, root, { workspaceTrusted: false });
    await client.connection.sendRequest('workspace/executeCommand', { command: 'mlsec.server.scanWorkspace', arguments: [] });
    assert.deepStrictEqual(
      logs().filter((l) => l.type === 3),
      [],
    );
    assert.deepStrictEqual(
      logs()
        .filter((l) => l.message.includes('not trusted'))
        .map((l) => [l.type, l.message]),
      [[2, `mlsec: workspace folder ${root} is not trusted: its pyproject.toml still select, ignore and exclude what mlsec checks; review them`]],
    );
  });
});
