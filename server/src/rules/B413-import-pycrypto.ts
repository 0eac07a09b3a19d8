import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedImport } from './blacklist';

// Bandit 1.9.4's B413 list: modules matched as a prefix of the imported dotted name.
const MODULES = ['Crypto.Cipher', 'Crypto.Hash', 'Crypto.IO', 'Crypto.Protocol', 'Crypto.PublicKey', 'Crypto.Random', 'Crypto.Signature', 'Crypto.Util'];

export default defineRule({
  code: 'B413',
  name: 'import-pycrypto',
  summary: 'imports of PyCrypto (`Crypto.*`)',
  severity: 'error',
  confidence: 'high',
  cwe: 327,
  fix: 'none',
  fixSafety: 'none',
  match: { imports: MODULES },
  docs: {
    whatItDoes:
      "Flags imports of PyCrypto's packages `Crypto.Cipher`, `Crypto.Hash`, `Crypto.IO`, `Crypto.Protocol`, `Crypto.PublicKey`, `Crypto.Random`, `Crypto.Signature` and `Crypto.Util` (`from Crypto.Cipher import AES`, `from Crypto import Random`, `import Crypto.Util.Padding`) and `__import__` / `importlib.import_module` of them. A bare `import Crypto` is not reported, as in Bandit.",
    whyBad:
      'PyCrypto has had no release since 2013 and has known, unfixed vulnerabilities (a heap overflow in `ALGnew`, CVE-2013-7459). Code importing `Crypto` may run on it without anyone noticing, since PyCryptodome installs under the same name.',
    example: 'from Crypto.Cipher import AES\n\ncipher = AES.new(key, AES.MODE_EAX)',
    useInstead: 'from cryptography.hazmat.primitives.ciphers.aead import AESGCM\n\nnonce = os.urandom(12)\nblob = nonce + AESGCM(key).encrypt(nonce, data, None)',
    fixSafety: 'No fix: the two libraries have different APIs.',
    options:
      'None. PyCryptodome, the maintained fork, installs as `Crypto` too (or as `Cryptodome` with `pycryptodomex`); if the project pins PyCryptodome, import from `Cryptodome` or suppress with `# nosec B413 # pycryptodome`.',
    references: ['https://cryptography.io/', 'https://nvd.nist.gov/vuln/detail/CVE-2013-7459', banditBlacklistUrl('imports', 'B413', 'import_pycrypto'), cweUrl(327)],
  },
  check(node: Node, ctx: RuleContext) {
    reportBlacklistedImport(node, ctx, MODULES, (name) => `\`${name}\` is from PyCrypto, which is unmaintained and has known vulnerabilities; use \`cryptography\``);
  },
});
