import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { BAD_PROTOCOL_TEXT, badProtocol } from './sslVersions';

const DEFAULT_PARAMETERS = new Set(['default_parameter', 'typed_default_parameter']);

export default defineRule({
  code: 'B503',
  name: 'ssl-with-bad-defaults',
  summary: 'function parameter defaulting to an SSLv2/SSLv3/TLS 1.0/TLS 1.1 protocol constant',
  severity: 'warning',
  confidence: 'medium',
  cwe: 327,
  fix: 'none',
  fixSafety: 'none',
  match: { nodes: ['function_definition'], text: BAD_PROTOCOL_TEXT },
  docs: {
    whatItDoes: "Flags a function parameter whose default is an insecure protocol constant (`ssl.PROTOCOL_SSLv3`, `PROTOCOL_TLSv1`, `SSL.TLSv1_METHOD`, … — Bandit's `bad_protocol_versions`).",
    whyBad: 'Every caller that does not pass the parameter gets a connection pinned to a protocol with practical attacks (POODLE, BEAST, DROWN): someone on the network can read or alter the traffic.',
    example: 'import ssl\n\ndef open_channel(sock, version=ssl.PROTOCOL_TLSv1):\n    return ssl.wrap_socket(sock, ssl_version=version)',
    useInstead: 'import ssl\n\ndef open_channel(sock, host):\n    ctx = ssl.create_default_context()\n    return ctx.wrap_socket(sock, server_hostname=host)',
    fixSafety: 'No fix: callers that rely on the default would change protocol.',
    options: 'None. Every such parameter is reported (Bandit reports a function once), keyword-only parameters included.',
    references: ['https://docs.python.org/3/library/ssl.html#security-considerations', 'https://bandit.readthedocs.io/en/latest/plugins/b503_ssl_with_bad_defaults.html', cweUrl(327)],
  },
  check(def: Node, ctx: RuleContext) {
    const parameters = def.childForFieldName('parameters');
    if (!parameters) return;
    for (const parameter of parameters.namedChildren) {
      if (!parameter || !DEFAULT_PARAMETERS.has(parameter.type)) continue;
      const value = parameter.childForFieldName('value');
      // Bandit reads names and attributes here, not string literals.
      if (value?.type !== 'identifier' && value?.type !== 'attribute') continue;
      const bad = badProtocol(value, ctx);
      if (!bad) continue;
      const name = parameter.childForFieldName('name')?.text ?? 'parameter';
      ctx.report({ message: `\`${name}\` defaults to the insecure protocol \`${bad}\`; require TLS 1.2 or later`, node: parameter, scopeNode: parameters });
    }
  },
});
