import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext } from './rule';
import { banditBlacklistUrl, reportBlacklistedImport } from './blacklist';
import { xmlDocs, xmlImportMessage } from './xmlDocs';

// Bandit 1.9.4's B407 list: modules matched as a prefix of the imported dotted name.
const MODULES = ['xml.dom.expatbuilder'];

export default defineRule({
  code: 'B407',
  name: 'import-xml-expat',
  summary: 'imports of `xml.dom.expatbuilder`',
  severity: 'information',
  confidence: 'high',
  cwe: 20,
  fix: 'none',
  fixSafety: 'none',
  match: { imports: MODULES },
  docs: xmlDocs(
    'Flags imports of `xml.dom.expatbuilder` (`import xml.dom.expatbuilder`, `from xml.dom import expatbuilder`) and `__import__` / `importlib.import_module` of it. Off in the default profile, where B316 reports the parsing calls themselves.',
    'from xml.dom import expatbuilder\n\ndoc = expatbuilder.parseString(payload)',
    'from defusedxml import expatbuilder\n\ndoc = expatbuilder.parseString(payload)',
    banditBlacklistUrl('imports', 'B407', 'import_xml_expat'),
  ),
  check(node: Node, ctx: RuleContext) {
    reportBlacklistedImport(node, ctx, MODULES, xmlImportMessage);
  },
});
