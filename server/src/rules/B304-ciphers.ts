import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedCall } from './blacklist';

// Bandit 1.9.4's B304 list, each with the cipher it makes.
const CIPHERS: Readonly<Record<string, string>> = {
  'Crypto.Cipher.ARC2.new': 'RC2',
  'Crypto.Cipher.ARC4.new': 'RC4',
  'Crypto.Cipher.Blowfish.new': 'Blowfish',
  'Crypto.Cipher.DES.new': 'DES',
  'Crypto.Cipher.XOR.new': 'XOR',
  'Cryptodome.Cipher.ARC2.new': 'RC2',
  'Cryptodome.Cipher.ARC4.new': 'RC4',
  'Cryptodome.Cipher.Blowfish.new': 'Blowfish',
  'Cryptodome.Cipher.DES.new': 'DES',
  'Cryptodome.Cipher.XOR.new': 'XOR',
  'cryptography.hazmat.primitives.ciphers.algorithms.ARC4': 'RC4',
  'cryptography.hazmat.primitives.ciphers.algorithms.Blowfish': 'Blowfish',
  'cryptography.hazmat.primitives.ciphers.algorithms.CAST5': 'CAST5',
  'cryptography.hazmat.primitives.ciphers.algorithms.IDEA': 'IDEA',
  'cryptography.hazmat.primitives.ciphers.algorithms.SEED': 'SEED',
  'cryptography.hazmat.primitives.ciphers.algorithms.TripleDES': 'Triple DES',
};

export default defineRule({
  code: 'B304',
  name: 'ciphers',
  summary: 'RC2, RC4, Blowfish, DES, XOR, CAST5, IDEA, SEED, Triple DES',
  severity: 'error',
  confidence: 'high',
  cwe: 327,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: Object.keys(CIPHERS) },
  docs: {
    whatItDoes:
      'Flags the constructors of broken or outdated ciphers: RC2, RC4, Blowfish, DES and XOR from PyCrypto / PyCryptodome (`Crypto.Cipher.DES.new`, `Cryptodome.Cipher.ARC4.new`, …) and RC4, Blowfish, CAST5, IDEA, SEED and Triple DES from `cryptography` (`algorithms.TripleDES(key)`).',
    whyBad:
      'DES keys are found by brute force in hours; RC4 has biases that leak plaintext; XOR is not encryption; the 64-bit block ciphers (Blowfish, CAST5, IDEA, Triple DES) leak plaintext after a few dozen gigabytes under one key (Sweet32). Data encrypted with them — model weights shipped to customers, cached credentials — should be treated as readable.',
    example: 'from Crypto.Cipher import DES\n\ncipher = DES.new(key, DES.MODE_CBC, iv)\nblob = cipher.encrypt(pad(data))',
    useInstead: 'from cryptography.hazmat.primitives.ciphers.aead import AESGCM\n\nnonce = os.urandom(12)\nblob = nonce + AESGCM(key).encrypt(nonce, data, None)',
    fixSafety: 'No fix: a new cipher needs a new key size and mode, and data already encrypted must still be decrypted with the old one.',
    options: 'None. Decrypting legacy data can be suppressed with `# nosec B304 # <why>`.',
    references: ['https://cryptography.io/en/latest/hazmat/primitives/aead/', 'https://sweet32.info/', banditBlacklistUrl('calls', 'B304', 'ciphers'), cweUrl(327)],
  },
  check(call: Node, ctx: RuleContext) {
    reportBlacklistedCall(call, ctx, (name) => `${CIPHERS[name] ?? name} is a broken or weak cipher; use AES-GCM or ChaCha20-Poly1305`);
  },
});
