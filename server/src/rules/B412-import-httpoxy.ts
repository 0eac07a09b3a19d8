import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedImport } from './blacklist';

// Bandit 1.9.4's B412 list: modules matched as a prefix of the imported dotted name.
const MODULES = ['wsgiref.handlers.CGIHandler', 'twisted.web.twcgi.CGIScript', 'twisted.web.twcgi.CGIDirectory'];
// Bandit also matches a call of these qualified names (its import lists apply to calls too).
const CALLS = MODULES;

export default defineRule({
  code: 'B412',
  name: 'import-httpoxy',
  summary: '`wsgiref.handlers.CGIHandler`, `twisted.web.twcgi.CGIScript` / `CGIDirectory`',
  severity: 'error',
  confidence: 'high',
  cwe: 284,
  fix: 'none',
  fixSafety: 'none',
  match: { imports: MODULES, calls: CALLS },
  docs: {
    whatItDoes:
      'Flags imports of `wsgiref.handlers.CGIHandler` and `twisted.web.twcgi.CGIScript` / `CGIDirectory` (`from wsgiref.handlers import CGIHandler`) and, as Bandit does, calls of them by their full name (`wsgiref.handlers.CGIHandler()` after `import wsgiref.handlers`).',
    whyBad:
      'Under CGI, request headers become environment variables named `HTTP_<header>`. A request with a `Proxy:` header therefore sets `HTTP_PROXY`, which many HTTP clients (`requests`, `urllib`) read as the proxy for every outgoing request: the attacker receives the program\'s outgoing traffic, credentials included ("httpoxy").',
    example: 'from wsgiref.handlers import CGIHandler\n\nCGIHandler().run(app)',
    useInstead:
      '# serve the WSGI app with a WSGI server instead of CGI, e.g. gunicorn app:app\n# and, in clients, ignore HTTP_PROXY when running under CGI:\nsession = requests.Session()\nsession.trust_env = False',
    fixSafety: 'No fix: replacing CGI is a deployment change.',
    options: 'None.',
    references: ['https://httpoxy.org/', 'https://docs.python.org/3/library/wsgiref.html#wsgiref.handlers.CGIHandler', banditBlacklistUrl('imports', 'B412', 'import_httpoxy'), cweUrl(284)],
  },
  check(node: Node, ctx: RuleContext) {
    reportBlacklistedImport(node, ctx, MODULES, (name) => `\`${name}\` runs code as CGI, where a request's \`Proxy\` header becomes \`HTTP_PROXY\` (httpoxy); don't serve through CGI`, CALLS);
  },
});
