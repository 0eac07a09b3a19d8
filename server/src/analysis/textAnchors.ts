// Text-anchored node rules (RuleMatch.textIn 'node'; rules/prefilter.ts derives `textAnchors`): a
// rule that reports on a node only when the node holds one of its strings is handed the nodes of its
// types around the strings' occurrences, instead of every node of its types (B105 walked every
// assignment, B608 every string literal).
//
// What "holds" means is the rule's promise (rule.ts): in the node's source, or in the value of a
// string literal inside it, or — for a `string` node — in a literal joined to it. So the search
// looks, in one pass over the text, for:
//   - each string, in any case (a superset of the spellings declared, so still sound);
//   - each place where a literal's value can hold text its source does not: an escape that can
//     decode to a letter (`\x73`, `\u0073`, `\N{…}`, octal) or a line continuation inside a string
//     (`"pa\⏎ss"` is "pass"); and a join point right after a character of the strings: a closing
//     quote followed by another literal (`"pa" "ssword"`, also across comments, lines and empty
//     parts: the first join after the string's first letter is right after a letter of it), or an
//     interpolation (`f"sel{x}ect"`, whose literal parts B608 reads together).
// Every node of a declared type that contains such a place is a candidate — all of them, not only the
// nearest (`x = (password == "a")` hands over the comparison and the assignment). A `string` node
// also brings the literals joined to it: the strings reachable through implicit concatenations,
// parentheses and binary operators from the highest such node above it (B608 judges `"a " + "SELECT
// …" % x` once, from its first string, which need not hold the keyword).
//
// Tree access: web-tree-sitter finds a node's `parent` by a descent from the root, so nothing here
// climbs. Occurrences come in text order; the path from the root to the current one is kept as a
// stack, and the next occurrence descends (`childWithDescendant`) only from the deepest node on the
// stack that contains it. Each node's ancestors are visited once per rule (a mask per stack entry).
import type { Node } from 'web-tree-sitter';
import type { Rule } from '../rules/rule';
import { prefilterOf } from '../rules/prefilter';
import { forEachMatch } from './textSearch';
import { pathTo } from './treePath';
import type { TextSpan } from './spans';

/** Nodes through which a string literal's text is read together with others' (see B608). */
const JOIN_TYPES: ReadonlySet<string> = new Set(['concatenated_string', 'parenthesized_expression', 'binary_operator']);
/** Up to this many rules share one search (their masks are bits of one number). */
const MASK_BITS = 30;

interface Entry {
  node: Node;
  start: number;
  end: number;
  /** The highest node above (or at) this one reached through JOIN_TYPES parents only. */
  joinTop: Node;
  /** Rules (bits) for which this node and all its ancestors on the stack were handed out. */
  applied: number;
}

/** The search for a set of rules: one expression, and which rules each string's occurrences concern. */
interface Search {
  re: RegExp;
  /** Lower-case string → rules (mask) that anchor on it; any other match concerns every rule. */
  byString: Map<string, number>;
}

const searches = new Map<string, Search>();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** `[pP][aA][sS]`: the string in any case, without the `i` flag (which would widen `\n` to `\N`). */
function anyCase(s: string): string {
  return [...s].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${escapeRegExp(c.toLowerCase())}${escapeRegExp(c.toUpperCase())}]` : escapeRegExp(c))).join('');
}

const QUOTE = `(?:"""|'''|"|')`;
/**
 * Blanks, comments and line breaks (escaped or not) between two parts of an implicit concatenation.
 * Every piece matches one way only (a comment runs to the end of its line, CR LF is one break):
 * with a choice of where one `#` comment ends and the next begins, `####…` backtracked exponentially.
 */
const GAP = `[ \\t\\f]*(?:(?:\\\\(?:\\r\\n|\\n|\\r(?!\\n))|\\r\\n|\\n|\\r(?!\\n)|#[^\\r\\n]*(?![^\\r\\n]))[ \\t\\f]*)*`;
/** Escapes that can decode to a letter, and line continuations (inside a string they join lines). */
const ESCAPE = `\\\\[xuUN0-7\\r\\n]`;

function searchFor(anchors: readonly (readonly string[])[]): Search {
  const key = anchors.map((a) => a.join('\u0000')).join('\u0001');
  let search = searches.get(key);
  if (search) return search;
  const byString = new Map<string, number>();
  anchors.forEach((strings, i) => {
    for (const s of strings) byString.set(s, (byString.get(s) ?? 0) | (1 << i));
  });
  const strings = [...byString.keys()].sort((a, b) => b.length - a.length);
  const chars = new Set<string>();
  for (const s of strings) for (const c of s) chars.add(c.toLowerCase()).add(c.toUpperCase());
  const cls = `[${[...chars].map(escapeRegExp).join('')}]`;
  // The strings first: a join point at the same position lies in the same literal, whose
  // candidates the string's occurrence brings as well. The closing quote is matched atomically
  // (the lookahead), so that a docstring's `"""` is not read as `"` + `""`.
  const alternatives = [...strings.map(anyCase), ESCAPE, `${cls}(?=(${QUOTE}))\\1${GAP}[A-Za-z]{0,2}${QUOTE}`, `${cls}\\{`];
  search = { re: new RegExp(alternatives.join('|'), 'g'), byString };
  if (searches.size >= 64) searches.clear();
  searches.set(key, search);
  return search;
}

