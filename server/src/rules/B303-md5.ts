import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedCall } from './blacklist';

// Bandit 1.9.4's B303 list: PyCrypto/PyCryptodome and `cryptography` hash constructors, each with
// the algorithm it makes. `hashlib` is not here: Bandit reports it under B324 (B324-insecure-hash).
const ALGORITHMS: Readonly<Record<string, string>> = {
  'Crypto.Hash.MD2.new': 'MD2',
  'Crypto.Hash.MD4.new': 'MD4',
  'Crypto.Hash.MD5.new': 'MD5',
  'Crypto.Hash.SHA.new': 'SHA-1',
  'Cryptodome.Hash.MD2.new': 'MD2',
  'Cryptodome.Hash.MD4.new': 'MD4',
  'Cryptodome.Hash.MD5.new': 'MD5',
  'Cryptodome.Hash.SHA.new': 'SHA-1',
  'cryptography.hazmat.primitives.hashes.MD5': 'MD5',
  'cryptography.hazmat.primitives.hashes.SHA1': 'SHA-1',
};

export default defineRule({
  code: 'B303',
  name: 'md5',
  summary: 'MD2/MD4/MD5/SHA-1 from PyCrypto, PyCryptodome or `cryptography`',
  severity: 'warning',
  confidence: 'high',
  cwe: 327,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: Object.keys(ALGORITHMS) },
  docs: {
    whatItDoes:
      'Flags the MD2, MD4, MD5 and SHA-1 constructors of PyCrypto and PyCryptodome (`Crypto.Hash.MD5.new`, `Cryptodome.Hash.SHA.new`, …) and of `cryptography` (`hashes.MD5()`, `hashes.SHA1()`). The same algorithms from `hashlib` are reported by B324.',
    whyBad:
      'Collisions can be computed for all four: two different inputs — a benign and a tampered model file, two certificates, two messages — with the same digest. A signature, an integrity check or a deduplication of untrusted data built on one of them can be fooled.',
    example: 'from cryptography.hazmat.primitives import hashes\n\ndigest = hashes.Hash(hashes.SHA1())\ndigest.update(payload)',
    useInstead: 'from cryptography.hazmat.primitives import hashes\n\ndigest = hashes.Hash(hashes.SHA256())\ndigest.update(payload)',
    fixSafety: 'No fix: another algorithm gives other digests, and every digest already stored or expected by a peer stops matching.',
    options: 'None. Unlike `hashlib`, these libraries have no `usedforsecurity` flag; for a hash that protects nothing, suppress with `# nosec B303 # <why>`.',
    references: ['https://cryptography.io/en/latest/hazmat/primitives/cryptographic-hashes/', banditBlacklistUrl('calls', 'B303', 'md5'), cweUrl(327)],
  },
  check(call: Node, ctx: RuleContext) {
    reportBlacklistedCall(call, ctx, (name) => `${ALGORITHMS[name] ?? name} is broken for security use (collisions can be computed); use SHA-256 or better`);
  },
});
