// Bundles the CLI, the language server, its scan worker and the VS Code client with esbuild into
// dist/, and puts both wasm files beside them (web-tree-sitter is aliased to its CommonJS build:
// its ESM build needs import.meta.url, which a CommonJS bundle does not have; jsonc-parser to its ESM
// build, see below).
'use strict';
const crypto = require('crypto');
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const pkg = require(path.join(root, 'package.json'));
const production = process.argv.includes('--production');

// The scan cache's code hash (server/src/workspace/cache.ts, codeTreeHash over server/src/**/*.ts):
// any change to the server's code voids the cache; one value for all bundles, so they share it.
function codeTreeHash(dir, rel = '', h = crypto.createHash('sha256')) {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) codeTreeHash(path.join(dir, e.name), r, h);
    else if (e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
      h.update(`${r}\0`)
        .update(fs.readFileSync(path.join(dir, e.name)))
        .update('\0');
  }
  return h;
}
const codeHash = codeTreeHash(path.join(root, 'server/src')).digest('hex');

const entries = [
  { in: 'server/src/cli/main.ts', out: 'mlsec', banner: '#!/usr/bin/env node' },
  { in: 'server/src/server.ts', out: 'server', banner: '#!/usr/bin/env node' },
  { in: 'server/src/workspace/worker.ts', out: 'worker' },
  { in: 'client/src/extension.ts', out: 'extension' },
].filter((e) => fs.existsSync(path.join(root, e.in)));

// Resolve `web-tree-sitter` to its CommonJS build: esbuild would pick its ES module build, whose
// import.meta.url is empty in a CommonJS bundle, and the server would die at start locating its wasm.
const webTreeSitterCjs = {
  name: 'web-tree-sitter-cjs',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: path.join(root, 'node_modules/web-tree-sitter/web-tree-sitter.cjs') }));
  },
};

// jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow ('./impl/format' is then
// looked for beside the bundle at run time): take its ES module build instead.
const jsoncParserEsm = {
  name: 'jsonc-parser-esm',
  setup(build) {
    build.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: path.join(root, 'node_modules/jsonc-parser/lib/esm/main.js') }));
  },
};

async function main() {
  fs.mkdirSync(dist, { recursive: true });
  await Promise.all(
    entries.map((e) =>
      esbuild.build({
        entryPoints: [path.join(root, e.in)],
        outfile: path.join(dist, `${e.out}.js`),
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        external: ['vscode'],
        plugins: [webTreeSitterCjs, jsoncParserEsm],
        define: { MLSEC_VERSION: JSON.stringify(pkg.version), MLSEC_CODE_HASH: JSON.stringify(codeHash) },
        banner: e.banner ? { js: e.banner } : undefined,
        sourcemap: !production,
        minify: production,
        logLevel: 'warning',
      }),
    ),
  );
  fs.copyFileSync(path.join(root, 'node_modules/web-tree-sitter/web-tree-sitter.wasm'), path.join(dist, 'web-tree-sitter.wasm'));
  fs.copyFileSync(path.join(root, 'grammars/tree-sitter-python.wasm'), path.join(dist, 'tree-sitter-python.wasm'));
  for (const e of entries) if (e.banner) fs.chmodSync(path.join(dist, `${e.out}.js`), 0o755);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
