// Edit → diagnostics, server-side: the time DocumentStore.change() takes (apply the change, reparse
// incrementally, re-run the rules where needed, finalize findings) on a generated 7,000-line file.
// The LSP transport adds a JSON message each way; this measures the compute the server owns.
import { Edit } from 'web-tree-sitter';
import { DocumentStore, ContentChange } from '../server/src/check/documentStore';
import { loadPython, parsePython, wasmMemoryBytes } from '../server/src/analysis/parser';
import { defaultConfig } from '../server/src/config/analysisConfig';
import { generateFile } from './corpus';
import { quantile } from './stats';

export interface EditResult {
  lines: number;
  typing: number[];
  undo: number[];
  fullRechecks: number;
  paste: number[];
  importEdit: number[];
  wasmBefore: number;
  wasmAfter: number;
  reparseOnly: number[];
}

const URI = 'file:///bench/big_module.py';

function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, character: offset - last - 1 };
}

/** Offsets just after an identifier that is not a definition's name, one per spread-out line. */
function typingSpots(text: string, count: number): number[] {
  const tree = parsePython(text);
  try {
    const ids = tree.rootNode.descendantsOfType('identifier').filter((n) => {
      const p = n?.parent;
      return n && p && !(p.type === 'function_definition' || p.type === 'class_definition') && p.type !== 'dotted_name' && p.type !== 'aliased_import';
    });
    const spots: number[] = [];
    for (let k = 0; k < count; k++) spots.push(ids[Math.floor(((k + 0.5) * ids.length) / count)]!.endIndex);
    return spots;
  } finally {
    tree.delete();
  }
}

export async function benchEdits(lines = 7000, edits = 200, leakEdits = 10000): Promise<EditResult> {
  await loadPython();
  const text0 = generateFile(7, 'hf', lines, 0.05);
  const store = new DocumentStore({ parseBudgetMs: 0 });
  const config = defaultConfig();
  let version = 1;
  store.open(URI, version, text0, config);
  let text = text0;
  const apply = (change: ContentChange & { range: { start: { line: number; character: number }; end: { line: number; character: number } } }, newText: string): number => {
    const t0 = performance.now();
    store.change(URI, ++version, [change]);
    const ms = performance.now() - t0;
    text = newText;
    return ms;
  };
  const insert = (offset: number, s: string) => {
    const p = positionAt(text, offset);
    return apply({ range: { start: p, end: p }, text: s }, text.slice(0, offset) + s + text.slice(offset));
  };
  const remove = (offset: number, length: number) => {
    const a = positionAt(text, offset);
    const b = positionAt(text, offset + length);
    return apply({ range: { start: a, end: b }, text: '' }, text.slice(0, offset) + text.slice(offset + length));
  };

  // Warm-up (JIT), not measured.
  const spots = typingSpots(text0, edits);
  for (let i = 0; i < 20; i++) {
    insert(spots[i], 'x');
    remove(spots[i], 1);
  }
  const result: EditResult = { lines: text0.split('\n').length, typing: [], undo: [], fullRechecks: 0, paste: [], importEdit: [], wasmBefore: 0, wasmAfter: 0, reparseOnly: [] };
  for (const at of spots) {
    result.typing.push(insert(at, 'x'));
    if (store.stats(URI)?.full) result.fullRechecks++;
    result.undo.push(remove(at, 1));
  }

  // A 50-line paste in the middle (a block from the same generator), then its undo.
  const block = generateFile(99, 'torch', 50).split('\n').slice(20, 70).join('\n') + '\n';
  const mid = text.indexOf('\ndef ', Math.floor(text.length / 2)) + 1;
  for (let i = 0; i < 5; i++) {
    result.paste.push(insert(mid, block));
    remove(mid, block.length);
  }

  // An import line changed: `import torch` → `import torchx` (module bindings change: full re-check).
  const imp = text.indexOf('import torch\n') + 'import torch'.length;
  for (let i = 0; i < 5; i++) {
    result.importEdit.push(insert(imp, 'x'));
    remove(imp, 1);
  }

  // The same typing edits, reparse only (no rules), for the breakdown.
  const tree0 = parsePython(text);
  let tree = tree0;
  for (const at of spots.slice(0, 100)) {
    const p = positionAt(text, at);
    const next = text.slice(0, at) + 'x' + text.slice(at);
    tree.edit(new Edit({ startIndex: at, oldEndIndex: at, newEndIndex: at + 1, startPosition: { row: p.line, column: p.character }, oldEndPosition: { row: p.line, column: p.character }, newEndPosition: { row: p.line, column: p.character + 1 } }));
    const t0 = performance.now();
    const nt = parsePython(next, tree);
    result.reparseOnly.push(performance.now() - t0);
    tree.delete();
    nt.edit(new Edit({ startIndex: at, oldEndIndex: at + 1, newEndIndex: at, startPosition: { row: p.line, column: p.character }, oldEndPosition: { row: p.line, column: p.character + 1 }, newEndPosition: { row: p.line, column: p.character } }));
    tree = parsePython(text, nt);
    nt.delete();
  }
  tree.delete();

  // Wasm memory across many edits: measured after a first round so that one-time growth is excluded.
  result.wasmBefore = wasmMemoryBytes();
  for (let i = 0; i < leakEdits / 2; i++) {
    const at = spots[i % spots.length];
    insert(at, 'x');
    remove(at, 1);
  }
  result.wasmAfter = wasmMemoryBytes();
  store.close(URI);
  return result;
}

export const p50 = (xs: number[]) => quantile(xs, 0.5);
export const p95 = (xs: number[]) => quantile(xs, 0.95);
