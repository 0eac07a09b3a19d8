// Static values: what an expression is known to be without running anything.
// `ref` is a qualified name ("torch.load") reached through imports and aliases.

export type StaticValue =
  | { kind: 'str'; value: string }
  | { kind: 'num'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'dict'; entries: Record<string, StaticValue>; open: boolean }
  | { kind: 'fstring'; prefix: string }
  | { kind: 'path' }
  | { kind: 'ref'; name: string }
  | { kind: 'unknown' };

export const UNKNOWN: StaticValue = { kind: 'unknown' };
export const NONE: StaticValue = { kind: 'none' };

/** true / false when the truth value is statically known, undefined otherwise. */
export function truthiness(v: StaticValue): boolean | undefined {
  switch (v.kind) {
    case 'bool':
      return v.value;
    case 'none':
      return false;
    case 'num':
      return v.value !== 0;
    case 'str':
      return v.value.length > 0;
    case 'dict':
      return v.open ? undefined : Object.keys(v.entries).length > 0;
    case 'fstring':
      return v.prefix.length > 0 ? true : undefined;
    case 'path':
    case 'ref':
      return true;
    default:
      return undefined;
  }
}

export function isLiteral(v: StaticValue): boolean {
  return v.kind === 'str' || v.kind === 'num' || v.kind === 'bool' || v.kind === 'none';
}

export function refName(v: StaticValue): string | null {
  return v.kind === 'ref' ? v.name : null;
}
