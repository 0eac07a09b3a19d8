// The scopes an anchored analysis evaluates candidates in (engine.analyzeTree): those of the
// candidate's enclosing functions, lambdas and classes, built once per scope node and lazily.
//   - A class body's names are invisible from the functions inside it (Scope.owner skips class
//     scopes), so a class that only lies on the way to a method stands in empty.
//   - A function collects its bindings only when a name is looked up that it may bind. For a word
//     the anchors followed this is known without collecting: if every occurrence of the word inside
//     the function is a plain use (WordSites), the function does not bind it.
//   - When bindings are collected, those of every scope from the outermost real one in come from one
//     traversal (10,000 nested lambdas: one traversal, not one per lambda).
import type { Node, Tree } from 'web-tree-sitter';
import { Scope } from './scope';
import { bindingsWithin } from './bindings';
import { SCOPE_KINDS } from './walker';
import type { WordSites } from './callAnchors';
import type { TextSpan } from './spans';
import { pathTo } from './treePath';

const SCOPE_TYPES: ReadonlySet<string> = new Set(Object.keys(SCOPE_KINDS));
/** Scope nodes looked at above a candidate, at most: a bound on a degenerate tree, far beyond real nesting. */
const MAX_SCOPE_DEPTH = 100_000;

/** Function, class and lambda nodes enclosing `node`, outermost first (one descent from the root). */
function enclosingScopeNodes(root: Node, node: Node): Node[] {
  return pathTo(root, node, () => {}, MAX_SCOPE_DEPTH).filter((n, i) => i > 0 && n.id !== node.id && SCOPE_TYPES.has(n.type));
}

/**
 * Returns `scopeOf(node)`: the scope `node` is evaluated in. `sites` is filled by the anchored
 * search before the first call; `checkDeadline` throws when the analysis is over its budget.
 */
export function candidateScopes(tree: Tree, moduleScope: () => Scope, sites: WordSites, checkDeadline: () => void, searched?: readonly TextSpan[]): (node: Node) => Scope {
  const scopes = new Map<number, Scope>();
  const passThrough = new Map<number, Scope>();
  const bindings = new Map<number, Node[]>();
  const groupedRoots = new Set<number>();

  const mayBind = (scopeNode: Node, name: string): boolean => {
    const site = sites.get(name);
    if (!site) return true;
    const start = scopeNode.startIndex;
    const end = scopeNode.endIndex;
    // The sites hold the occurrences inside the searched spans only: say nothing of a scope they do not cover.
    if (searched && !searched.some((s) => s.start <= start && end <= s.end)) return true;
    return site.at.some((at) => at >= start && at < end && !site.uses.has(at));
  };

  return (node) => {
    let scope = moduleScope();
    const chain = enclosingScopeNodes(tree.rootNode, node);
    const real = chain.filter((s, i) => s.type !== 'class_definition' || i === chain.length - 1);
    let realIndex = 0;
    chain.forEach((s, i) => {
      checkDeadline();
      if (s.type === 'class_definition' && i < chain.length - 1) {
        let empty = passThrough.get(s.id);
        if (!empty) passThrough.set(s.id, (empty = new Scope('class', scope, undefined)));
        scope = empty;
        return;
      }
      const upTo = realIndex++;
      let nested = scopes.get(s.id);
      if (!nested) {
        // The real scopes from the outermost to this one (found when first needed: copying them for
        // each of 10,000 nested lambdas up front would cost n²).
        const collect = () => {
          let grouped = false;
          for (let k = 0; k <= upTo && !grouped; k++) grouped = groupedRoots.has(real[k].id);
          // A class that is the outermost scope collects its own body only (its methods are not
          // traversed): in a 3,000-line class, a decorator or default evaluated in the class scope
          // would otherwise traverse every method.
          if (!grouped && upTo === 0 && s.type === 'class_definition') return undefined;
          if (!grouped) {
            groupedRoots.add(real[0].id);
            for (const [id, list] of bindingsWithin(real[0])) bindings.set(id, list);
          }
          return bindings.get(s.id) ?? [];
        };
        nested = Scope.lazy(SCOPE_KINDS[s.type], scope, s, collect, (name) => mayBind(s, name));
        scopes.set(s.id, nested);
      }
      scope = nested;
    });
    return scope;
  };
}
