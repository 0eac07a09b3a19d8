import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext } from './rule';
import { banditBlacklistUrl, reportBlacklistedCall } from './blacklist';
import { xmlCallMessage, xmlDocs } from './xmlDocs';

// Bandit 1.9.4's B318 list.
const CALLS = ['xml.dom.minidom.parse', 'xml.dom.minidom.parseString'];

export default defineRule({
  code: 'B318',
  name: 'xml-bad-minidom',
  summary: '`xml.dom.minidom` parsers',
  severity: 'warning',
  confidence: 'high',
  cwe: 20,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: CALLS },
  docs: xmlDocs(
    'Flags `parse` and `parseString` of `xml.dom.minidom`, however the module was imported (`from xml.dom import minidom`, `from xml.dom.minidom import parseString`).',
    'from xml.dom import minidom\n\ndoc = minidom.parse(annotation_path)',
    'from defusedxml import minidom\n\ndoc = minidom.parse(annotation_path)',
    banditBlacklistUrl('calls', 'B318', 'xml_bad_minidom'),
  ),
  check(call: Node, ctx: RuleContext) {
    reportBlacklistedCall(call, ctx, xmlCallMessage);
  },
});
