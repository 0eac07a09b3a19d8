import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { calleeNode } from './argState';

export default defineRule({
  code: 'B509',
  name: 'snmp-weak-cryptography',
  summary: 'pysnmp `UsmUserData` without a privacy (encryption) key',
  severity: 'warning',
  confidence: 'high',
  cwe: 319,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: ['pysnmp.hlapi.UsmUserData', 'pysnmp.hlapi.*.UsmUserData'] },
  docs: {
    whatItDoes:
      "Flags pysnmp's `UsmUserData(...)` (from `pysnmp.hlapi` and its `asyncio`/`v1arch`/`v3arch` variants) when no privacy key is passed — fewer than three positional arguments and no `privKey=`: the noAuthNoPriv and authNoPriv security levels.",
    whyBad: 'Without a privacy key SNMPv3 sends every request and response in clear text, and without an authentication key anyone can send requests as that user.',
    example: 'from pysnmp.hlapi import UsmUserData\n\nuser = UsmUserData("monitor", auth_key)',
    useInstead: 'from pysnmp.hlapi import UsmUserData\n\nuser = UsmUserData("monitor", auth_key, priv_key)',
    fixSafety: 'No fix: the keys must be set up on the device first.',
    options: 'None.',
    differencesFromBandit:
      'Bandit counts only positional arguments, so `UsmUserData("monitor", authKey=a, privKey=p)` — authenticated and encrypted — is reported by Bandit and not by mlsec: a `privKey=` keyword counts as the privacy key.',
    references: ['https://bandit.readthedocs.io/en/latest/plugins/b509_snmp_weak_cryptography.html', cweUrl(319)],
  },
  check(call: Node, ctx: RuleContext) {
    const args = ctx.args(call);
    if (args.positional.length >= 3 || args.keywords.has('privKey')) return;
    ctx.report({
      message: 'SNMPv3 `UsmUserData` without a privacy key sends data in clear text (noAuthNoPriv/authNoPriv); pass an authentication and a privacy key',
      node: calleeNode(call),
      scopeNode: call,
    });
  },
});
