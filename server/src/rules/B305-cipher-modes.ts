import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedCall } from './blacklist';

// Bandit 1.9.4's B305 list.
const CALLS = ['cryptography.hazmat.primitives.ciphers.modes.ECB'];

export default defineRule({
  code: 'B305',
  name: 'cipher-modes',
  summary: "`cryptography`'s ECB mode",
  severity: 'warning',
  confidence: 'high',
  cwe: 327,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: CALLS },
  docs: {
    whatItDoes: 'Flags `cryptography.hazmat.primitives.ciphers.modes.ECB()`, the electronic-codebook mode, however `modes` was imported.',
    whyBad:
      'ECB encrypts each block on its own, so equal plaintext blocks give equal ciphertext blocks: the structure of the data (the famous penguin picture, repeated records, padding) shows through the encryption, and blocks can be reordered or replayed without detection.',
    example: 'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\n\nencryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()',
    useInstead: 'from cryptography.hazmat.primitives.ciphers.aead import AESGCM\n\nnonce = os.urandom(12)\nblob = nonce + AESGCM(key).encrypt(nonce, data, None)',
    fixSafety: 'No fix: every other mode needs a nonce or IV that has to be generated, stored and sent with the ciphertext.',
    options: 'None.',
    references: [
      'https://cryptography.io/en/latest/hazmat/primitives/symmetric-encryption/#cryptography.hazmat.primitives.ciphers.modes.ECB',
      banditBlacklistUrl('calls', 'B305', 'cipher_modes'),
      cweUrl(327),
    ],
  },
  check(call: Node, ctx: RuleContext) {
    reportBlacklistedCall(call, ctx, () => 'ECB mode encrypts equal blocks to equal ciphertext and shows the patterns of the data; use an authenticated mode such as GCM');
  },
});
