import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext } from './rule';
import { banditBlacklistUrl, reportBlacklistedCall } from './blacklist';
import { xmlCallMessage, xmlDocs } from './xmlDocs';

// Bandit 1.9.4's B317 list.
const CALLS = ['xml.sax.parse', 'xml.sax.parseString', 'xml.sax.make_parser'];

export default defineRule({
  code: 'B317',
  name: 'xml-bad-sax',
  summary: '`xml.sax` parsers',
  severity: 'warning',
  confidence: 'high',
  cwe: 20,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: CALLS },
  docs: xmlDocs(
    'Flags `parse`, `parseString` and `make_parser` of `xml.sax`, however the module was imported (`import xml.sax`, `from xml import sax`, `from xml.sax import parse`).',
    'import xml.sax\n\nxml.sax.parse(manifest_path, ManifestHandler())',
    'import defusedxml.sax\n\ndefusedxml.sax.parse(manifest_path, ManifestHandler())',
    banditBlacklistUrl('calls', 'B317', 'xml_bad_sax'),
  ),
  check(call: Node, ctx: RuleContext) {
    reportBlacklistedCall(call, ctx, xmlCallMessage);
  },
});
