// Packages the extension with vsce (from the dist/ that `npm test` just built, source maps included)
// and checks that the .vsix ships what runs and nothing else.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { URI } from 'vscode-uri';
import { ZipEntry, zipEntries, zipRead } from '../helpers/zip';
import { PUSH_CAPABILITIES, TestClient } from '../lsp/lspClient';

const root = path.resolve(__dirname, '../../..');

describe('the .vsix package', function () {
  this.timeout(120000);
  let tmp: string;
  let zip: Buffer;
  let entries: ZipEntry[];
  let names: string[];

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-vsix-'));
    const vsix = path.join(tmp, 'mlsec.vsix');
    const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
    const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '-o', vsix], { cwd: root, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, `vsce package failed:\n${r.stdout}\n${r.stderr}`);
    zip = fs.readFileSync(vsix);
    entries = zipEntries(zip);
    names = entries.map((e) => e.name);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('holds the client bundle, both wasm files, the manifest, nls strings, README and LICENSE', () => {
    for (const name of [
      'extension.vsixmanifest',
      'extension/package.json',
      'extension/package.nls.json',
      'extension/readme.md',
      'extension/LICENSE.txt',
      'extension/dist/extension.js',
      'extension/dist/web-tree-sitter.wasm',
      'extension/dist/tree-sitter-python.wasm',
    ])
      assert.ok(names.includes(name), `${name} missing from ${names.join(', ')}`);
  });

  it('ships every bundle that was built (the server and its worker once they exist) and no source map', () => {
    const built = fs.readdirSync(path.join(root, 'dist'));
    assert.ok(
      built.some((f) => f.endsWith('.js.map')),
      'the test expects the development bundle, with maps, in dist/',
    );
    const shipped = names.filter((n) => n.startsWith('extension/dist/')).map((n) => n.slice('extension/dist/'.length));
    assert.deepStrictEqual(shipped.sort(), built.filter((f) => !f.endsWith('.map')).sort());
    if (fs.existsSync(path.join(root, 'server/src/server.ts'))) assert.ok(shipped.includes('server.js'));
  });

  it('ships no TypeScript, source maps, tests, sources or node_modules', () => {
    const unwanted = names.filter(
      (n) =>
        /\.(ts|map|vsix)$/.test(n) || /^extension\/(test|out|client|server|scripts|examples|grammars|node_modules|\.cache|\.ci)\//.test(n) || /^extension\/(tsconfig|\.mocharc|package-lock)/.test(n),
    );
    assert.deepStrictEqual(unwanted, []);
  });

  it('ships only the rule pages (and their index) and PNG screenshots from docs/', () => {
    const docs = names.filter((n) => n.startsWith('extension/docs/'));
    assert.deepStrictEqual(
      docs.filter((n) => !/^extension\/docs\/(rules\/([A-Z]+\d+|README)\.md|img\/[\w.-]+\.png)$/.test(n)),
      [],
    );
    // Every page in docs/rules/ is shipped, so Show Rule Documentation can open it offline.
    const pages = fs.readdirSync(path.join(root, 'docs/rules')).filter((f) => f.endsWith('.md'));
    assert.deepStrictEqual(
      docs
        .filter((n) => n.startsWith('extension/docs/rules/'))
        .map((n) => path.basename(n))
        .sort(),
      pages.sort(),
    );
  });

  it('declares the entry point, activation and contributions in the packaged package.json', () => {
    const manifest = JSON.parse(
      zipRead(
        zip,
        entries.find((e) => e.name === 'extension/package.json')!,
      ).toString('utf8'),
    );
    assert.strictEqual(manifest.main, './dist/extension.js');
    assert.deepStrictEqual(manifest.activationEvents, ['onLanguage:python', 'onNotebook:jupyter-notebook', 'workspaceContains:**/*.py', 'workspaceContains:**/*.ipynb']);
    assert.deepStrictEqual(
      manifest.contributes.commands.map((c: { command: string }) => c.command),
      ['mlsec.scanWorkspace', 'mlsec.restartServer', 'mlsec.showRuleDocs', 'mlsec.fixAllInWorkspace', 'mlsec.pinHuggingFaceDownloads', 'mlsec.fixAllInFile', 'mlsec.showLogs'],
    );
    assert.deepStrictEqual(Object.keys(manifest.contributes.configuration.properties), [
      'mlsec.enable',
      'mlsec.severity',
      'mlsec.select',
      'mlsec.ignore',
      'mlsec.ignorePatterns',
      'mlsec.workspaceScan',
      'mlsec.defaultTimeout',
      'mlsec.requireJustification',
      'mlsec.huggingFaceCache',
      'mlsec.fixAll',
      'mlsec.codeAction.fixViolation.enable',
      'mlsec.codeAction.suppressViolation.enable',
      'mlsec.logLevel',
      'mlsec.trace.server',
    ]);
    // In an untrusted workspace only the user's own settings may lower coverage.
    assert.deepStrictEqual(manifest.capabilities.untrustedWorkspaces, {
      supported: 'limited',
      description: '%capabilities.untrustedWorkspaces%',
      restrictedConfigurations: ['mlsec.enable', 'mlsec.select', 'mlsec.ignore', 'mlsec.ignorePatterns', 'mlsec.severity', 'mlsec.huggingFaceCache'],
    });
  });

  it('resolves every %placeholder% of package.json in package.nls.json', () => {
    const text = zipRead(
      zip,
      entries.find((e) => e.name === 'extension/package.json')!,
    ).toString('utf8');
    const nls = JSON.parse(
      zipRead(
        zip,
        entries.find((e) => e.name === 'extension/package.nls.json')!,
      ).toString('utf8'),
    );
    const keys = [...text.matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length >= 11, `only ${keys.length} placeholders found`);
    assert.deepStrictEqual(
      keys.filter((k) => typeof nls[k] !== 'string' || nls[k] === ''),
      [],
    );
  });

  it('unpacks wasm files byte-identical to the built ones', () => {
    for (const f of ['web-tree-sitter.wasm', 'tree-sitter-python.wasm']) {
      const packed = zipRead(
        zip,
        entries.find((e) => e.name === `extension/dist/${f}`)!,
      );
      assert.ok(packed.equals(fs.readFileSync(path.join(root, 'dist', f))), `${f} differs`);
    }
  });

  it('runs: the server unpacked alone from the .vsix answers over LSP and finds B614', async () => {
    const unpacked = path.join(tmp, 'unpacked');
    fs.mkdirSync(unpacked);
    for (const e of entries.filter((x) => x.name.startsWith('extension/dist/'))) {
      fs.writeFileSync(path.join(unpacked, e.name.slice('extension/dist/'.length)), zipRead(zip, e));
    }
    const project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    const client = new TestClient({ server: path.join(unpacked, 'server.js'), cwd: unpacked });
    try {
      await client.initialize(PUSH_CAPABILITIES, project);
      const uri = URI.file(path.join(project, 'a.py')).toString();
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: 'import torch\ntorch.load(p)\n' } });
      const published = await client.diagnosticsFor(uri, (d) => d.version === 1);
      assert.deepStrictEqual(
        published.diagnostics.map((d) => [d.code, d.range]),
        [['B614', { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } }]],
      );
    } finally {
      assert.strictEqual(await client.stop(), 0);
    }
    assert.strictEqual(client.stderr, '');
  });
});
