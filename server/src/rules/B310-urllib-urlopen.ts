import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedCall } from './blacklist';
import { argumentNode } from './argState';

// Bandit 1.9.4's B310 list, plus the Python 2 spellings its documentation names (urllib, urllib2).
const CALLS = [
  'urllib.request.urlopen',
  'urllib.request.urlretrieve',
  'urllib.request.URLopener',
  'urllib.request.FancyURLopener',
  'six.moves.urllib.request.urlopen',
  'six.moves.urllib.request.urlretrieve',
  'six.moves.urllib.request.URLopener',
  'six.moves.urllib.request.FancyURLopener',
  'urllib.urlopen',
  'urllib.urlretrieve',
  'urllib.URLopener',
  'urllib.FancyURLopener',
  'urllib2.urlopen',
];

export default defineRule({
  code: 'B310',
  name: 'urllib-urlopen',
  summary: '`urlopen` / `urlretrieve` / `URLopener`: every URL scheme, `file:` included',
  severity: 'warning',
  confidence: 'high',
  cwe: 22,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: CALLS },
  docs: {
    whatItDoes:
      'Flags `urllib.request.urlopen`, `urlretrieve`, `URLopener` and `FancyURLopener` (also through `six.moves` and the Python 2 `urllib`/`urllib2` names). A call whose URL is a string literal starting with `http://` or `https://` is reported at low confidence. An `urlopen` without a timeout is also reported by ML201; a `# nosec B310` silences both.',
    whyBad:
      'These functions open whatever scheme the URL names: `file:///etc/passwd` or `file:///home/me/.aws/credentials` read local files, and custom handlers may add more. When the URL comes from a config, a dataset manifest or a request, whoever writes it can make the program read — and perhaps send on — local files.',
    example: 'from urllib.request import urlopen\n\ndef fetch_manifest(url):\n    with urlopen(url, timeout=30) as resp:\n        return resp.read()',
    useInstead:
      'from urllib.parse import urlparse\nfrom urllib.request import urlopen\n\ndef fetch_manifest(url):\n    if urlparse(url).scheme not in ("http", "https"):\n        raise ValueError(f"refusing to open {url!r}")\n    with urlopen(url, timeout=30) as resp:  # nosec B310 # scheme checked above\n        return resp.read()',
    fixSafety: "No fix: which schemes are allowed is the author's decision.",
    options: 'None. A literal `http://` or `https://` URL cannot name another scheme (a redirect to `file:` is refused by urllib), hence the low confidence there; Bandit reports it all the same.',
    references: ['https://docs.python.org/3/library/urllib.request.html#urllib.request.urlopen', banditBlacklistUrl('calls', 'B310', 'urllib_urlopen'), cweUrl(22)],
  },
  check(call: Node, ctx: RuleContext) {
    const url = argumentNode(call, ctx, 'url', 0);
    const value = url ? ctx.evaluate(url) : undefined;
    const webLiteral = value?.kind === 'str' && /^https?:\/\//i.test(value.value);
    reportBlacklistedCall(call, ctx, (name) => `\`${name}\` opens any URL scheme, \`file:\` included; check the scheme of a URL that comes from outside`, webLiteral ? 'low' : undefined);
  },
});
