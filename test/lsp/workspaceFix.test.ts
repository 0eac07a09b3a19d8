// End to end over stdio: the remediation commands build ONE workspace edit across files with the
// same engine as `mlsec scan --fix`: an open document edited at its version, closed files (never
// opened) edited with version null, change annotations that need confirmation (VS Code's refactor
// preview), the Hugging Face pin limited to cached commits, Fix All in This File without a preview.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { ApplyWorkspaceEditParams, ClientCapabilities, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { TestClient, PULL_CAPABILITIES } from './lspClient';
import { applyEdits } from '../../server/src/fixes/offsets';

const MODEL_SHA = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d';
const DATASET_SHA = 'feedc0de00112233445566778899aabbccddeeff';

const CAPABILITIES: ClientCapabilities = {
  ...PULL_CAPABILITIES,
  workspace: { ...PULL_CAPABILITIES.workspace, applyEdit: true, workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } } },
};

const OPEN = 'import requests\n\nr = requests.get(url)\n';
const CLOSED = 'import requests\r\nimport torch\r\n\r\nx = requests.post(u, data=d)\r\nm = torch.load("m.pt")\r\n';
const HF = [
  'from transformers import AutoModel',
  'from datasets import load_dataset',
  'import requests',
  '',
  'model = AutoModel.from_pretrained("acme-fix/sentiment-bert")',
  'ds = load_dataset("acme-fix/reviews", revision="main")',
  'other = AutoModel.from_pretrained("acme-fix/not-cached")',
  'r = requests.get(url)',
  '',
].join('\n');
const CLEAN = 'print("nothing to fix")\n';

