import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext } from './rule';
import { banditBlacklistUrl, reportBlacklistedCall } from './blacklist';
import { xmlCallMessage, xmlDocs } from './xmlDocs';

// Bandit 1.9.4's B314 list, plus `XML`, another name of `fromstring`.
const CALLS = ['xml.etree.ElementTree.parse', 'xml.etree.ElementTree.iterparse', 'xml.etree.ElementTree.fromstring', 'xml.etree.ElementTree.XMLParser', 'xml.etree.ElementTree.XML'];

export default defineRule({
  code: 'B314',
  name: 'xml-bad-element-tree',
  summary: '`xml.etree.ElementTree` parsers',
  severity: 'warning',
  confidence: 'high',
  cwe: 20,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: CALLS },
  docs: xmlDocs(
    'Flags `parse`, `iterparse`, `fromstring`, `XML` (another name of `fromstring`) and `XMLParser` of `xml.etree.ElementTree`, however the module was imported (`import xml.etree.ElementTree as ET`, `from xml.etree.ElementTree import parse`). Writing XML (`tostring`, `ElementTree.write`) is not reported.',
    'import xml.etree.ElementTree as ET\n\ndef load_boxes(voc_xml: str):\n    root = ET.fromstring(voc_xml)\n    return [obj.find("bndbox") for obj in root.iter("object")]',
    'import defusedxml.ElementTree as ET\n\ndef load_boxes(voc_xml: str):\n    root = ET.fromstring(voc_xml)\n    return [obj.find("bndbox") for obj in root.iter("object")]',
    banditBlacklistUrl('calls', 'B314', 'xml_bad_ElementTree'),
  ),
  check(call: Node, ctx: RuleContext) {
    reportBlacklistedCall(call, ctx, xmlCallMessage);
  },
});
