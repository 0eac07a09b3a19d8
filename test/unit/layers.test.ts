// The layer check (`npm run lint:deps`, dependency-cruiser with .dependency-cruiser.cjs): it can fail
// (an upward import, a cycle and a client import of server code in a throwaway tree are each reported
// under their rule's name), every file of server/src is in exactly one layer, CONTRIBUTING.md lists
// the layers in the config's order, and no known violation is left to skip.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';

const root = path.resolve(__dirname, '../../..');
const configFile = path.join(root, '.dependency-cruiser.cjs');
const depcruise = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Layer {
  name: string;
  paths: string[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the config is CommonJS, read as dependency-cruiser reads it
const LAYERS = (require(configFile) as { LAYERS: Layer[] }).LAYERS;

function cruise(cwd: string, extra: string[] = []): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [depcruise, 'server/src', 'client/src', '--config', configFile, '--output-type', 'err', ...extra], { cwd, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

function writeTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-layers-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const TSCONFIG = JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true }, include: ['server/src', 'client/src'] });

function sourceFiles(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return sourceFiles(dir, r);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [r] : [];
  });
}

describe('layer check (dependency-cruiser)', function () {
  this.timeout(60000);

  it('fails on an upward import, a cycle and a client import of server internals, naming each rule', () => {
    const dir = writeTree({
      'tsconfig.json': TSCONFIG,
      // analysis → handlers: upward
      'server/src/analysis/scope.ts': "import { onHover } from '../handlers/hover';\nexport const scope = onHover;\n",
      'server/src/handlers/hover.ts': 'export const onHover = 1;\n',
      // a cycle inside one layer
      'server/src/rules/a.ts': "import { b } from './b';\nexport const a = b;\n",
      'server/src/rules/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      // the client reaching past the protocol module
      'client/src/extension.ts': "import { scope } from '../../server/src/analysis/scope';\nimport { docsUrl } from '../../server/src/protocol';\nexport const x = [scope, docsUrl];\n",
      'server/src/protocol.ts': "export const docsUrl = 'u';\n",
    });
    try {
      const r = cruise(dir);
      assert.notStrictEqual(r.status, 0, r.out);
      assert.match(r.out, /error layer-analysis-not-up: server\/src\/analysis\/scope\.ts → server\/src\/handlers\/hover\.ts/);
      assert.match(r.out, /error no-circular: server\/src\/rules\/a\.ts → /);
      assert.match(r.out, /error client-only-protocol: client\/src\/extension\.ts → server\/src\/analysis\/scope\.ts/);
      // the protocol module is the one server file the client may import
      assert.doesNotMatch(r.out, /client-only-protocol: client\/src\/extension\.ts → server\/src\/protocol\.ts/);
      assert.match(r.out, /x 3 dependency violations/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes the same tree once the import points down', () => {
    const dir = writeTree({
      'tsconfig.json': TSCONFIG,
      'server/src/handlers/hover.ts': "import { scope } from '../analysis/scope';\nexport const onHover = scope;\n",
      'server/src/analysis/scope.ts': "import { lineOf } from './lineIndex';\nexport const scope = lineOf;\n",
      'server/src/analysis/lineIndex.ts': 'export const lineOf = 1;\n',
      'client/src/extension.ts': "import { docsUrl } from '../../server/src/protocol';\nexport const x = docsUrl;\n",
      'server/src/protocol.ts': "export const docsUrl = 'u';\n",
    });
    try {
      const r = cruise(dir);
      assert.strictEqual(r.status, 0, r.out);
      assert.match(r.out, /no dependency violations found/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('puts every file of server/src in exactly one layer', () => {
    const files = sourceFiles(path.join(root, 'server/src')).map((f) => `server/src/${f}`);
    assert.ok(files.length > 200, `${files.length} files`);
    const misplaced = files
      .map((f) => ({ f, layers: LAYERS.filter((l) => l.paths.some((p) => new RegExp(p).test(f))).map((l) => l.name) }))
      .filter((x) => x.layers.length !== 1)
      .map((x) => `${x.f}: ${x.layers.join(', ') || 'no layer'}`);
    assert.deepStrictEqual(misplaced, []);
  });

  it('lists the layers in CONTRIBUTING.md in the order of the config', () => {
    const text = fs.readFileSync(path.join(root, 'CONTRIBUTING.md'), 'utf8');
    const section = text.slice(text.indexOf('## Layers'), text.indexOf('\n## ', text.indexOf('## Layers') + 1));
    const named = [...section.matchAll(/^\| \d+ \| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    assert.deepStrictEqual(named, LAYERS.map((l) => l.name).reverse());
  });

  it('has no known violations left: every import in server/src and client/src follows the layers', () => {
    const known = JSON.parse(fs.readFileSync(path.join(root, '.dependency-cruiser-known-violations.json'), 'utf8')) as unknown[];
    assert.deepStrictEqual(known, []);
  });
});
