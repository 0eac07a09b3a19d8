import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { calleeLastName, isImportedLike } from './fileImports';

const TRUSTING_POLICIES = new Set(['AutoAddPolicy', 'WarningPolicy']);

/** The policy an argument names: `paramiko.AutoAddPolicy`, `AutoAddPolicy`, or an instance `AutoAddPolicy()`. */
function policyName(expr: Node | undefined, ctx: RuleContext): string | undefined {
  if (!expr) return undefined;
  const named = expr.type === 'call' ? expr.childForFieldName('function') : expr;
  if (named?.type === 'attribute') return named.childForFieldName('attribute')?.text;
  if (named?.type === 'identifier') {
    if (TRUSTING_POLICIES.has(named.text)) return named.text;
    const q = ctx.qualifiedName(named);
    return q?.slice(q.lastIndexOf('.') + 1);
  }
  return undefined;
}

export default defineRule({
  code: 'B507',
  name: 'ssh-no-host-key-verification',
  summary: '`set_missing_host_key_policy(AutoAddPolicy/WarningPolicy)` in a file that imports paramiko',
  severity: 'error',
  confidence: 'medium',
  cwe: 295,
  fix: 'none',
  fixSafety: 'none',
  readsWholeFile: true,
  match: { nodes: ['call'], words: ['set_missing_host_key_policy'], text: ['paramiko'] },
  docs: {
    whatItDoes:
      'Flags `.set_missing_host_key_policy(...)` with `AutoAddPolicy` or `WarningPolicy` (the class or an instance) in a file that imports paramiko, as Bandit does: the SSH client is usually held in a variable whose type cannot be known statically.',
    whyBad:
      'Both policies accept a host key never seen before: the first connection to a training node, a data server or a bastion then trusts whoever answers, so a machine in the middle can read the session, steal the credentials and run commands.',
    example: 'import paramiko\n\nclient = paramiko.SSHClient()\nclient.set_missing_host_key_policy(paramiko.AutoAddPolicy())\nclient.connect(host, username=user)',
    useInstead: 'import paramiko\n\nclient = paramiko.SSHClient()\nclient.load_system_host_keys()\nclient.set_missing_host_key_policy(paramiko.RejectPolicy())\nclient.connect(host, username=user)',
    fixSafety: 'No fix: hosts not yet in `known_hosts` would stop connecting until their keys are added.',
    options: 'None.',
    references: [
      'https://docs.paramiko.org/en/latest/api/client.html#paramiko.client.SSHClient.set_missing_host_key_policy',
      'https://bandit.readthedocs.io/en/latest/plugins/b507_ssh_no_host_key_verification.html',
      cweUrl(295),
    ],
  },
  check(call: Node, ctx: RuleContext) {
    if (calleeLastName(call) !== 'set_missing_host_key_policy') return;
    const policyArg = ctx.args(call).positional[0] ?? ctx.args(call).keywords.get('policy')?.value;
    const policy = policyName(policyArg, ctx);
    if (!policyArg || !policy || !TRUSTING_POLICIES.has(policy) || !isImportedLike(call, ctx, 'paramiko')) return;
    ctx.report({
      message: `\`${policy}\` trusts the host key of any server not seen before; load known hosts and use \`RejectPolicy\``,
      node: policyArg,
      scopeNode: call,
    });
  },
});
