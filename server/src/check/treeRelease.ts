// Freeing the trees an edit replaced after the language server has answered (reanalyze.ts hands
// them over, DocumentStore.releaseTrees and the session's answer hook free them).
import type { Tree } from 'web-tree-sitter';

/**
 * Trees to free once the current message is answered: freeing a tree whose nodes a reparse replaced
 * (half the file after an opened quote, see docs/performance.md) takes milliseconds the editor would
 * otherwise wait for. The language server frees them after it has sent its answer
 * (DocumentStore.releaseTrees); the next change frees whatever is still pending first, and a timer
 * when nothing else does, so at most one change's trees wait.
 */
const doomed: Tree[] = [];
let timer: NodeJS.Timeout | undefined;

export function freeLater(tree: Tree | undefined): void {
  if (!tree) return;
  doomed.push(tree);
  if (!timer) {
    timer = setTimeout(freePending, 250);
    timer.unref();
  }
}

export function freePending(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  for (const tree of doomed.splice(0)) tree.delete();
}

/** After a parser crash the wasm heap is new: the pending trees are gone with the old one, not to be freed. */
export function forgetPending(): void {
  doomed.length = 0;
}
