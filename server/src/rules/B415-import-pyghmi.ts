import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedImport } from './blacklist';

// Bandit 1.9.4's B415 list: modules matched as a prefix of the imported dotted name.
const MODULES = ['pyghmi'];

export default defineRule({
  code: 'B415',
  name: 'import-pyghmi',
  summary: 'imports of `pyghmi` (IPMI)',
  severity: 'error',
  confidence: 'high',
  cwe: 319,
  fix: 'none',
  fixSafety: 'none',
  match: { imports: MODULES },
  docs: {
    whatItDoes: 'Flags imports of `pyghmi` and its submodules (`import pyghmi.ipmi.command`, `from pyghmi.ipmi import command`) and `__import__` / `importlib.import_module` of them.',
    whyBad:
      "IPMI, the protocol `pyghmi` speaks to a server's baseboard management controller, has design flaws: RAKP lets anyone who can reach the BMC fetch a password hash to crack offline, and cipher 0 skips authentication on many BMCs. A BMC controls power, consoles and firmware of the GPU servers it sits in.",
    example: 'from pyghmi.ipmi import command\n\nipmi = command.Command(bmc=host, userid=user, password=password)',
    useInstead: '# use the BMC\'s Redfish API over HTTPS, with certificate checks\nimport requests\n\nrequests.get(f"https://{host}/redfish/v1/Systems", auth=(user, password), timeout=30)',
    fixSafety: 'No fix: the replacement is another protocol.',
    options: 'None.',
    references: ['https://www.rapid7.com/blog/post/2013/07/02/a-penetration-testers-guide-to-ipmi/', banditBlacklistUrl('imports', 'B415', 'import_pyghmi'), cweUrl(319)],
  },
  check(node: Node, ctx: RuleContext) {
    reportBlacklistedImport(node, ctx, MODULES, (name) => `\`${name}\` is imported: IPMI's authentication is weak and its traffic can be read; keep BMCs on an isolated network`);
  },
});
