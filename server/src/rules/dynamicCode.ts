// eval / exec: the built-in is meant only when the name resolves to it (not shadowed, not a method).
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from './rule';
import { firstArgument } from './argState';

export function dynamicCodeCheck(call: Node, ctx: RuleContext, builtin: string): { literal: boolean } | undefined {
  if (ctx.calleeName(call) !== builtin) return undefined;
  const source = firstArgument(call, ctx, 'source');
  return { literal: !!source && ctx.evaluate(source).kind === 'str' };
}
