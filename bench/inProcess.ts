// The in-process side of the edit figures, for the breakdown of what the client observes: the same
// planned edits applied to the server's DocumentStore in this process (the server's compute:
// apply, reparse, re-check, finalize — no JSON, no pipe), the same edits on a bare parser (the
// incremental reparse alone), and the wasm memory across thousands of edits (a tree left alive per
// keystroke would show as growth). Positions come from vscode-languageserver-textdocument.
import { Edit, Tree } from 'web-tree-sitter';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore } from '../server/src/check/documentStore';
import { loadPython, parsePython, wasmMemoryBytes } from '../server/src/analysis/parser';
import { defaultConfig } from '../server/src/config/analysisConfig';
import type { PlannedEdit } from './editPlan';

export interface InProcessResult {
  /** DocumentStore.change() per edit and per undo (ms). */
  compute: number[];
  /** Edits (not undos) after which the store re-checked the whole file. */
  fullRechecks: number;
  /** Incremental reparse per edit and per undo on a bare parser (ms). */
  reparse: number[];
  wasmBefore: number;
  wasmAfter: number;
}

const URI = 'file:///bench/in_process.py';

/** The edit and its undo as LSP ranges, from the document as it is before each. */
function steps(doc: TextDocument, e: PlannedEdit): { start: number; removedEnd: number; text: string }[] {
  const start = doc.offsetAt(doc.positionAt(e.offset));
  return [
    { start, removedEnd: start, text: e.text },
    { start, removedEnd: start + e.text.length, text: '' },
  ];
}

export async function benchInProcess(text: string, plan: PlannedEdit[], leakEdits: number): Promise<InProcessResult> {
  await loadPython();
  const result: InProcessResult = { compute: [], fullRechecks: 0, reparse: [], wasmBefore: 0, wasmAfter: 0 };
  const store = new DocumentStore({ parseBudgetMs: 0 });
  let doc = TextDocument.create(URI, 'python', 1, text);
  store.open(URI, 1, text, defaultConfig());
  const play = (edits: PlannedEdit[], timed: boolean) => {
    for (const e of edits) {
      for (const [i, s] of steps(doc, e).entries()) {
        const range = { start: doc.positionAt(s.start), end: doc.positionAt(s.removedEnd) };
        const t0 = performance.now();
        store.change(URI, doc.version + 1, [{ range, text: s.text }]);
        const ms = performance.now() - t0;
        if (timed) {
          result.compute.push(ms);
          if (i === 0 && store.stats(URI)?.full) result.fullRechecks++;
        }
        doc = TextDocument.update(doc, [{ range, text: s.text }], doc.version + 1);
      }
    }
  };
  play(plan.slice(0, 10), false);
  play(plan, true);

  // The same edits on a bare parser: tree.edit with exact old/new points, then reparse.
  let tree: Tree = parsePython(doc.getText());
  for (const e of plan) {
    for (const s of steps(doc, e)) {
      const before = doc;
      const range = { start: before.positionAt(s.start), end: before.positionAt(s.removedEnd) };
      doc = TextDocument.update(before, [{ range, text: s.text }], before.version + 1);
      const newEnd = doc.positionAt(s.start + s.text.length);
      tree.edit(
        new Edit({
          startIndex: s.start,
          oldEndIndex: s.removedEnd,
          newEndIndex: s.start + s.text.length,
          startPosition: { row: range.start.line, column: range.start.character },
          oldEndPosition: { row: range.end.line, column: range.end.character },
          newEndPosition: { row: newEnd.line, column: newEnd.character },
        }),
      );
      const t0 = performance.now();
      const next = parsePython(doc.getText(), tree);
      result.reparse.push(performance.now() - t0);
      tree.delete();
      tree = next;
    }
  }
  tree.delete();

  // Wasm memory across many edits, measured after the rounds above so one-time growth is excluded.
  result.wasmBefore = wasmMemoryBytes();
  for (let done = 0; done < leakEdits; done += plan.length * 2) play(plan.slice(0, Math.min(plan.length, (leakEdits - done) / 2)), false);
  result.wasmAfter = wasmMemoryBytes();
  store.close(URI);
  return result;
}
