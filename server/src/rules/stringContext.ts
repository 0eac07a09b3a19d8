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
