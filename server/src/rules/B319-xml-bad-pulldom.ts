import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext } from './rule';
import { banditBlacklistUrl, reportBlacklistedCall } from './blacklist';
import { xmlCallMessage, xmlDocs } from './xmlDocs';

// Bandit 1.9.4's B319 list.
const CALLS = ['xml.dom.pulldom.parse', 'xml.dom.pulldom.parseString'];

export default defineRule({
  code: 'B319',
  name: 'xml-bad-pulldom',
  summary: '`xml.dom.pulldom` parsers',
  severity: 'warning',
  confidence: 'high',
  cwe: 20,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: CALLS },
  docs: xmlDocs(
    'Flags `parse` and `parseString` of `xml.dom.pulldom`, however the module was imported.',
    'from xml.dom import pulldom\n\nevents = pulldom.parse(stream)',
    'from defusedxml import pulldom\n\nevents = pulldom.parse(stream)',
    banditBlacklistUrl('calls', 'B319', 'xml_bad_pulldom'),
  ),
  check(call: Node, ctx: RuleContext) {
    reportBlacklistedCall(call, ctx, xmlCallMessage);
  },
});
