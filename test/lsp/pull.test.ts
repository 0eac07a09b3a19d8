// End to end over stdio, as VS Code sees the server: pull diagnostics, workspace diagnostics with
// progress, the status notification, hover, settings changes and commands.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { DocumentDiagnosticReport, WorkspaceDiagnosticReport, Hover, MarkupContent, FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { TestClient, PULL_CAPABILITIES, PUSH_CAPABILITIES } from './lspClient';

function makeWorkspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-ws-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const uriOf = (root: string, name: string) => URI.file(path.join(root, name)).toString();

interface Status {
  state: 'idle' | 'scanning';
  done?: number;
  total?: number;
  findings: number;
}

describe('language server over stdio: pull diagnostics, workspace, hover, settings', function () {
  let client: TestClient;
  let root: string;
  let settings: Record<string, unknown>;

  beforeEach(() => {
    root = makeWorkspace({
      'train.py': 'import torch\nmodel = torch.load("m.pt")\n',
      'net/fetch.py': 'import requests\nrequests.get(URL)\nrequests.post(URL, timeout=5)\n',
      'clean.py': 'print("nothing to see")\n',
      'venv/lib/skipped.py': 'import torch\ntorch.load(x)\n',
    });
    settings = {};
    client = new TestClient({ settings: () => settings });
  });
  afterEach(async () => {
    const code = await client.stop();
    assert.strictEqual(code, 0, `exit code; stderr: ${client.stderr}`);
  });

  const statuses = () => client.notifications.filter((n) => n.method === 'mlsec/status').map((n) => n.params as Status);

  it('scans the workspace with work-done progress and answers workspace/diagnostic', async () => {
    const init = await client.initialize(PULL_CAPABILITIES, root);
    assert.deepStrictEqual(init.capabilities.diagnosticProvider, { identifier: 'mlsec', interFileDependencies: false, workspaceDiagnostics: true });
    const report = (await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as WorkspaceDiagnosticReport;
    const byUri = new Map(report.items.map((i) => [i.uri, i]));
    assert.deepStrictEqual([...byUri.keys()].sort(), [uriOf(root, 'clean.py'), uriOf(root, 'net/fetch.py'), uriOf(root, 'train.py')].sort());
    const fetch = byUri.get(uriOf(root, 'net/fetch.py')) as FullDocumentDiagnosticReport & { uri: string };
    assert.strictEqual(fetch.kind, 'full');
    assert.deepStrictEqual(
      fetch.items.map((d) => [d.code, d.range]),
      [['B113', { start: { line: 1, character: 0 }, end: { line: 1, character: 12 } }]],
    );
    const train = byUri.get(uriOf(root, 'train.py')) as FullDocumentDiagnosticReport;
    assert.deepStrictEqual(
      train.items.map((d) => [d.code, d.range.start, d.range.end]),
      [['B614', { line: 1, character: 8 }, { line: 1, character: 18 }]],
    );

    // Work-done progress: begin … end, with the file counts in the message.
    await client.waitFor(() => client.progress.some((p) => p.value.kind === 'end'), 'progress end');
    const kinds = client.progress.map((p) => p.value.kind);
    assert.strictEqual(kinds[0], 'begin');
    assert.strictEqual(kinds[kinds.length - 1], 'end');
    assert.deepStrictEqual(client.progress[0].value, { kind: 'begin', title: 'mlsec', cancellable: false, message: 'Scanning 0 / 3 files', percentage: 0 });
    const last = client.progress.filter((p) => p.value.kind === 'report').pop();
    assert.deepStrictEqual(last?.value, { kind: 'report', message: 'Scanning 3 / 3 files', percentage: 100 });

    // The status notification went through scanning and ended idle with the total of findings.
    await client.waitFor(() => statuses().some((s) => s.state === 'idle' && s.findings === 2), 'idle status with 2 findings');
    assert.ok(statuses().some((s) => s.state === 'scanning' && s.total === 3));

    // A second pull with the result ids reports every file unchanged.
    const again = (await client.connection.sendRequest('workspace/diagnostic', {
      previousResultIds: report.items.map((i) => ({ uri: i.uri, value: i.resultId as string })),
    })) as WorkspaceDiagnosticReport;
    assert.deepStrictEqual(
      again.items.map((i) => i.kind),
      ['unchanged', 'unchanged', 'unchanged'],
    );
  });

  it('pulls document diagnostics that follow every change, and never pushes to a pull client', async () => {
    await client.initialize(PULL_CAPABILITIES, root);
    const uri = uriOf(root, 'train.py');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: 'import torch\nmodel = torch.load("m.pt")\n' } });
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 25 }, end: { line: 1, character: 25 } }, text: ', weights_only=False' }],
    });
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport & FullDocumentDiagnosticReport;
    assert.strictEqual(report.kind, 'full');
    assert.strictEqual(report.resultId, '2');
    assert.deepStrictEqual(
      report.items.map((d) => [d.code, d.range, d.message]),
      [
        [
          'B614',
          { start: { line: 1, character: 27 }, end: { line: 1, character: 45 } },
          '`torch.load` with `weights_only=False` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`',
        ],
      ],
    );
    assert.deepStrictEqual(client.published, []);
  });

  it('hovers a diagnostic and a code in a nosec comment with the rule docs', async () => {
    await client.initialize(PULL_CAPABILITIES, root);
    const uri = uriOf(root, 'h.py');
    const text = 'import torch\ntorch.load(f)\nx = 1  # nosec B614, B113 # reviewed\n';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    const onCall = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } })) as Hover;
    assert.deepStrictEqual(onCall.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } });
    const md = (onCall.contents as MarkupContent).value;
    assert.strictEqual((onCall.contents as MarkupContent).kind, 'markdown');
    const href = 'https://github.com/mlsec-dev/mlsec/blob/main/docs/rules/B614.md';
    // A short card: the code as a link, the message, the fix and its safety, the full page a click away.
    assert.strictEqual(
      md,
      [
        `**[B614](<${href}>)** torch-unsafe-load · mlsec`,
        '',
        '`torch.load` without `weights_only=True` unpickles arbitrary objects and can run code from the file; pass `weights_only=True`',
        '',
        'Fix available (unsafe: review before applying): Add weights_only=True.',
        '',
        `[Full documentation](<${href}>)`,
      ].join('\n'),
    );

    const onCode = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 23 } })) as Hover;
    assert.deepStrictEqual(onCode.range, { start: { line: 2, character: 21 }, end: { line: 2, character: 25 } });
    assert.strictEqual((onCode.contents as MarkupContent).value.split('\n')[0], '**[B113](<https://github.com/mlsec-dev/mlsec/blob/main/docs/rules/B113.md>)** request-without-timeout · mlsec');
    assert.ok((onCode.contents as MarkupContent).value.split('\n').length <= 6);
    const nothing = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.strictEqual(nothing, null);
  });

  it('applies a settings change without restart: mlsec.ignore hides a diagnostic, and pull clients are asked to refresh', async () => {
    await client.initialize(PULL_CAPABILITIES, root);
    const uri = uriOf(root, 'train.py');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: 'import torch\nmodel = torch.load("m.pt")\n' } });
    const pull = async () => ((await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as FullDocumentDiagnosticReport).items.map((d) => d.code);
    assert.deepStrictEqual(await pull(), ['B614']);
    assert.ok(client.configurationRequests.includes(uri), 'settings are read per document');
    await client.waitFor(() => statuses().some((s) => s.state === 'idle'), 'initial scan');
    const refreshes = client.refreshRequests;

    settings = { ignore: ['B614'] };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor(() => client.refreshRequests > refreshes, 'workspace/diagnostic/refresh');
    assert.deepStrictEqual(await pull(), []);

    settings = { severity: { B614: 'Hint' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor(() => client.refreshRequests > refreshes + 1, 'second refresh');
    const items = ((await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as FullDocumentDiagnosticReport).items;
    assert.deepStrictEqual(
      items.map((d) => [d.code, d.severity]),
      [['B614', 4]],
    );
  });

  it("runs the server commands: scan the workspace, show a rule's docs", async () => {
    settings = { workspaceScan: false };
    await client.initialize(PUSH_CAPABILITIES, root);
    const result = await client.connection.sendRequest('workspace/executeCommand', { command: 'mlsec.server.scanWorkspace', arguments: [] });
    assert.deepStrictEqual(result, { files: 3, findings: 2 });
    const fetch = await client.diagnosticsFor(uriOf(root, 'net/fetch.py'));
    assert.deepStrictEqual(
      fetch.diagnostics.map((d) => d.code),
      ['B113'],
    );
    const shown = await client.connection.sendRequest('workspace/executeCommand', { command: 'mlsec.server.showRuleDocs', arguments: ['B615'] });
    assert.deepStrictEqual(shown, { shown: true, uri: 'https://github.com/mlsec-dev/mlsec/blob/main/docs/rules/B615.md' });
    assert.deepStrictEqual(client.shownDocuments, [{ uri: 'https://github.com/mlsec-dev/mlsec/blob/main/docs/rules/B615.md', external: true }]);
  });

  it('keeps closed files current from file-watcher events (push client)', async () => {
    await client.initialize(PUSH_CAPABILITIES, root);
    const uri = uriOf(root, 'clean.py');
    await client.waitFor(() => statuses().some((s) => s.state === 'idle' && s.findings === 2), 'scan done');
    assert.deepStrictEqual(
      client.registrations.map((r) => [r.method, (r.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern)]),
      [['workspace/didChangeWatchedFiles', ['**/*.py', '**/*.pyi', '**/*.ipynb', '**/pyproject.toml', '**/.bandit', '**/*.{pkl,pickle,joblib,bin,ckpt,pt,pth,npy,npz,keras}']]],
    );
    fs.writeFileSync(path.join(root, 'clean.py'), 'import torch\n\ntorch.load(p)\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    const changed = await client.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
    assert.deepStrictEqual(
      changed.diagnostics.map((d) => [d.code, d.range.start]),
      [['B614', { line: 2, character: 0 }]],
    );
    await client.waitFor(() => statuses().some((s) => s.findings === 3), 'status with 3 findings');

    fs.unlinkSync(path.join(root, 'clean.py'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 0);
  });

  it('tells why a document over the parse budget is not analysed, in one ML900 Error diagnostic on line 1', async () => {
    await client.initialize(PUSH_CAPABILITIES, undefined, { parseBudgetMs: 1 });
    const uri = 'file:///tmp/mlsec-huge.py';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: 'import torch\n' + 'pass\n'.repeat(50000) + 'torch.load(f)\n' } });
    const p = await client.diagnosticsFor(uri);
    assert.strictEqual(p.diagnostics.length, 1);
    assert.strictEqual(p.diagnostics[0].code, 'ML900');
    assert.strictEqual(p.diagnostics[0].severity, 1);
    assert.deepStrictEqual(p.diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.strictEqual(p.diagnostics[0].message, 'file not analysed: over its time limit: parsing took longer than 1 ms (the file is too large or too complex to parse while you type)');
  });

  it('follows workspace folders added after start-up', async () => {
    await client.initialize({ ...PUSH_CAPABILITIES, workspace: { ...PUSH_CAPABILITIES.workspace, workspaceFolders: true } }, root);
    await client.waitFor(() => statuses().some((s) => s.state === 'idle' && s.findings === 2), 'first folder scanned');
    const second = makeWorkspace({ 'more.py': 'import torch\n\n\ntorch.load(p)\n' });
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: URI.file(second).toString(), name: 'second' }], removed: [] },
    });
    const more = await client.diagnosticsFor(uriOf(second, 'more.py'));
    assert.deepStrictEqual(
      more.diagnostics.map((d) => [d.code, d.range.start]),
      [['B614', { line: 3, character: 0 }]],
    );
    await client.waitFor(() => statuses().some((s) => s.state === 'idle' && s.findings === 3), 'status counts both folders');
  });
});
