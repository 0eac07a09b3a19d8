// Small questions several rules ask about a call.
import type { CallArguments } from '../analysis/calls';
import { splatExpression } from '../analysis/calls';
import type { StaticValue } from '../analysis/values';
import type { RuleContext } from './rule';

export interface SplatLookup {
  /** The keyword is present in a statically known `**` dictionary. */
  found: boolean;
  value?: StaticValue;
  /** Some `**` argument could not be evaluated: it may or may not carry the keyword. */
  unknown: boolean;
}

/** Looks for `name` among a call's `**kwargs` dictionaries (`kw = {"weights_only": True}; f(**kw)`). */
export function keywordFromSplats(args: CallArguments, name: string, ctx: RuleContext): SplatLookup {
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

/** The expression given for a parameter, by keyword or by position. */
export function argumentFor(args: CallArguments, keyword: string, position: number) {
  const kw = args.keywords.get(keyword);
  if (kw) return kw.value;
  return args.positional[position] ?? null;
}
