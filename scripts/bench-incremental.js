// Prints how long one keystroke costs in the language server's document store on a large file,
// against a full analysis of the same text. Run after `npm run compile`:
//   node scripts/bench-incremental.js [file.py]
// Without a file, the rule fixtures are concatenated until the text has ~7,000 lines.
'use strict';
const fs = require('fs');
const path = require('path');
const out = path.resolve(__dirname, '../out/server/src');
const { DocumentStore } = require(`${out}/analysis/documentStore`);
const { analyzeSourceSync } = require(`${out}/analysis/engine`);
const { loadPython } = require(`${out}/analysis/parser`);
const { defaultConfig } = require(`${out}/config/analysisConfig`);

function corpus() {
  const dir = path.resolve(__dirname, '../test/fixtures/rules');
  const parts = fs.readdirSync(dir).filter((f) => f.endsWith('.py')).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  let text = '';
  while (text.split('\n').length < 7000) text += parts.join('\n');
  return text;
}

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(2);
}

(async () => {
  await loadPython();
  const text = process.argv[2] ? fs.readFileSync(process.argv[2], 'utf8') : corpus();
  const lines = text.split('\n');
  const config = defaultConfig();
  const full = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    analyzeSourceSync(text, { config });
    full.push(performance.now() - t);
  }
  const store = new DocumentStore();
  store.open('file:///bench.py', 0, text, config);
  // Type a comment character by character at the end of lines spread through the file, then delete it.
  const times = { insert: [], delete: [] };
  const kinds = { full: 0, partial: 0 };
  let version = 0;
  for (let k = 0; k < 200; k++) {
    const line = Math.floor(((k * 7919) % lines.length));
    const character = lines[line].length;
    let t = performance.now();
    store.change('file:///bench.py', ++version, [{ range: { start: { line, character }, end: { line, character } }, text: '#' }]);
    times.insert.push(performance.now() - t);
    kinds[store.stats('file:///bench.py').full ? 'full' : 'partial']++;
    t = performance.now();
    store.change('file:///bench.py', ++version, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' }]);
    times.delete.push(performance.now() - t);
  }
  store.dispose();
  console.log(`${lines.length} lines, ${(text.length / 1024).toFixed(0)} KB`);
  console.log(`full analysis (parse + all rules + suppressions): median ${pct(full, 0.5)} ms`);
  for (const [k, xs] of Object.entries(times)) console.log(`one-character ${k}: p50 ${pct(xs, 0.5)} ms, p95 ${pct(xs, 0.95)} ms, max ${pct(xs, 1)} ms`);
  console.log(`inserts re-checked incrementally: ${kinds.partial}, whole file: ${kinds.full}`);
})();
