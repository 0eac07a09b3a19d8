import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext } from './rule';
import { banditBlacklistUrl, reportBlacklistedImport } from './blacklist';
import { xmlDocs, xmlImportMessage } from './xmlDocs';

// Bandit 1.9.4's B409 list: modules matched as a prefix of the imported dotted name.
const MODULES = ['xml.dom.pulldom'];

export default defineRule({
  code: 'B409',
  name: 'import-xml-pulldom',
  summary: 'imports of `xml.dom.pulldom`',
  severity: 'information',
  confidence: 'high',
  cwe: 20,
  fix: 'none',
  fixSafety: 'none',
  match: { imports: MODULES },
  docs: xmlDocs(
    'Flags imports of `xml.dom.pulldom` (`import xml.dom.pulldom`, `from xml.dom import pulldom`) and `__import__` / `importlib.import_module` of it. Off in the default profile, where B319 reports the parsing calls themselves.',
    'from xml.dom import pulldom\n\nevents = pulldom.parse(stream)',
    'from defusedxml import pulldom\n\nevents = pulldom.parse(stream)',
    banditBlacklistUrl('imports', 'B409', 'import_xml_pulldom'),
  ),
  check(node: Node, ctx: RuleContext) {
    reportBlacklistedImport(node, ctx, MODULES, xmlImportMessage);
  },
});
