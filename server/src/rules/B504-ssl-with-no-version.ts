import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { calleeNode } from './argState';

export default defineRule({
  code: 'B504',
  name: 'ssl-with-no-version',
  summary: '`ssl.wrap_socket` without `ssl_version=`',
  severity: 'information',
  confidence: 'medium',
  cwe: 327,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: ['ssl.wrap_socket'] },
  docs: {
    whatItDoes: 'Flags `ssl.wrap_socket(...)` calls that do not pass `ssl_version=` (also through aliases such as `from ssl import wrap_socket`).',
    whyBad:
      '`ssl.wrap_socket` is deprecated (and removed in Python 3.12): it creates a context without hostname checking, and on old Pythons its default protocol negotiates versions down to SSLv3. Code that still calls it usually talks TLS without verifying who is at the other end.',
    example: 'import ssl\n\nsock = ssl.wrap_socket(raw)',
    useInstead: 'import ssl\n\nctx = ssl.create_default_context()\nsock = ctx.wrap_socket(raw, server_hostname=host)',
    fixSafety: "No fix: moving to `SSLContext.wrap_socket` needs the server's host name, which the call does not have.",
    options: 'None. As in Bandit, only the keyword counts: a version passed positionally (the sixth argument) is not looked at.',
    references: ['https://docs.python.org/3/library/ssl.html#ssl.SSLContext.wrap_socket', 'https://bandit.readthedocs.io/en/latest/plugins/b504_ssl_with_no_version.html', cweUrl(327)],
  },
  check(call: Node, ctx: RuleContext) {
    if (ctx.args(call).keywords.has('ssl_version')) return;
    ctx.report({
      message: '`ssl.wrap_socket` without `ssl_version=` may negotiate an insecure protocol and does not check host names; use `SSLContext.wrap_socket`',
      node: calleeNode(call),
      scopeNode: call,
    });
  },
});
