// The one way rules look up a call's arguments. `argState`: what a call says about one parameter —
// given by keyword, by position, through a `**` dictionary, possibly hidden in an unknown
// `**kwargs`, or absent; rules decide what each case means for them. `argumentNode`: the expression
// written for a parameter (to evaluate, or to point a finding or a fix at). `calleeNode`: the callee.
import type { Node } from 'web-tree-sitter';
import type { StaticValue } from '../analysis/values';
import { truthiness, isLiteral } from '../analysis/values';
import type { CallArguments, KeywordArgument } from '../analysis/calls';
import { splatExpression } from '../analysis/calls';
import type { RuleContext } from './rule';

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

/**
 * The expression written for parameter `name`: its keyword argument's value, else (when `position`,
 * 0-based, is given) the positional argument there — unless a `*args` comes before it, which makes
 * the position unknowable. Null when the call does not visibly pass it (a `**` dictionary may: ask
 * `argState` when that matters).
 */
export function argumentNode(call: Node, ctx: RuleContext, name: string, position?: number): Node | null {
  const args = ctx.args(call);
  const kw = args.keywords.get(name);
  if (kw) return kw.value;
  if (position === undefined) return null;
  if (args.listSplats.length > 0 && args.listSplats[0].startIndex < (args.positional[position]?.startIndex ?? Infinity)) return null;
  return args.positional[position] ?? null;
}

interface SplatLookup {
  /** The keyword is present in a statically known `**` dictionary. */
  found: boolean;
  value?: StaticValue;
  /** Some `**` argument could not be evaluated: it may or may not carry the keyword. */
  unknown: boolean;
}

/** Looks for `name` among a call's `**kwargs` dictionaries (`kw = {"weights_only": True}; f(**kw)`). */
function keywordFromSplats(args: CallArguments, name: string, ctx: RuleContext): SplatLookup {
  let unknown = false;
  for (const splat of args.dictSplats) {
    const expr = splatExpression(splat);
    const v = expr ? ctx.evaluate(expr) : undefined;
    if (v?.kind === 'dict') {
      if (name in v.entries) return { found: true, value: v.entries[name], unknown: false };
      if (v.open) unknown = true;
    } else {
      unknown = true;
    }
  }
  return { found: false, unknown };
}
