// Notebooks over stdio with LSP 3.17 notebook sync: cells analysed together, diagnostics on the cell
// URIs (pushed and pulled), edits and new cells, hover, quick fixes and the notebook fix-all with
// edits on the cells, and the workspace scan's diagnostics for a notebook that is not open.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { CodeAction, Hover, MarkupContent, FullDocumentDiagnosticReport, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import { TestClient, PULL_CAPABILITIES, PUSH_CAPABILITIES } from './lspClient';

const NOTEBOOK_CAPABILITIES = { notebookDocument: { synchronization: { dynamicRegistration: false } } };

function workspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-nbws-'));
  const closed = {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# closed'] },
      { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['import torch\n', 'm = torch.load(p)\n'] },
    ],
    metadata: { language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.writeFileSync(path.join(root, 'closed.ipynb'), JSON.stringify(closed, null, 1) + '\n');
  return root;
}

const cellUri = (root: string, n: number) => `vscode-notebook-cell:${path.join(root, 'open.ipynb')}#cell${n}`;

async function openNotebook(client: TestClient, root: string): Promise<string> {
  const uri = URI.file(path.join(root, 'open.ipynb')).toString();
  const texts = ['# title', 'import torch\nimport requests\n!pip install torch', 'x = 1\nm = torch.load(p)', 'r = requests.get(u)'];
  await client.connection.sendNotification('notebookDocument/didOpen', {
    notebookDocument: { uri, notebookType: 'jupyter-notebook', version: 1, cells: texts.map((_, i) => ({ kind: i === 0 ? 1 : 2, document: cellUri(root, i) })) },
    cellTextDocuments: texts.map((text, i) => ({ uri: cellUri(root, i), languageId: i === 0 ? 'markdown' : 'python', version: 1, text })),
  });
  return uri;
}

const codes = (items: { code?: string | number; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[]) =>
  items.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);

