import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedCall } from './blacklist';

// Bandit 1.9.4's B323 list.
const CALLS = ['ssl._create_unverified_context'];

export default defineRule({
  code: 'B323',
  name: 'unverified-context',
  summary: '`ssl._create_unverified_context`',
  severity: 'warning',
  confidence: 'high',
  cwe: 295,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: CALLS },
  docs: {
    whatItDoes: 'Flags calls of `ssl._create_unverified_context`.',
    whyBad:
      "The context it returns checks neither the server's certificate nor its host name. Anyone who can intercept the connection — a hotel Wi-Fi, a compromised proxy — can pose as the server, read what is sent (tokens, data) and change what comes back (a model, a package, a dataset).",
    example: 'import ssl\nfrom urllib.request import urlopen\n\nctx = ssl._create_unverified_context()\nurlopen(url, context=ctx, timeout=30)',
    useInstead: 'import ssl\nfrom urllib.request import urlopen\n\nctx = ssl.create_default_context(cafile=company_ca)  # trust the CA you need instead\nurlopen(url, context=ctx, timeout=30)',
    fixSafety: 'No fix: `ssl.create_default_context()` verifies certificates, so a connection to a server with a self-signed certificate that works today would fail.',
    options: 'None. Assigning the function without calling it (`ssl._create_default_https_context = ssl._create_unverified_context`) is not reported, as in Bandit.',
    references: ['https://docs.python.org/3/library/ssl.html#ssl.create_default_context', 'https://peps.python.org/pep-0476/', banditBlacklistUrl('calls', 'B323', 'unverified_context'), cweUrl(295)],
  },
  check(call: Node, ctx: RuleContext) {
    reportBlacklistedCall(call, ctx, () => '`ssl._create_unverified_context` checks neither certificates nor host names; use `ssl.create_default_context()`');
  },
});
