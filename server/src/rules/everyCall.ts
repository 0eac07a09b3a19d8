// Rules that flag every call of a listed function (B301, ML103): no argument makes such a call safe,
// so the finding points at the callee and carries no fix.
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from './rule';
import { calleeNode } from './argState';

/**
 * Reports `call` when its callee resolves to one of `names`; `message` gets that qualified name.
 * `data`, when given, adds facts to the finding (the file a loader reads, see loadPath.ts).
 */
export function reportEveryCallTo(call: Node, ctx: RuleContext, names: ReadonlySet<string>, message: (callee: string) => string, data?: (callee: string) => Record<string, unknown> | undefined): void {
  const callee = ctx.calleeName(call);
  if (!callee || !names.has(callee)) return;
  ctx.report({ message: message(callee), node: calleeNode(call), scopeNode: call, data: data?.(callee) });
}