describe('language server over stdio: Jupyter notebooks (notebook sync)', function () {
  let client: TestClient;
  let root: string;
  beforeEach(() => {
    root = workspace();
    client = new TestClient();
  });
  afterEach(async () => {
    assert.strictEqual(await client.stop(), 0, client.stderr);
  });

  it('push: diagnostics per cell that follow edits and new cells; the closed notebook on its file; quick fix, hover, notebook fix-all', async () => {
    const init = await client.initialize({ ...PUSH_CAPABILITIES, ...NOTEBOOK_CAPABILITIES }, root);
    assert.deepStrictEqual(init.capabilities.notebookDocumentSync, { notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }], save: false });

    // The workspace scan: a notebook never opened is reported on the .ipynb file, at the code inside the JSON.
    const closedUri = URI.file(path.join(root, 'closed.ipynb')).toString();
    const closed = await client.diagnosticsFor(closedUri, (p) => p.diagnostics.length > 0);
    assert.deepStrictEqual(
      closed.diagnostics.map((d) => [d.code, (d.message as string).split(' without')[0], d.range]),
      [['B614', 'cell 2, line 2: `torch.load`', { start: { line: 16, character: 9 }, end: { line: 16, character: 19 } }]],
    );
    assert.strictEqual(fs.readFileSync(path.join(root, 'closed.ipynb'), 'utf8').split('\n')[16], '    "m = torch.load(p)\\n"');

    await openNotebook(client, root);
    const cell2 = await client.diagnosticsFor(cellUri(root, 2), (p) => p.diagnostics.length > 0);
    assert.deepStrictEqual(codes(cell2.diagnostics), ['B614 1:4-1:14']);
    const cell3 = await client.diagnosticsFor(cellUri(root, 3), (p) => p.diagnostics.length > 0);
    assert.deepStrictEqual(codes(cell3.diagnostics), ['B113 0:4-0:16']);

    // Hover over the finding in cell 2.
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: cellUri(root, 2) }, position: { line: 1, character: 6 } })) as Hover;
    assert.match((hover.contents as MarkupContent).value, /B614/);
    assert.deepStrictEqual(hover.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 14 } });

    // Quick fix on the cell: the edit is on the cell's URI, in the cell's coordinates.
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: cellUri(root, 2) },
      range: cell2.diagnostics[0].range,
      context: { diagnostics: cell2.diagnostics, only: ['quickfix'] },
    })) as CodeAction[];
    const add = actions.find((a) => a.title === 'Add weights_only=True');
    assert.deepStrictEqual(add?.edit, { changes: { [cellUri(root, 2)]: [{ range: { start: { line: 1, character: 16 }, end: { line: 1, character: 16 } }, newText: ', weights_only=True' }] } });

    // The notebook-wide fix-all: safe fixes in every cell (here B113 in cell 3).
    const fixAll = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: cellUri(root, 1) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['notebook.source.fixAll'] },
    })) as CodeAction[];
    assert.deepStrictEqual(
      fixAll.map((a) => [a.kind, a.edit]),
      [['notebook.source.fixAll.mlsec', { changes: { [cellUri(root, 3)]: [{ range: { start: { line: 0, character: 18 }, end: { line: 0, character: 18 } }, newText: ', timeout=30' }] } }]],
    );

    // source.fixAll on a cell (what VS Code asks each cell on save) edits that cell only.
    const fixAllIn = async (n: number) =>
      (
        (await client.connection.sendRequest('textDocument/codeAction', {
          textDocument: { uri: cellUri(root, n) },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [], only: ['source.fixAll'] },
        })) as CodeAction[]
      ).map((a) => [a.kind, a.edit]);
    assert.deepStrictEqual(await fixAllIn(1), []);
    assert.deepStrictEqual(await fixAllIn(3), [
      ['source.fixAll.mlsec', { changes: { [cellUri(root, 3)]: [{ range: { start: { line: 0, character: 18 }, end: { line: 0, character: 18 } }, newText: ', timeout=30' }] } }],
    ]);

    // Edit cell 2 (the fix applied by hand): its diagnostics clear.
    client.published.length = 0;
    await client.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: URI.file(path.join(root, 'open.ipynb')).toString(), version: 2 },
      change: {
        cells: {
          textContent: [{ document: { uri: cellUri(root, 2), version: 2 }, changes: [{ range: { start: { line: 1, character: 16 }, end: { line: 1, character: 16 } }, text: ', weights_only=True' }] }],
        },
      },
    });
    await client.diagnosticsFor(cellUri(root, 2), (p) => p.diagnostics.length === 0, 'cell 2 cleared');

    // A new cell using the import of cell 1 is analysed with it.
    await client.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: URI.file(path.join(root, 'open.ipynb')).toString(), version: 3 },
      change: {
        cells: {
          structure: {
            array: { start: 4, deleteCount: 0, cells: [{ kind: 2, document: cellUri(root, 4) }] },
            didOpen: [{ uri: cellUri(root, 4), languageId: 'python', version: 1, text: '%time s = torch.load(q)' }],
          },
        },
      },
    });
    const cell4 = await client.diagnosticsFor(cellUri(root, 4), (p) => p.diagnostics.length > 0);
    assert.deepStrictEqual(codes(cell4.diagnostics), ['B614 0:10-0:20']);
  });

  it("pull: textDocument/diagnostic on a cell URI; the open notebook's file entry is emptied in workspace/diagnostic", async () => {
    await client.initialize({ ...PULL_CAPABILITIES, ...NOTEBOOK_CAPABILITIES }, root);
    const first = (await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as WorkspaceDiagnosticReport;
    const closedUri = URI.file(path.join(root, 'closed.ipynb')).toString();
    assert.deepStrictEqual(
      first.items.map((i) => [i.uri, codes((i as FullDocumentDiagnosticReport).items)]),
      [[closedUri, ['B614 16:9-16:19']]],
    );
    await openNotebook(client, root);
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: cellUri(root, 2) } })) as FullDocumentDiagnosticReport;
    assert.deepStrictEqual(codes(report.items), ['B614 1:4-1:14']);
    const markdown = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: cellUri(root, 0) } })) as FullDocumentDiagnosticReport;
    assert.deepStrictEqual(markdown.items, []);
    assert.strictEqual(client.published.length, 0, 'nothing pushed to a pull client');
  });
});
