// Shared by B502 and B503 (Bandit's insecure_ssl_tls plugin): the protocol constants Bandit 1.9.4
// calls insecure by default (its `bad_protocol_versions`), and how an argument names one.
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from './rule';

export const BAD_PROTOCOL_VERSIONS: ReadonlySet<string> = new Set([
  'PROTOCOL_SSLv2',
  'SSLv2_METHOD',
  'SSLv23_METHOD',
  'PROTOCOL_SSLv3',
  'PROTOCOL_TLSv1',
  'SSLv3_METHOD',
  'TLSv1_METHOD',
  'PROTOCOL_TLSv1_1',
  'TLSv1_1_METHOD',
]);

/** Substrings one of which every bad constant's name holds (a file without them has no finding). */
export const BAD_PROTOCOL_TEXT = ['SSLv2', 'SSLv3', 'TLSv1'];

/**
 * The insecure protocol constant an expression names, if any: the attribute of `ssl.PROTOCOL_SSLv3`,
 * a bare name (as written, or as it resolves through `from ssl import PROTOCOL_SSLv3 as P`), or a
 * string literal spelling one (Bandit compares literal values with the names too).
 */
export function badProtocol(expr: Node | null | undefined, ctx: RuleContext): string | undefined {
  if (!expr) return undefined;
  const candidates: string[] = [];
  if (expr.type === 'attribute') candidates.push(expr.childForFieldName('attribute')?.text ?? '');
  if (expr.type === 'identifier') candidates.push(expr.text);
  if (expr.type === 'identifier' || expr.type === 'attribute') {
    const q = ctx.qualifiedName(expr);
    if (q) candidates.push(q.slice(q.lastIndexOf('.') + 1));
  }
  if (expr.type === 'string') {
    const v = ctx.evaluate(expr);
    if (v.kind === 'str') candidates.push(v.value);
  }
  return candidates.find((c) => BAD_PROTOCOL_VERSIONS.has(c));
}
