// What a call says about one parameter: given by keyword, by position, through a `**` dictionary,
// possibly hidden in an unknown `**kwargs`, or absent. Rules decide what each case means for them.
import type { Node } from 'web-tree-sitter';
import type { StaticValue } from '../analysis/values';
import { truthiness, isLiteral } from '../analysis/values';
import type { KeywordArgument } from '../analysis/calls';
import type { RuleContext } from './rule';
import { keywordFromSplats } from './helpers';

export type ArgState =
  | { kind: 'keyword'; kw: KeywordArgument; value: StaticValue; truth: boolean | undefined }
  | { kind: 'positional'; node: Node; value: StaticValue; truth: boolean | undefined }
  | { kind: 'splat'; value: StaticValue | undefined; truth: boolean | undefined }
  | { kind: 'unknown-splat' }
  | { kind: 'absent' };

/**
 * Truth value of a literal (or of a name bound once to a literal); undefined for anything else. A module
 * attribute (`settings.FLAG`) is a `ref`, which `truthiness` calls true — not proof of anything here.
 */
export function literalTruth(value: StaticValue | undefined): boolean | undefined {
  return value && isLiteral(value) ? truthiness(value) : undefined;
}

/**
 * Looks up parameter `name` of `call`. `position` is its 0-based positional index, if it can be passed
 * positionally; a `*args` before that position makes the positional case unknowable (treated as absent).
 */
export function argState(call: Node, ctx: RuleContext, name: string, position?: number): ArgState {
  const args = ctx.args(call);
  const kw = args.keywords.get(name);
  if (kw) {
    const value = ctx.evaluate(kw.value);
    return { kind: 'keyword', kw, value, truth: literalTruth(value) };
  }
  if (position !== undefined && args.listSplats.length === 0) {
    const node = args.positional[position];
    if (node) {
      const value = ctx.evaluate(node);
      return { kind: 'positional', node, value, truth: literalTruth(value) };
    }
  }
  const splat = keywordFromSplats(args, name, ctx);
  if (splat.found) return { kind: 'splat', value: splat.value, truth: literalTruth(splat.value) };
  if (splat.unknown) return { kind: 'unknown-splat' };
  return { kind: 'absent' };
}

/** The callee expression of a call (what the finding's range usually points at). */
export function calleeNode(call: Node): Node {
  return call.childForFieldName('function') as Node;
}

/** The first argument, by keyword or position, when it is there. */
export function firstArgument(call: Node, ctx: RuleContext, keyword?: string): Node | null {
  const args = ctx.args(call);
  if (keyword) {
    const kw = args.keywords.get(keyword);
    if (kw) return kw.value;
  }
  if (args.listSplats.length > 0 && args.listSplats[0].startIndex < (args.positional[0]?.startIndex ?? Infinity)) return null;
  return args.positional[0] ?? null;
}
