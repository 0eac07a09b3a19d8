// Writes docs/rules/<CODE>.md for every registered rule and docs/rules/README.md (the index), from the
// compiled rule files (run `npm run compile` first; `npm run docs` does). Stale pages are removed.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const { ALL_RULES } = require(path.join(root, 'out/server/src/rules/index.js'));
const { renderRuleDocs } = require(path.join(root, 'out/server/src/rules/docsMarkdown.js'));

const dir = path.join(root, 'docs', 'rules');
fs.mkdirSync(dir, { recursive: true });
const files = renderRuleDocs(ALL_RULES);
for (const name of fs.readdirSync(dir)) {
  if (name.endsWith('.md') && !files.has(name)) fs.unlinkSync(path.join(dir, name));
}
let changed = 0;
for (const [name, text] of files) {
  const file = path.join(dir, name);
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (old !== text) {
    fs.writeFileSync(file, text);
    changed++;
  }
}
console.log(`docs/rules: ${files.size} files, ${changed} updated`);
