import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext } from './rule';
import { banditBlacklistUrl, reportBlacklistedCall } from './blacklist';
import { xmlCallMessage, xmlDocs } from './xmlDocs';

// Bandit 1.9.4's B316 list.
const CALLS = ['xml.dom.expatbuilder.parse', 'xml.dom.expatbuilder.parseString'];

export default defineRule({
  code: 'B316',
  name: 'xml-bad-expatbuilder',
  summary: '`xml.dom.expatbuilder` parsers',
  severity: 'warning',
  confidence: 'high',
  cwe: 20,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: CALLS },
  docs: xmlDocs(
    'Flags `parse` and `parseString` of `xml.dom.expatbuilder`, however the module was imported.',
    'from xml.dom import expatbuilder\n\ndoc = expatbuilder.parseString(payload)',
    'from defusedxml import expatbuilder\n\ndoc = expatbuilder.parseString(payload)',
    banditBlacklistUrl('calls', 'B316', 'xml_bad_expatbuilder'),
  ),
  check(call: Node, ctx: RuleContext) {
    reportBlacklistedCall(call, ctx, xmlCallMessage);
  },
});
