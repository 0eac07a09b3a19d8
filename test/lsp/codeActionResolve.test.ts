// codeAction/resolve over stdio: a client that resolves edits lazily (as VS Code does) gets the
// fix-alls without edits on a cursor move and their edits on resolve — the same edits as when it asks
// by kind (on save); on a notebook cell too, with the edits moved to the cells.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { ClientCapabilities, CodeAction, Diagnostic, FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { TestClient, PULL_CAPABILITIES } from './lspClient';

const RESOLVING: ClientCapabilities = {
  ...PULL_CAPABILITIES,
  textDocument: { ...PULL_CAPABILITIES.textDocument, codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] } } },
  notebookDocument: { synchronization: { dynamicRegistration: false } },
};

describe('language server over stdio: code actions resolved lazily', function () {
  let client: TestClient;
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-resolve-'));
    client = new TestClient();
  });
  afterEach(async () => {
    assert.strictEqual(await client.stop(), 0, client.stderr);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('a Python file: fix-alls offered without edits, resolved to the edits asked for by kind', async () => {
    const init = await client.initialize(RESOLVING, root);
    assert.deepStrictEqual(init.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.mlsec', 'notebook.source.fixAll.mlsec'], resolveProvider: true });
    const uri = URI.file(path.join(root, 'a.py')).toString();
    const text = 'import requests\nr = requests.get(u)\ns = requests.get(v)\n';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    const diagnostics = ((await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as FullDocumentDiagnosticReport).items as Diagnostic[];
    assert.deepStrictEqual(
      diagnostics.map((d) => `${d.code}@${d.range.start.line}`),
      ['B113@1', 'B113@2'],
    );

    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics: [diagnostics[0]] },
    })) as CodeAction[];
    assert.deepStrictEqual(
      actions.map((a) => [a.title, !!a.edit, a.data ?? null]),
      [
        ['Add timeout=30', true, null],
        ['Fix all B113 problems in this file', false, { mlsec: 'fixAll', uri, scope: 'code', code: 'B113' }],
        ['Suppress B113 on this line with a justification', true, null],
        ['Show documentation for B113', false, null],
        ['mlsec: Fix all safe-fixable problems', false, { mlsec: 'fixAll', uri, scope: 'document' }],
      ],
    );
    const both = [
      { range: { start: { line: 1, character: 18 }, end: { line: 1, character: 18 } }, newText: ', timeout=30' },
      { range: { start: { line: 2, character: 18 }, end: { line: 2, character: 18 } }, newText: ', timeout=30' },
    ];
    const perCode = (await client.connection.sendRequest('codeAction/resolve', actions[1])) as CodeAction;
    assert.deepStrictEqual(perCode.edit, { changes: { [uri]: both } });
    assert.strictEqual(perCode.title, 'Fix all B113 problems in this file');
    const fixAll = (await client.connection.sendRequest('codeAction/resolve', actions[4])) as CodeAction;
    assert.deepStrictEqual(fixAll.edit, { changes: { [uri]: both } });
    const onSave = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.deepStrictEqual(
      onSave.map((a) => [a.kind, a.edit]),
      [['source.fixAll.mlsec', fixAll.edit]],
    );

    // Resolved after an edit: the edit fits the text as it is now.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# header\n' }],
    });
    const later = (await client.connection.sendRequest('codeAction/resolve', actions[4])) as CodeAction;
    assert.deepStrictEqual(later.edit, {
      changes: { [uri]: both.map((e) => ({ ...e, range: { start: { ...e.range.start, line: e.range.start.line + 1 }, end: { ...e.range.end, line: e.range.end.line + 1 } } })) },
    });
  });

  it("a notebook cell: the cell's fix-all and the notebook's, resolved to edits on the cells", async () => {
    await client.initialize(RESOLVING, root);
    const nb = URI.file(path.join(root, 'n.ipynb')).toString();
    const cell = (n: number) => `vscode-notebook-cell:${path.join(root, 'n.ipynb')}#cell${n}`;
    const texts = ['import requests', 'r = requests.get(u)', 's = requests.get(v)'];
    await client.connection.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri: nb, notebookType: 'jupyter-notebook', version: 1, cells: texts.map((_, i) => ({ kind: 2, document: cell(i) })) },
      cellTextDocuments: texts.map((text, i) => ({ uri: cell(i), languageId: 'python', version: 1, text })),
    });
    const diagnostics = ((await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: cell(1) } })) as FullDocumentDiagnosticReport).items as Diagnostic[];
    assert.deepStrictEqual(
      diagnostics.map((d) => `${d.code}@${d.range.start.line}`),
      ['B113@0'],
    );
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: cell(1) }, range: diagnostics[0].range, context: { diagnostics } })) as CodeAction[];
    const lazy = actions.filter((a) => !a.edit && !a.command);
    assert.deepStrictEqual(
      lazy.map((a) => [a.title, a.kind, a.data]),
      [
        ['Fix all B113 problems in this file', 'quickfix', { mlsec: 'fixAll', uri: cell(1), scope: 'code', code: 'B113' }],
        ['mlsec: Fix all safe-fixable problems', 'source.fixAll.mlsec', { mlsec: 'fixAll', uri: cell(1), scope: 'document' }],
        ['mlsec: Fix all safe-fixable problems in the notebook', 'notebook.source.fixAll.mlsec', { mlsec: 'fixAll', uri: cell(1), scope: 'notebook' }],
      ],
    );
    const timeout = [{ range: { start: { line: 0, character: 18 }, end: { line: 0, character: 18 } }, newText: ', timeout=30' }];
    const resolved = await Promise.all(lazy.map(async (a) => ((await client.connection.sendRequest('codeAction/resolve', a)) as CodeAction).edit));
    assert.deepStrictEqual(resolved, [
      { changes: { [cell(1)]: timeout, [cell(2)]: timeout } },
      { changes: { [cell(1)]: timeout } }, // the cell's own fix-all stays in the cell
      { changes: { [cell(1)]: timeout, [cell(2)]: timeout } },
    ]);
  });
});
