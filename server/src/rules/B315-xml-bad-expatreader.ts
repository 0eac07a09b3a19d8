import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext } from './rule';
import { banditBlacklistUrl, reportBlacklistedCall } from './blacklist';
import { xmlCallMessage, xmlDocs } from './xmlDocs';

// Bandit 1.9.4's B315 list.
const CALLS = ['xml.sax.expatreader.create_parser'];

export default defineRule({
  code: 'B315',
  name: 'xml-bad-expatreader',
  summary: '`xml.sax.expatreader.create_parser`',
  severity: 'warning',
  confidence: 'high',
  cwe: 20,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: CALLS },
  docs: xmlDocs(
    'Flags `xml.sax.expatreader.create_parser`, however the module was imported.',
    'from xml.sax import expatreader\n\nparser = expatreader.create_parser()\nparser.setContentHandler(handler)\nparser.parse(path)',
    'from defusedxml import expatreader\n\nparser = expatreader.create_parser()\nparser.setContentHandler(handler)\nparser.parse(path)',
    banditBlacklistUrl('calls', 'B315', 'xml_bad_expatreader'),
  ),
  check(call: Node, ctx: RuleContext) {
    reportBlacklistedCall(call, ctx, xmlCallMessage);
  },
});
