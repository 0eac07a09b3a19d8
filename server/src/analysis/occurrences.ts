// Following one occurrence of a word the anchored search for call rules looks for (callAnchors.ts):
// what the word does there, from the text where the text can tell and from the tree otherwise.
// An occurrence that starts a dotted chain (`th.load`, `(th) . load`, an import's `a.b`) may be
//   - the callee of a call: a candidate, with the chain's last segment and what it adds to the word;
//   - the value of an assignment (`l = th.load`), an `as` alias, or the module of a `from … import`:
//     the names bound are new words, with what they stand for.
// Anything else (an attribute of something else, a string, a comment) leads nowhere. Kept apart from
// the closure over words because it is where the tree is read: the lookups here are what the search
// costs, and each rule about cheap reading (no climbing, the text before the tree) lives here.
import type { Node } from 'web-tree-sitter';
import { MAX_EVALUATION_DEPTH } from './evaluate';
import { dotted } from './bindings';
import { pathTo } from './treePath';

/** Node types a qualified name is spelled through: `a.b.c`, `(a.b)`, an import's `a.b`. */
const CHAIN_TYPES = new Set(['attribute', 'parenthesized_expression', 'dotted_name']);

export interface CallEffect {
  call: Node;
  /** The callee's last segment as written (`load` in `th.load(…)`); null: the word itself is the callee. */
  last: string | null;
  /** What the callee adds to the word (`.nn.Linear`, '' for the word alone); null: not a plain chain. */
  suffix: string | null;
}

export interface AliasEffect {
  name: string;
  /** Last segment of what the name is bound to; null: whatever the word itself stands for. */
  last: string | null;
  /** The qualified name bound, when the binding spells it whole (imports). */
  value?: string;
  /** Otherwise what the binding adds to the word's values ('' for `x = word`); null: unknown. */
  suffix?: string | null;
}

export interface WordEffects {
  calls: CallEffect[];
  /** Names bound to what this word spells (aliases, names imported from it). */
  aliases: AliasEffect[];
  /** Written calls not looked up yet (error-free trees only): looked up once the rules are known. */
  deferred: { at: number; written: WrittenCallee }[];
}

export interface WrittenCallee {
  end: number;
  last: string | null;
  suffix: string;
  paren: number;
}

/**
 * `word` + what follows it in `chain`'s text when the chain is a plain dotted name (parentheses and
 * blanks are dropped, as static evaluation drops them): `.load` for `(th) . load`. Null otherwise.
 */
