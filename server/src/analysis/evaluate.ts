// Static evaluation: what an expression is known to be (a literal, a qualified name, a path, a dict
// of known keys…) from the text alone, reading names through their scope. Never runs anything.
import type { Node } from 'web-tree-sitter';
import { StaticValue, UNKNOWN, NONE } from './values';

/** What evaluation asks of a scope: the static value of a name read there (analysis/scope.ts). */
export interface NameLookup {
  lookup(name: string): StaticValue;
}

const PATH_CONSTRUCTORS = new Set(['pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath', 'pathlib.WindowsPath', 'os.getcwd', 'os.fspath', 'os.path.expanduser', 'os.path.abspath']);

/**
 * How deep evaluation may nest (expressions inside expressions, names bound to names) before it
 * answers "unknown". CPython itself refuses 200 nested brackets and 100 indentation levels, so real
 * code stays far below; hostile input (`((((…))))` 10,000 deep, alias chains) must not overflow the
 * JS stack. Beyond the limit a value may depend on which name was evaluated first: acceptable for
 * input no interpreter would run.
 */
export const MAX_EVALUATION_DEPTH = 250;
let evaluationDepth = 0;

/** What `node` is known to be, evaluated in `scope`. Never runs anything. */
export function evaluate(node: Node, scope: NameLookup): StaticValue {
  if (evaluationDepth >= MAX_EVALUATION_DEPTH) return UNKNOWN;
  evaluationDepth++;
  try {
    return evaluateNode(node, scope);
  } finally {
    evaluationDepth--;
  }
}

function evaluateNode(node: Node, scope: NameLookup): StaticValue {
  switch (node.type) {
    case 'true':
      return { kind: 'bool', value: true };
    case 'false':
      return { kind: 'bool', value: false };
    case 'none':
      return NONE;
    case 'integer': {
      const n = Number(node.text.replace(/_/g, ''));
      return Number.isNaN(n) ? UNKNOWN : { kind: 'num', value: n };
    }
    case 'float': {
      const n = Number(node.text.replace(/_/g, ''));
      return Number.isNaN(n) ? UNKNOWN : { kind: 'num', value: n };
    }
    case 'string':
      return evaluateString(node);
    case 'concatenated_string': {
      let text = '';
      for (const part of node.namedChildren) {
        if (!part) continue;
        const v = evaluateString(part);
        if (v.kind === 'str') text += v.value;
        else if (v.kind === 'fstring') return { kind: 'fstring', prefix: text + v.prefix };
        else return UNKNOWN;
      }
      return { kind: 'str', value: text };
    }
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c) => c?.type !== 'comment');
      return inner ? evaluate(inner, scope) : UNKNOWN;
    }
    case 'not_operator': {
      const arg = node.childForFieldName('argument');
      if (!arg) return UNKNOWN;
      const v = evaluate(arg, scope);
      if (v.kind === 'bool') return { kind: 'bool', value: !v.value };
      if (v.kind === 'none') return { kind: 'bool', value: true };
      return UNKNOWN;
    }
    case 'unary_operator': {
      const arg = node.childForFieldName('argument');
      const op = node.childForFieldName('operator')?.text;
      if (!arg) return UNKNOWN;
      const v = evaluate(arg, scope);
      if (v.kind === 'num' && op === '-') return { kind: 'num', value: -v.value };
      if (v.kind === 'num' && op === '+') return v;
      return UNKNOWN;
    }
    case 'identifier':
      return scope.lookup(node.text);
    case 'attribute': {
      const object = node.childForFieldName('object');
      const attr = node.childForFieldName('attribute');
      if (!object || !attr) return UNKNOWN;
      // Only a `ref` base yields a value, and a call never evaluates to a ref: skip evaluating it
      // (`a.b().b().b()…` chains would otherwise be evaluated again at every link).
      if (object.type === 'call') return UNKNOWN;
      const base = evaluate(object, scope);
      if (base.kind === 'ref') return { kind: 'ref', name: `${base.name}.${attr.text}` };
      return UNKNOWN;
    }
    case 'dictionary':
      return evaluateDict(node, scope);
    case 'call':
      return evaluateCall(node, scope);
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.text;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) return UNKNOWN;
      const l = evaluate(left, scope);
      if (op === '/' && l.kind === 'path') return { kind: 'path' };
      if (op === '+') {
        const r = evaluate(right, scope);
        if (l.kind === 'str' && r.kind === 'str') return { kind: 'str', value: l.value + r.value };
        if (l.kind === 'str') return { kind: 'fstring', prefix: l.value };
        if (l.kind === 'fstring') return { kind: 'fstring', prefix: l.prefix };
        if (l.kind === 'num' && r.kind === 'num') return { kind: 'num', value: l.value + r.value };
      }
      return UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

