// eval / exec: the built-in is meant only when the name resolves to it (not shadowed, not a method).
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from './rule';
import { calleeNode, argumentNode } from './argState';

export function dynamicCodeCheck(call: Node, ctx: RuleContext, builtin: string): { literal: boolean } | undefined {
  if (ctx.calleeName(call) !== builtin) return undefined;
  const source = argumentNode(call, ctx, 'source', 0);
  return { literal: !!source && ctx.evaluate(source).kind === 'str' };
}

/**
 * B102 / B307's check: reports a call of `builtin` on its callee; a string-literal code argument is
 * reported at low confidence with its own message (nothing from outside reaches it).
 */
export function reportDynamicCode(call: Node, ctx: RuleContext, builtin: string, messages: { literal: string; dynamic: string }): void {
  const finding = dynamicCodeCheck(call, ctx, builtin);
  if (!finding) return;
  ctx.report({
    message: finding.literal ? messages.literal : messages.dynamic,
    node: calleeNode(call),
    scopeNode: call,
    confidence: finding.literal ? 'low' : 'high',
  });
}
