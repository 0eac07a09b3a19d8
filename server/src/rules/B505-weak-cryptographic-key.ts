import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { argumentNode } from './argState';

type KeyType = 'DSA' | 'RSA' | 'EC';

/** Bandit's default thresholds: below `error` bits is an error, below `warning` a warning. */
const THRESHOLDS: Readonly<Record<KeyType, { error: number; warning: number }>> = {
  DSA: { error: 1024, warning: 2048 },
  RSA: { error: 1024, warning: 2048 },
  EC: { error: 160, warning: 224 },
};

const ASYMMETRIC = 'cryptography.hazmat.primitives.asymmetric';
/** Key generators: key type, and where the size (or, for EC, the curve) is passed. */
const GENERATORS: Readonly<Record<string, { type: KeyType; keyword: string; position: number }>> = {
  [`${ASYMMETRIC}.dsa.generate_private_key`]: { type: 'DSA', keyword: 'key_size', position: 0 },
  [`${ASYMMETRIC}.rsa.generate_private_key`]: { type: 'RSA', keyword: 'key_size', position: 1 },
  [`${ASYMMETRIC}.ec.generate_private_key`]: { type: 'EC', keyword: 'curve', position: 0 },
  'Crypto.PublicKey.DSA.generate': { type: 'DSA', keyword: 'bits', position: 0 },
  'Crypto.PublicKey.RSA.generate': { type: 'RSA', keyword: 'bits', position: 0 },
  'Cryptodome.PublicKey.DSA.generate': { type: 'DSA', keyword: 'bits', position: 0 },
  'Cryptodome.PublicKey.RSA.generate': { type: 'RSA', keyword: 'bits', position: 0 },
};

/** Key sizes of the named curves of `cryptography.hazmat.primitives.asymmetric.ec`, as Bandit lists them. */
const CURVE_BITS: Readonly<Record<string, number>> = {
  SECT571K1: 571,
  SECT571R1: 570,
  SECP521R1: 521,
  BrainpoolP512R1: 512,
  SECT409K1: 409,
  SECT409R1: 409,
  BrainpoolP384R1: 384,
  SECP384R1: 384,
  SECT283K1: 283,
  SECT283R1: 283,
  BrainpoolP256R1: 256,
  SECP256K1: 256,
  SECP256R1: 256,
  SECT233K1: 233,
  SECT233R1: 233,
  SECP224R1: 224,
  SECP192R1: 192,
  SECT163K1: 163,
  SECT163R2: 163,
};

/** The curve an argument names: `ec.SECP192R1` (Bandit's reading) or an instance `ec.SECP192R1()`. */
function curveName(expr: Node): string | undefined {
  const named = expr.type === 'call' ? expr.childForFieldName('function') : expr;
  if (named?.type === 'attribute') return named.childForFieldName('attribute')?.text;
  if (named?.type === 'identifier') return named.text;
  return undefined;
}

export default defineRule({
  code: 'B505',
  name: 'weak-cryptographic-key',
  summary: 'RSA/DSA keys under 2048 bits, EC keys under 224 bits',
  severity: 'warning',
  confidence: 'high',
  cwe: 326,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: Object.keys(GENERATORS) },
  docs: {
    whatItDoes:
      "Flags key generation with a statically known size below Bandit's thresholds: RSA and DSA keys under 2048 bits (an error under 1024), elliptic-curve keys on curves under 224 bits (an error under 160). It reads `cryptography`'s `rsa`/`dsa`/`ec.generate_private_key` and PyCrypto/PyCryptodome's `RSA.generate`/`DSA.generate`; a size left out is the library's default, which is strong enough.",
    whyBad: 'Keys of these sizes can be broken with resources within reach of a well-funded attacker today (1024-bit RSA) or soon; signatures made with them can be forged and what they encrypt read.',
    example: 'from cryptography.hazmat.primitives.asymmetric import rsa\n\nkey = rsa.generate_private_key(public_exponent=65537, key_size=1024)',
    useInstead: 'from cryptography.hazmat.primitives.asymmetric import rsa\n\nkey = rsa.generate_private_key(public_exponent=65537, key_size=3072)',
    fixSafety: 'No fix: peers or stored data may expect the old key size.',
    options:
      "None: the thresholds are Bandit's defaults. A size given by a name bound once to a number is read too; a curve is read from `ec.SECP192R1` and from an instance `ec.SECP192R1()` (Bandit reads only the former).",
    references: ['https://cryptography.io/en/latest/hazmat/primitives/asymmetric/rsa/#generation', 'https://bandit.readthedocs.io/en/latest/plugins/b505_weak_cryptographic_key.html', cweUrl(326)],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call) ?? '';
    const generator = GENERATORS[callee];
    if (!generator) return;
    const arg = argumentNode(call, ctx, generator.keyword, generator.position);
    if (!arg) return; // the library's default size
    let bits: number | undefined;
    if (generator.type === 'EC') {
      const curve = curveName(arg);
      bits = curve !== undefined ? CURVE_BITS[curve] : undefined;
    } else {
      const v = ctx.evaluate(arg);
      bits = v.kind === 'num' ? v.value : undefined;
    }
    if (bits === undefined) return;
    const limits = THRESHOLDS[generator.type];
    if (bits >= limits.warning) return;
    const limit = bits < limits.error ? limits.error : limits.warning;
    ctx.report({
      message: `\`${callee.split('.').slice(-2).join('.')}\` makes a ${bits}-bit ${generator.type} key: ${generator.type} keys below ${limit} bits are considered breakable`,
      node: arg.parent?.type === 'keyword_argument' ? arg.parent : arg,
      scopeNode: call,
      severity: bits < limits.error ? 'error' : 'warning',
    });
  },
});
