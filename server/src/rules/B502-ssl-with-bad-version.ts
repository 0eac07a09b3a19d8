import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { argumentNode } from './argState';
import { BAD_PROTOCOL_TEXT, badProtocol } from './sslVersions';

/** Constructors whose protocol argument is certain to be the one the connection uses, with its name and position. */
const PROTOCOL_PARAMETER: Readonly<Record<string, { name: string; position: number }>> = {
  'ssl.wrap_socket': { name: 'ssl_version', position: 5 },
  'ssl.SSLContext': { name: 'protocol', position: 0 },
  'OpenSSL.SSL.Context': { name: 'method', position: 0 },
  'pyOpenSSL.SSL.Context': { name: 'method', position: 0 },
};

export default defineRule({
  code: 'B502',
  name: 'ssl-with-bad-version',
  summary: 'SSLv2/SSLv3/TLS 1.0/TLS 1.1 protocol constant passed as `ssl_version=` or `method=`',
  severity: 'error',
  confidence: 'high',
  cwe: 327,
  fix: 'none',
  fixSafety: 'none',
  match: { nodes: ['call'], text: BAD_PROTOCOL_TEXT },
  docs: {
    whatItDoes:
      "Flags an insecure protocol constant (`PROTOCOL_SSLv2`, `PROTOCOL_SSLv3`, `PROTOCOL_TLSv1`, `PROTOCOL_TLSv1_1`, and pyOpenSSL's `SSLv2_METHOD`, `SSLv23_METHOD`, `SSLv3_METHOD`, `TLSv1_METHOD`, `TLSv1_1_METHOD`) passed to `ssl.wrap_socket(ssl_version=…)`, `ssl.SSLContext(…)` or `OpenSSL.SSL.Context(…)` (error, high confidence), and the same constants passed as `ssl_version=` or `method=` to any other call (warning, medium confidence), as Bandit does.",
    whyBad:
      'SSL 2 and 3 and TLS 1.0 and 1.1 have practical attacks (POODLE, BEAST, DROWN) and are disabled by current servers and browsers. Pinning a connection to one of them lets someone on the network read or alter what passes over it — credentials, model weights, inference traffic.',
    example: 'import ssl\n\nsock = ssl.wrap_socket(raw, ssl_version=ssl.PROTOCOL_TLSv1)',
    useInstead: 'import ssl\n\nctx = ssl.create_default_context()\nctx.minimum_version = ssl.TLSVersion.TLSv1_2\nsock = ctx.wrap_socket(raw, server_hostname=host)',
    fixSafety: 'No fix: a peer that only speaks the old protocol stops working; that may be intended, but it is a decision.',
    options:
      "None: the list of insecure constants is Bandit's default `bad_protocol_versions`. mlsec also reads the protocol given positionally to `ssl.SSLContext` and `OpenSSL.SSL.Context`, and names imported from `ssl` under another name.",
    references: ['https://docs.python.org/3/library/ssl.html#security-considerations', 'https://bandit.readthedocs.io/en/latest/plugins/b502_ssl_with_bad_version.html', cweUrl(327)],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call) ?? '';
    const known = PROTOCOL_PARAMETER[callee];
    if (known) {
      const arg = argumentNode(call, ctx, known.name, known.position);
      const bad = badProtocol(arg, ctx);
      if (arg && bad) {
        ctx.report({ message: `\`${callee}\` with the insecure protocol \`${bad}\`; require TLS 1.2 or later`, node: arg.parent?.type === 'keyword_argument' ? arg.parent : arg, scopeNode: call });
        return;
      }
    }
    // Any other call: Bandit reads the keywords `method=` and `ssl_version=` wherever they appear.
    for (const name of ['method', 'ssl_version']) {
      const kw = ctx.args(call).keywords.get(name);
      const bad = badProtocol(kw?.value, ctx);
      if (kw && bad) {
        ctx.report({ message: `Call with the insecure protocol \`${bad}\` as \`${name}=\`; require TLS 1.2 or later`, node: kw.node, scopeNode: call, severity: 'warning', confidence: 'medium' });
        return;
      }
    }
  },
});
