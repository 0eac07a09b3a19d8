import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { argumentNode, calleeNode } from './argState';

export default defineRule({
  code: 'B508',
  name: 'snmp-insecure-version',
  summary: 'pysnmp `CommunityData` (SNMPv1/v2c)',
  severity: 'warning',
  confidence: 'high',
  cwe: 319,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: ['pysnmp.hlapi.CommunityData', 'pysnmp.hlapi.*.CommunityData'] },
  docs: {
    whatItDoes:
      "Flags pysnmp's `CommunityData(...)` (from `pysnmp.hlapi` and its `asyncio`/`v1arch`/`v3arch` variants). Bandit reports it when `mpModel=0` (SNMPv1) or `mpModel=1` (SNMPv2c) is written; mlsec reports every call except one with another literal `mpModel`, since those are the only two versions `CommunityData` speaks and `mpModel=1` is its default.",
    whyBad:
      'SNMPv1 and v2c authenticate with a community string sent in clear text with every request: anyone on the path can read it and then query — or, with a write community, reconfigure — the device.',
    example: 'from pysnmp.hlapi import CommunityData\n\nauth = CommunityData("public", mpModel=0)',
    useInstead:
      'from pysnmp.hlapi import UsmUserData, usmHMACSHAAuthProtocol, usmAesCfb128Protocol\n\nauth = UsmUserData("monitor", auth_key, priv_key,\n                   authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol)',
    fixSafety: 'No fix: the device must be set up for SNMPv3 first.',
    options: 'None.',
    references: ['https://bandit.readthedocs.io/en/latest/plugins/b508_snmp_insecure_version.html', cweUrl(319)],
  },
  check(call: Node, ctx: RuleContext) {
    // Only 0 (v1) and 1 (v2c, the default) exist; another literal is a different, broken call.
    const model = argumentNode(call, ctx, 'mpModel');
    const v = model ? ctx.evaluate(model) : undefined;
    if (v?.kind === 'num' && v.value !== 0 && v.value !== 1) return;
    ctx.report({
      message: 'SNMPv1/v2c `CommunityData` sends its community string in clear text; use SNMPv3 (`UsmUserData`) with authentication and privacy',
      node: calleeNode(call),
      scopeNode: call,
    });
  },
});
