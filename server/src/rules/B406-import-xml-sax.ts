import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext } from './rule';
import { banditBlacklistUrl, reportBlacklistedImport } from './blacklist';
import { xmlDocs, xmlImportMessage } from './xmlDocs';

// Bandit 1.9.4's B406 list: modules matched as a prefix of the imported dotted name.
const MODULES = ['xml.sax'];

export default defineRule({
  code: 'B406',
  name: 'import-xml-sax',
  summary: 'imports of `xml.sax`',
  severity: 'information',
  confidence: 'high',
  cwe: 20,
  fix: 'none',
  fixSafety: 'none',
  match: { imports: MODULES },
  docs: xmlDocs(
    "Flags imports of `xml.sax` and its submodules (`import xml.sax`, `from xml import sax`, `from xml.sax import make_parser`, `xml.sax.saxutils` too, by Bandit's prefix test) and `__import__` / `importlib.import_module` of them. Off in the default profile, where B315/B317 report the parsing calls themselves.",
    'import xml.sax\n\nxml.sax.parse(manifest_path, ManifestHandler())',
    'import defusedxml.sax\n\ndefusedxml.sax.parse(manifest_path, ManifestHandler())',
    banditBlacklistUrl('imports', 'B406', 'import_xml_sax'),
  ),
  check(node: Node, ctx: RuleContext) {
    reportBlacklistedImport(node, ctx, MODULES, xmlImportMessage);
  },
});
