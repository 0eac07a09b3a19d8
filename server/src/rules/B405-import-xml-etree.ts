import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext } from './rule';
import { banditBlacklistUrl, reportBlacklistedImport } from './blacklist';
import { xmlDocs, xmlImportMessage } from './xmlDocs';

// Bandit 1.9.4's B405 list: modules matched as a prefix of the imported dotted name.
const MODULES = ['xml.etree.cElementTree', 'xml.etree.ElementTree'];

export default defineRule({
  code: 'B405',
  name: 'import-xml-etree',
  summary: 'imports of `xml.etree.ElementTree` / `cElementTree`',
  severity: 'information',
  confidence: 'high',
  cwe: 20,
  fix: 'none',
  fixSafety: 'none',
  match: { imports: MODULES },
  docs: xmlDocs(
    'Flags imports of `xml.etree.ElementTree` and `xml.etree.cElementTree` (`import xml.etree.ElementTree as ET`, `from xml.etree import ElementTree`, `from xml.etree.ElementTree import parse`) and `__import__` / `importlib.import_module` of them. Off in the default profile, where B313/B314 report the parsing calls themselves.',
    'import xml.etree.ElementTree as ET\n\nroot = ET.parse(annotation_path).getroot()',
    'import defusedxml.ElementTree as ET\n\nroot = ET.parse(annotation_path).getroot()',
    banditBlacklistUrl('imports', 'B405', 'import_xml_etree'),
  ),
  check(node: Node, ctx: RuleContext) {
    reportBlacklistedImport(node, ctx, MODULES, xmlImportMessage);
  },
});
