import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { replaceNode } from '../fixes/edits';
import { argState, calleeNode } from './argState';

/** Any function or class of requests / httpx: they all accept `verify` or pass it on. */
function isHttpLibraryCall(callee: string): boolean {
  return /^(requests|httpx)\.\w+(\.\w+)*$/.test(callee);
}

export default defineRule({
  code: 'B501',
  name: 'request-without-cert-validation',
  summary: '`verify=False` on requests/httpx',
  severity: 'error',
  confidence: 'high',
  cwe: 295,
  fix: 'sometimes',
  fixSafety: 'unsafe',
  match: { calls: ['requests.*', 'httpx.*'], words: ['verify'] },
  docs: {
    whatItDoes:
      'Flags `verify=False` (or a name bound once to `False`, or `False` in a `**` dictionary) in calls of `requests` and `httpx`: `requests.get(...)` and the other verbs, `requests.request`, `httpx.get(...)`, `httpx.Client(...)`, `httpx.AsyncClient(...)`.',
    whyBad:
      'With certificate validation off, anyone on the network path — a proxy, a compromised Wi-Fi access point, a cloud neighbour — can impersonate the server, read the API token you send and replace the model, dataset or labels you receive.',
    example: 'import requests\n\nr = requests.get("https://labels.internal/api", timeout=10, verify=False)',
    useInstead: 'import requests\n\n# trust the internal CA explicitly instead of trusting everyone\nr = requests.get("https://labels.internal/api", timeout=10, verify="/etc/ssl/internal-ca.pem")',
    fixSafety: 'The fix replaces `False` with `True`. It is unsafe: a server with a self-signed or private-CA certificate will now fail the handshake until `verify=` points at that CA bundle.',
    options: 'None. A `verify` value that cannot be evaluated statically is accepted. Setting `session.verify = False` on a `requests.Session` object is not tracked.',
    references: [
      'https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification',
      'https://www.python-httpx.org/advanced/ssl/',
      'https://bandit.readthedocs.io/en/latest/plugins/b501_request_with_no_cert_validation.html',
      cweUrl(295),
    ],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (!callee || !isHttpLibraryCall(callee)) return;
    const state = argState(call, ctx, 'verify');
    if (state.kind !== 'keyword' && state.kind !== 'splat') return;
    // Only `False` (or 0) disables checks: `None` means "the default" (verify), a string names a CA bundle.
    const v = state.value;
    if (!v || !((v.kind === 'bool' && !v.value) || (v.kind === 'num' && v.value === 0))) return;
    const display = callee.replace(/^requests\.api\./, 'requests.');
    if (state.kind === 'keyword') {
      ctx.report({
        message: `\`${display}\` with \`verify=False\` accepts any certificate: the connection can be intercepted`,
        node: state.kw.node,
        scopeNode: call,
        fixes: [{ title: 'Set verify=True', safety: 'unsafe', edits: [replaceNode(state.kw.value, 'True')] }],
      });
    } else {
      ctx.report({ message: `\`${display}\` gets \`verify=False\` through \`**\` arguments and accepts any certificate`, node: calleeNode(call), scopeNode: call });
    }
  },
});
