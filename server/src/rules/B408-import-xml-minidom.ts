import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext } from './rule';
import { banditBlacklistUrl, reportBlacklistedImport } from './blacklist';
import { xmlDocs, xmlImportMessage } from './xmlDocs';

// Bandit 1.9.4's B408 list: modules matched as a prefix of the imported dotted name.
const MODULES = ['xml.dom.minidom'];

export default defineRule({
  code: 'B408',
  name: 'import-xml-minidom',
  summary: 'imports of `xml.dom.minidom`',
  severity: 'information',
  confidence: 'high',
  cwe: 20,
  fix: 'none',
  fixSafety: 'none',
  match: { imports: MODULES },
  docs: xmlDocs(
    'Flags imports of `xml.dom.minidom` (`import xml.dom.minidom`, `from xml.dom import minidom`, `from xml.dom.minidom import parseString`) and `__import__` / `importlib.import_module` of it. Off in the default profile, where B318 reports the parsing calls themselves.',
    'from xml.dom import minidom\n\ndoc = minidom.parse(annotation_path)',
    'from defusedxml import minidom\n\ndoc = minidom.parse(annotation_path)',
    banditBlacklistUrl('imports', 'B408', 'import_xml_minidom'),
  ),
  check(node: Node, ctx: RuleContext) {
    reportBlacklistedImport(node, ctx, MODULES, xmlImportMessage);
  },
});
