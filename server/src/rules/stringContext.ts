// Where a string literal sits: rules about literal values (B108, B104) skip docstrings and look at
// whole implicit concatenations, and need the literal's value without running anything.
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from './rule';

/**
 * The literal a `string` node belongs to: itself, or the enclosing implicit concatenation when the node
 * is its first part (later parts are skipped: the whole literal was already looked at).
 */
export function wholeLiteral(node: Node): Node | undefined {
  const parent = node.parent;
  if (parent?.type === 'concatenated_string') {
    return parent.namedChildren.find((c) => c?.type === 'string')?.id === node.id ? parent : undefined;
  }
  return node;
}

/** A string that is a statement of its own: a docstring, or a string used as a block comment. */
export function isBareStringStatement(literal: Node): boolean {
  const parent = literal.parent;
  return parent?.type === 'expression_statement' && parent.namedChildCount === 1;
}

/** The literal's value when it is a plain string, or the leading text of an f-string. */
export function literalText(literal: Node, ctx: RuleContext): { text: string; complete: boolean } | undefined {
  const v = ctx.evaluate(literal);
  if (v.kind === 'str') return { text: v.value, complete: true };
  if (v.kind === 'fstring') return { text: v.prefix, complete: false };
  return undefined;
}

/** An f-string: a string (or implicit concatenation) with an interpolation in it. */
export function isFString(node: Node): boolean {
  if (node.type === 'concatenated_string') return node.namedChildren.some((c) => !!c && isFString(c));
  return node.type === 'string' && node.namedChildren.some((c) => c?.type === 'interpolation');
}

/** A bytes literal (`b"…"`, `rb"…"`; for a concatenation, its first part decides, as Python requires). */
export function isBytesLiteral(node: Node): boolean {
  const first = node.type === 'concatenated_string' ? node.namedChildren[0] : node;
  return !!first && first.type === 'string' && /^[rRuUfFtT]*[bB]/.test(first.text);
}

/** A `str` constant as Python's syntax tree has it: a plain (not f-, not bytes) literal or implicit concatenation. */
export function isStrLiteral(node: Node): boolean {
  return (node.type === 'string' || node.type === 'concatenated_string') && !isFString(node) && !isBytesLiteral(node);
}
