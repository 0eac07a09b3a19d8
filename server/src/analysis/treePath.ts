// Paths down a tree, for code that needs a node's ancestors. web-tree-sitter finds a node's `parent`
// by a descent from the root (and cursor steps cost nearly as much), so climbing n levels costs n
// descents; one descent with `childWithDescendant` costs only the children of the nodes on the way.
// The anchored search (occurrences.ts), the text-anchored search (textAnchors.ts) and the scopes
// of candidates (candidateScopes.ts) all descend through this one function.
import type { Node } from 'web-tree-sitter';

/**
 * `from`, the nodes from it down to `node`, and `node` itself, in one descent. Stops early, without
 * `node`, when the descent cannot place it (a zero-width node) or after `maxSteps` nodes below
 * `from`. `checkDeadline` is called every 256 nodes.
 */
export function pathTo(from: Node, node: Node, checkDeadline: () => void, maxSteps = Infinity): Node[] {
  const path: Node[] = [from];
  let current = from;
  while (current.id !== node.id && path.length <= maxSteps) {
    if ((path.length & 255) === 0) checkDeadline();
    const next: Node | null = current.childWithDescendant(node);
    if (!next || next.id === current.id) break;
    path.push(next);
    current = next;
  }
  return path;
}