/**
 * Hands `add` every candidate of the text-anchored `rules` (each has `textAnchors`) in the tree of
 * `text`. With `searched`, only occurrences inside those spans count. `checkDeadline` is called in
 * every loop the text controls.
 */
export function textAnchoredCandidates(root: Node, text: string, rules: readonly Rule[], add: (node: Node, rule: Rule) => void, checkDeadline: () => void, searched?: readonly TextSpan[]): void {
  for (let i = 0; i < rules.length; i += MASK_BITS) search(root, text, rules.slice(i, i + MASK_BITS), add, checkDeadline, searched);
}

function search(root: Node, text: string, rules: readonly Rule[], add: (node: Node, rule: Rule) => void, checkDeadline: () => void, searched?: readonly TextSpan[]): void {
  const { re, byString } = searchFor(rules.map((r) => prefilterOf(r).textAnchors ?? []));
  const all = (1 << rules.length) - 1;
  const types = rules.map((r) => new Set(prefilterOf(r).nodeTypes));
  let stringRules = 0;
  types.forEach((t, i) => {
    if (t.has('string')) stringRules |= 1 << i;
  });
  const joined = new Map<number, { strings: Node[]; applied: number }>();
  const stack: Entry[] = [{ node: root, start: -1, end: Number.MAX_SAFE_INTEGER, joinTop: root, applied: 0 }];
  const push = (node: Node) => {
    const parent = stack[stack.length - 1];
    stack.push({ node, start: node.startIndex, end: node.endIndex, joinTop: JOIN_TYPES.has(parent.node.type) ? parent.joinTop : node, applied: 0 });
  };

  forEachMatch(
    text,
    re,
    (match, at) => {
      checkDeadline();
      const mask = byString.get(match.toLowerCase()) ?? all;
      const end = at + match.length;
      while (stack.length > 1 && !(stack[stack.length - 1].start <= at && end <= stack[stack.length - 1].end)) stack.pop();
      const from = stack[stack.length - 1].node;
      const target = from.descendantForIndex(at, end);
      if (!target) return;
      descend(from, target);
      for (let i = stack.length - 1; i >= 0; i--) {
        const entry = stack[i];
        if ((entry.applied & mask) === mask) break;
        if ((i & 255) === 0) checkDeadline();
        const fresh = mask & ~entry.applied;
        entry.applied |= mask;
        const type = entry.node.type;
        for (let r = 0; r < rules.length; r++) if (fresh & (1 << r) && types[r].has(type)) add(entry.node, rules[r]);
        if (fresh & stringRules && (type === 'string' || type === 'concatenated_string')) handJoined(entry.joinTop, fresh & stringRules);
      }
    },
    searched,
  );

  /** Pushes the nodes from `from` (the stack's top) down to `target`, in one descent. */
  function descend(from: Node, target: Node): void {
    const path = pathTo(from, target, checkDeadline);
    for (let k = 1; k < path.length; k++) push(path[k]);
    const reached = path[path.length - 1];
    if (reached.id === target.id) return;
    // The descent cannot place it (zero-width nodes): climb from it instead, up to where it stopped.
    const above: Node[] = [];
    for (let n: Node | null = target; n && n.id !== reached.id; n = n.parent) {
      checkDeadline();
      above.push(n);
    }
    for (let k = above.length - 1; k >= 0; k--) push(above[k]);
  }

  /** The strings joined under `top` (reached through JOIN_TYPES only), handed to the string rules in `mask`. */
  function handJoined(top: Node, mask: number): void {
    let group = joined.get(top.id);
    if (!group) {
      const strings: Node[] = [];
      const todo: Node[] = [top];
      for (let steps = 1; todo.length > 0; steps++) {
        if ((steps & 255) === 0) checkDeadline();
        const node = todo.pop() as Node;
        if (node.type === 'string') strings.push(node);
        else if (JOIN_TYPES.has(node.type)) for (const child of node.namedChildren) if (child) todo.push(child);
      }
      joined.set(top.id, (group = { strings, applied: 0 }));
    }
    const fresh = mask & ~group.applied;
    if (fresh === 0) return;
    group.applied |= fresh;
    for (const s of group.strings) for (let r = 0; r < rules.length; r++) if (fresh & (1 << r)) add(s, rules[r]);
  }
}
