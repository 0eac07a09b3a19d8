import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext } from './rule';
import { banditBlacklistUrl, reportBlacklistedCall } from './blacklist';
import { xmlCallMessage, xmlDocs } from './xmlDocs';

// Bandit 1.9.4's B313 list.
const CALLS = ['xml.etree.cElementTree.parse', 'xml.etree.cElementTree.iterparse', 'xml.etree.cElementTree.fromstring', 'xml.etree.cElementTree.XMLParser'];

export default defineRule({
  code: 'B313',
  name: 'xml-bad-c-element-tree',
  summary: '`xml.etree.cElementTree` parsers',
  severity: 'warning',
  confidence: 'high',
  cwe: 20,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: CALLS },
  docs: xmlDocs(
    'Flags `parse`, `iterparse`, `fromstring` and `XMLParser` of `xml.etree.cElementTree`, however the module was imported (`import xml.etree.cElementTree as ET`). The module was removed in Python 3.9; the same functions of `xml.etree.ElementTree` are B314.',
    'import xml.etree.cElementTree as ET\n\nroot = ET.parse(annotation_path).getroot()',
    'import defusedxml.ElementTree as ET\n\nroot = ET.parse(annotation_path).getroot()',
    banditBlacklistUrl('calls', 'B313', 'xml_bad_cElementTree'),
  ),
  check(call: Node, ctx: RuleContext) {
    reportBlacklistedCall(call, ctx, xmlCallMessage);
  },
});
