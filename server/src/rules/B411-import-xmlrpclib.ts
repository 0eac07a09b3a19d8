import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedImport } from './blacklist';

// Bandit 1.9.4's B411 list: modules matched as a prefix of the imported dotted name.
const MODULES = ['xmlrpc'];

export default defineRule({
  code: 'B411',
  name: 'import-xmlrpclib',
  summary: 'imports of `xmlrpc`',
  severity: 'error',
  confidence: 'high',
  cwe: 20,
  fix: 'none',
  fixSafety: 'none',
  match: { imports: MODULES },
  docs: {
    whatItDoes:
      'Flags imports of `xmlrpc` and its submodules (`import xmlrpc.client`, `from xmlrpc.server import SimpleXMLRPCServer`, `from xmlrpc import client`) and `__import__` / `importlib.import_module` of them.',
    whyBad:
      'XML-RPC clients and servers parse XML from the other end of the connection with the standard library\'s expat parser, which expands nested entities: a small request or response can take gigabytes of memory (a "billion laughs" or a decompression bomb of a `gzip`-encoded body).',
    example: 'from xmlrpc.server import SimpleXMLRPCServer\n\nserver = SimpleXMLRPCServer(("127.0.0.1", 8000))',
    useInstead:
      'from defusedxml.xmlrpc import monkey_patch\nfrom xmlrpc.server import SimpleXMLRPCServer  # nosec B411 # patched below\n\nmonkey_patch()\nserver = SimpleXMLRPCServer(("127.0.0.1", 8000))',
    fixSafety: 'No fix: `defusedxml` is a separate dependency.',
    options: 'None.',
    references: ['https://docs.python.org/3/library/xmlrpc.html', 'https://github.com/tiran/defusedxml', banditBlacklistUrl('imports', 'B411', 'import_xmlrpclib'), cweUrl(20)],
  },
  check(node: Node, ctx: RuleContext) {
    reportBlacklistedImport(node, ctx, MODULES, (name) => `\`${name}\` is imported: its XML-RPC parser is open to entity-expansion attacks; call \`defusedxml.xmlrpc.monkey_patch()\` first`);
  },
});