function chainSuffix(chain: Node, word: string): string | null {
  // Blanks only around dots and parentheses: `a b` glued into `ab` would be another name.
  const flat = chain.text.replace(/\s*([.()])\s*/g, '$1').replace(/[()]/g, '');
  if (!flat.startsWith(word)) return null;
  const rest = flat.slice(word.length);
  return /^(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(rest) ? rest : null;
}

/** Text of the last segment of a dotted chain's top node, or null when the chain is the bare word. */
function lastSegment(top: Node, token: Node): string | null {
  let node = top;
  while (node.type === 'parenthesized_expression') {
    const inner = node.namedChildren.find((c) => c?.type !== 'comment');
    if (!inner) return null;
    node = inner;
  }
  if (node.id === token.id) return null;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text ?? null;
  if (node.type === 'dotted_name') {
    const parts = node.namedChildren;
    const lastPart = parts[parts.length - 1];
    return lastPart && lastPart.id !== token.id ? lastPart.text : null;
  }
  return node.text;
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * The dotted name written from `from` on (`.nn.Linear`, ASCII names, spaces and tabs around dots):
 * where it ends, its last name (null: none, the word alone), and the index of a `(` right after it.
 */
function writtenCallee(text: string, from: number): WrittenCallee {
  let end = from;
  let last: string | null = null;
  let suffix = '';
  let i = from;
  const skipBlanks = () => {
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  };
  for (;;) {
    skipBlanks();
    if (text.charCodeAt(i) !== 46) break; // '.'
    i++;
    skipBlanks();
    IDENTIFIER.lastIndex = i;
    const m = IDENTIFIER.exec(text);
    if (!m) break;
    i += m[0].length;
    end = i;
    last = m[0];
    suffix += `.${m[0]}`;
  }
  i = end;
  skipBlanks();
  return { end, last, suffix, paren: text.charCodeAt(i) === 40 ? i : -1 };
}

/**
 * The call whose callee is exactly the chain written at `position` (`torch.nn.Linear(`): one lookup
 * instead of climbing parent by parent (each parent lookup descends from the root). Null when the
 * tree has something else there (a string, a class pattern, broken code).
 */
export function writtenCall(root: Node, position: number, written: WrittenCallee): Node | null {
  const call = root.descendantForIndex(position, written.paren + 1);
  if (!call || call.type !== 'call' || call.startIndex !== position) return null;
  const fn = call.childForFieldName('function');
  return fn && fn.startIndex === position && fn.endIndex === written.end ? call : null;
}

/** Whether the name at `position` follows `def` or `class` (it is then being defined, not called). */
function followsDefinitionKeyword(text: string, position: number): boolean {
  let i = position - 1;
  while (i >= 0 && /[ \t\\\r\n]/.test(text[i])) i--;
  const end = i + 1;
  while (i >= 0 && /[A-Za-z]/.test(text[i])) i--;
  const keyword = text.slice(i + 1, end);
  return keyword === 'def' || keyword === 'class';
}

/**
 * Returns whether the occurrence is a plain use of the word: it reads the name, never binds it.
 * In a tree without syntax errors, a written `name(.name)*(` is a call of exactly that chain, or
 * sits in a string or comment, or is a class pattern — never a binding or the source of an alias —
 * unless `def` or `class` precede a bare name: such occurrences are not looked up now but deferred
 * until the rules they could matter to are known.
 */
export function followOccurrence(root: Node, text: string, position: number, word: string, effects: WordEffects, clean: boolean, checkDeadline: () => void): boolean {
  const length = word.length;
  // In a tree with syntax errors, an ERROR node may sit inside a chain (`pickle.from load(f)` is a
  // call of pickle.load): what is written says nothing there, only the tree does.
  const written = writtenCallee(text, position + length);
  if (clean && written.paren !== -1 && (written.last !== null || !followsDefinitionKeyword(text, position))) {
    effects.deferred.push({ at: position, written });
    return true;
  }
  // Likewise a bare name followed by `=` (not `==`) is a target or a keyword's name: it binds, and
  // starts no call or alias. Said from the text, since each lookup of a node's parent costs the
  // node's depth (`a1 = a2 = … = an = torch` nests n assignments).
  if (clean && written.last === null) {
    let i = written.end;
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    if (text.charCodeAt(i) === 61 && text.charCodeAt(i + 1) !== 61) return false;
  }
  const token = root.descendantForIndex(position, position + length);
  if (!token || token.startIndex !== position) return false;
  // Up the chain the word starts: a name is resolved from its leftmost identifier, so a word that is
  // an attribute (`model.eval`) or an inner part of an import path stands for nothing of its own.
  // Static evaluation gives up beyond MAX_EVALUATION_DEPTH nested expressions, so a longer chain
  // cannot name anything either (and `((((…torch…))))` 10,000 deep must not cost depth² parent lookups).
  let chain: Node = token;
  let parent = chain.parent;
  let depth = 0;
  while (parent && CHAIN_TYPES.has(parent.type) && (parent.startIndex === chain.startIndex || parent.type === 'parenthesized_expression')) {
    if (++depth > MAX_EVALUATION_DEPTH) return false;
    chain = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  switch (parent.type) {
    case 'call': {
      // A chain directly under a call is its callee (the arguments sit in an argument_list).
      effects.calls.push({ call: parent, last: lastSegment(chain, token), suffix: chain.id === token.id ? '' : clean ? chainSuffix(chain, word) : null });
      return true;
    }
    case 'assignment': {
      // `x = chain`, and `y = x = chain` binds every target of the chained assignment.
      const last = lastSegment(chain, token);
      const suffix = chain.id === token.id ? '' : clean ? chainSuffix(chain, word) : null;
      // Climbing `parent` costs a descent from the root each: for `a1 = … = an = chain` the
      // ancestors come from one descent instead (only when the assignment is itself a value).
      if (parent.childForFieldName('right')?.id !== chain.id) return false;
      const above = parent.parent;
      const ancestors = above?.type === 'assignment' ? pathTo(root, above, checkDeadline) : [];
      const climb = (node: Node): Node | null | undefined => {
        if (ancestors.length > 0 && ancestors[ancestors.length - 1].id === node.id) {
          ancestors.pop();
          return ancestors[ancestors.length - 1] ?? null;
        }
        return node.parent;
      };
      let assignment: Node | null | undefined = parent;
      let value: Node = chain;
      let assigned = false;
      while (assignment?.type === 'assignment' && assignment.childForFieldName('right')?.id === value.id) {
        const left = assignment.childForFieldName('left');
        if (left?.type === 'identifier') effects.aliases.push({ name: left.text, last, suffix });
        assigned = true;
        checkDeadline();
        value = assignment;
        assignment = assignment.id === parent.id ? above : climb(assignment);
      }
      return assigned;
    }
    case 'aliased_import': {
      // `import a.b as N` binds N to a.b. In `from m import a as N` the name is m.a: that is the
      // module's word to follow, not this one.
      if (parent.parent?.type === 'import_from_statement') return false;
      const alias = parent.childForFieldName('alias');
      if (!alias || parent.childForFieldName('name')?.id !== chain.id) return false;
      effects.aliases.push({ name: alias.text, last: lastSegment(chain, token), value: dotted(chain) });
      return true;
    }
    case 'import_from_statement': {
      if (parent.childForFieldName('module_name')?.id !== chain.id) return false;
      const module = dotted(chain);
      for (const child of parent.childrenForFieldName('name')) {
        if (!child) continue;
        const name = child.type === 'aliased_import' ? child.childForFieldName('name') : child;
        const local = child.type === 'aliased_import' ? child.childForFieldName('alias') : child;
        if (name && local) effects.aliases.push({ name: local.text, last: lastSegment(name, token) ?? name.text, value: `${module}.${dotted(name)}` });
      }
      return true;
    }
  }
  return false;
}