describe('language server over stdio: workspace remediation commands', function () {
  let client: TestClient;
  let root: string;
  let cache: string;
  let settings: Record<string, unknown>;
  const edits: ApplyWorkspaceEditParams[] = [];
  const file = (name: string) => path.join(root, name);
  const uriOf = (name: string) => URI.file(file(name)).toString();

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-wsfix-'));
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-hfcache-'));
    for (const [folder, sha] of [
      ['models--acme-fix--sentiment-bert', MODEL_SHA],
      ['datasets--acme-fix--reviews', DATASET_SHA],
    ]) {
      fs.mkdirSync(path.join(cache, folder, 'refs'), { recursive: true });
      fs.writeFileSync(path.join(cache, folder, 'refs', 'main'), `${sha}\n`);
    }
    fs.writeFileSync(file('open.py'), OPEN);
    fs.writeFileSync(file('closed.py'), CLOSED);
    fs.writeFileSync(file('hf.py'), HF);
    fs.writeFileSync(file('clean.py'), CLEAN);
    settings = {};
    edits.length = 0;
    client = new TestClient({ settings: () => settings });
    client.connection.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
      edits.push(p);
      return { applied: true };
    });
    await client.initialize(CAPABILITIES, root, { scanParseBudgetMs: 10000 });
  });
  afterEach(async () => {
    assert.strictEqual(await client.stop(), 0);
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(cache, { recursive: true, force: true });
  });

  /** Applies one TextDocumentEdit to the text it was built for. */
  function applied(change: TextDocumentEdit, text: string): string {
    return applyEdits(
      text,
      change.edits.map((e) => ({ range: e.range, newText: (e as TextEdit).newText })),
    );
  }

  it('Fix All Safe Problems in Workspace: one edit, open and closed files, each needing confirmation', async () => {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf('open.py'), languageId: 'python', version: 7, text: OPEN } });
    const result = await client.connection.sendRequest('workspace/executeCommand', { command: 'mlsec.server.fixAllInWorkspace', arguments: [] });
    assert.strictEqual(edits.length, 1);
    const [params] = edits;
    assert.deepStrictEqual(params.metadata, { isRefactoring: true });
    const changes = (params.edit.documentChanges as TextDocumentEdit[]).slice().sort((a, b) => a.textDocument.uri.localeCompare(b.textDocument.uri));
    assert.deepStrictEqual(
      changes.map((c) => [path.basename(URI.parse(c.textDocument.uri).fsPath), c.textDocument.version]),
      [
        ['closed.py', null],
        ['hf.py', null],
        ['open.py', 7],
      ],
    );
    const byName = (n: string) => changes.find((c) => c.textDocument.uri === uriOf(n)) as TextDocumentEdit;
    assert.strictEqual(applied(byName('open.py'), OPEN), 'import requests\n\nr = requests.get(url, timeout=30)\n');
    assert.strictEqual(applied(byName('closed.py'), CLOSED), 'import requests\r\nimport torch\r\n\r\nx = requests.post(u, data=d, timeout=30)\r\nm = torch.load("m.pt")\r\n');
    // (torch.load's weights_only=True breaks a checkpoint that pickles objects: an unsafe fix, left alone.)
    // The safe command never pins a download (an unsafe fix) nor writes a placeholder.
    assert.strictEqual(applied(byName('hf.py'), HF), HF.replace('r = requests.get(url)', 'r = requests.get(url, timeout=30)'));
    // Every edit carries the one annotation that needs confirmation, labelled with what it fixes.
    assert.deepStrictEqual(
      changes.map((c) => c.edits.map((e) => (e as { annotationId?: string }).annotationId)),
      [['mlsec.remediation'], ['mlsec.remediation'], ['mlsec.remediation']],
    );
    assert.deepStrictEqual(params.edit.changeAnnotations, {
      'mlsec.remediation': { label: 'mlsec: fix 3 problems (B113×3) in 3 files', description: 'safe fixes', needsConfirmation: true },
    });
    assert.deepStrictEqual(result, { applied: true, files: 3, fixes: 3 });
    // Nothing was written by the server itself: the client applies (after the preview).
    assert.strictEqual(fs.readFileSync(file('closed.py'), 'utf8'), CLOSED);
  });

  it('Pin Hugging Face Downloads: only the cached commits, from mlsec.huggingFaceCache', async () => {
    settings = { huggingFaceCache: cache };
    fs.writeFileSync(file('hf2.py'), 'from huggingface_hub import hf_hub_download\np = hf_hub_download("acme-fix/sentiment-bert", "config.json")\n');
    const result = await client.connection.sendRequest('workspace/executeCommand', { command: 'mlsec.server.pinHuggingFaceDownloads', arguments: [] });
    assert.deepStrictEqual(result, { applied: true, files: 2, fixes: 3 });
    const changes = (edits[0].edit.documentChanges as TextDocumentEdit[]).slice().sort((a, b) => a.textDocument.uri.localeCompare(b.textDocument.uri));
    assert.deepStrictEqual(
      changes.map((c) => c.textDocument.uri),
      [uriOf('hf.py'), uriOf('hf2.py')],
    );
    assert.strictEqual(
      applied(changes[0], HF),
      HF.replace('from_pretrained("acme-fix/sentiment-bert")', `from_pretrained("acme-fix/sentiment-bert",\n${' '.repeat(34)}revision="${MODEL_SHA}")`).replace(
        'revision="main"',
        `revision="${DATASET_SHA}"`,
      ),
    );
    assert.strictEqual(
      applied(changes[1], fs.readFileSync(file('hf2.py'), 'utf8')),
      `from huggingface_hub import hf_hub_download\np = hf_hub_download("acme-fix/sentiment-bert", "config.json",\n${' '.repeat(20)}revision="${MODEL_SHA}")\n`,
    );
    assert.deepStrictEqual(
      Object.values(edits[0].edit.changeAnnotations ?? {}).map((a) => a.label),
      ['mlsec: pin 3 problems (B615×2, ML101×1) in 2 files'],
    );
  });

  it('Pin Hugging Face Downloads with no cache: nothing sent, the user is told why', async () => {
    settings = { huggingFaceCache: path.join(cache, 'missing') };
    const result = await client.connection.sendRequest('workspace/executeCommand', { command: 'mlsec.server.pinHuggingFaceDownloads', arguments: [] });
    assert.deepStrictEqual(result, { applied: false, files: 0, fixes: 0, reason: 'nothing to fix' });
    assert.strictEqual(edits.length, 0);
  });

  it('Fix All in This File: that document only, at its version, without a preview', async () => {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf('open.py'), languageId: 'python', version: 3, text: OPEN } });
    const result = await client.connection.sendRequest('workspace/executeCommand', { command: 'mlsec.server.fixAllInFile', arguments: [uriOf('open.py')] });
    assert.deepStrictEqual(result, { applied: true, files: 1, fixes: 1 });
    assert.deepStrictEqual(edits[0].edit, {
      documentChanges: [{ textDocument: { uri: uriOf('open.py'), version: 3 }, edits: [{ range: { start: { line: 2, character: 20 }, end: { line: 2, character: 20 } }, newText: ', timeout=30' }] }],
    });
  });

  it('mlsec.fixAll off: no source.fixAll.mlsec; codeAction toggles remove fixes and nosec actions', async () => {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf('open.py'), languageId: 'python', version: 1, text: OPEN } });
    const diagnostics = ((await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: uriOf('open.py') } })) as { items: unknown[] }).items;
    const titles = async () =>
      (
        (await client.connection.sendRequest('textDocument/codeAction', {
          textDocument: { uri: uriOf('open.py') },
          range: { start: { line: 2, character: 4 }, end: { line: 2, character: 4 } },
          context: { diagnostics },
        })) as { title: string }[]
      ).map((a) => a.title);
    assert.deepStrictEqual(await titles(), ['Add timeout=30', 'Suppress B113 on this line with a justification', 'Show documentation for B113', 'mlsec: Fix all safe-fixable problems']);
    settings = { fixAll: false, codeAction: { fixViolation: { enable: false }, suppressViolation: { enable: false } } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepStrictEqual(await titles(), ['Show documentation for B113']);
  });
});
