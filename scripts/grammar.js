// Copies tree-sitter-python.wasm from the tree-sitter-python npm package into grammars/ and records
// where it came from. Run after changing the tree-sitter-python version: `npm run grammar`.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const root = path.resolve(__dirname, '..');
const pkgDir = path.dirname(require.resolve('tree-sitter-python/package.json', { paths: [root] }));
const version = require(path.join(pkgDir, 'package.json')).version;
const source = path.join(pkgDir, 'tree-sitter-python.wasm');
const target = path.join(root, 'grammars', 'tree-sitter-python.wasm');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(source, target);
const sha256 = crypto.createHash('sha256').update(fs.readFileSync(target)).digest('hex');
const runtime = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'web-tree-sitter', 'package.json'), 'utf8')).version;
fs.writeFileSync(
  path.join(root, 'grammars', 'SOURCE.json'),
  JSON.stringify({ package: 'tree-sitter-python', version, file: 'tree-sitter-python.wasm', sha256, runtime: `web-tree-sitter ${runtime}` }, null, 2) + '\n',
);
console.log(`grammars/tree-sitter-python.wasm <- tree-sitter-python ${version} (sha256 ${sha256.slice(0, 12)}…)`);