function evaluateString(node: Node): StaticValue {
  if (node.type !== 'string') return UNKNOWN;
  const start = node.namedChildren[0];
  const prefix = start?.type === 'string_start' ? start.text : '"';
  const isBytes = /b/i.test(prefix.replace(/["']/g, ''));
  if (isBytes) return UNKNOWN;
  const isRaw = /r/i.test(prefix.replace(/["']/g, ''));
  let text = '';
  for (const part of node.namedChildren) {
    if (!part) continue;
    if (part.type === 'string_content') text += isRaw ? part.text : unescapeContent(part);
    else if (part.type === 'interpolation') return { kind: 'fstring', prefix: text };
    else if (part.type === 'escape_sequence') text += isRaw ? part.text : unescape(part.text);
  }
  return { kind: 'str', value: text };
}

function unescapeContent(node: Node): string {
  // string_content holds escape_sequence children; join text with them decoded.
  if (node.namedChildCount === 0) return node.text;
  let out = '';
  let pos = node.startIndex;
  const full = node.text;
  for (const child of node.namedChildren) {
    if (!child) continue;
    out += full.slice(pos - node.startIndex, child.startIndex - node.startIndex);
    out += child.type === 'escape_sequence' ? unescape(child.text) : child.text;
    pos = child.endIndex;
  }
  out += full.slice(pos - node.startIndex);
  return out;
}

function unescape(seq: string): string {
  switch (seq[1]) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '\\':
      return '\\';
    case "'":
      return "'";
    case '"':
      return '"';
    case '0':
      return '\0';
    case '\n':
      return '';
    case 'x':
      return String.fromCharCode(parseInt(seq.slice(2), 16));
    case 'u':
    case 'U':
      return String.fromCodePoint(parseInt(seq.slice(2), 16));
    default:
      return seq;
  }
}

function evaluateDict(node: Node, scope: NameLookup): StaticValue {
  const entries: Record<string, StaticValue> = {};
  let open = false;
  for (const child of node.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (child.type === 'pair') {
      const key = child.childForFieldName('key');
      const value = child.childForFieldName('value');
      const k = key ? evaluate(key, scope) : UNKNOWN;
      if (k.kind === 'str' && value) entries[k.value] = evaluate(value, scope);
      else open = true;
    } else if (child.type === 'dictionary_splat') {
      if (mergeDictSplat(child, scope, entries)) open = true;
    } else open = true;
  }
  return { kind: 'dict', entries, open };
}

/**
 * Adds the entries of `**expr` (in a dict display or a `dict(...)` call) to `entries`. True when the
 * result may hold keys not listed: the expression is not a known dict, or that dict is open itself.
 */
function mergeDictSplat(splat: Node, scope: NameLookup, entries: Record<string, StaticValue>): boolean {
  const inner = splat.namedChildren[0];
  const v = inner ? evaluate(inner, scope) : UNKNOWN;
  if (v.kind !== 'dict') return true;
  Object.assign(entries, v.entries);
  return v.open;
}

function evaluateCall(node: Node, scope: NameLookup): StaticValue {
  const fn = node.childForFieldName('function');
  const args = node.childForFieldName('arguments');
  if (!fn) return UNKNOWN;
  const callee = evaluate(fn, scope);
  if (callee.kind !== 'ref') return UNKNOWN;
  const name = callee.name;
  if (name === 'builtins.dict' && args) {
    const entries: Record<string, StaticValue> = {};
    let open = false;
    for (const a of args.namedChildren) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const k = a.childForFieldName('name');
        const v = a.childForFieldName('value');
        if (k && v) entries[k.text] = evaluate(v, scope);
      } else if (a.type === 'dictionary_splat') {
        if (mergeDictSplat(a, scope, entries)) open = true;
      } else open = true;
    }
    return { kind: 'dict', entries, open };
  }
  if (name === 'builtins.str' && args) {
    const inner = args.namedChildren.find((c) => c?.type !== 'comment');
    if (inner) {
      const v = evaluate(inner, scope);
      if (v.kind === 'path' || v.kind === 'str' || v.kind === 'fstring') return v;
    }
    return UNKNOWN;
  }
  if (name.startsWith('os.path.') || PATH_CONSTRUCTORS.has(name) || name.startsWith('pathlib.')) return { kind: 'path' };
  return UNKNOWN;
}
