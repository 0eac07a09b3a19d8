import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedImport } from './blacklist';

// Bandit 1.9.4's B401 list: modules matched as a prefix of the imported dotted name.
const MODULES = ['telnetlib'];

export default defineRule({
  code: 'B401',
  name: 'import-telnetlib',
  summary: 'imports of `telnetlib`',
  severity: 'error',
  confidence: 'high',
  cwe: 319,
  fix: 'none',
  fixSafety: 'none',
  match: { imports: MODULES },
  docs: {
    whatItDoes:
      'Flags `import telnetlib`, `from telnetlib import …` and `__import__("telnetlib")` / `importlib.import_module("telnetlib")`. Off in the default profile, where B312 reports the `Telnet(...)` call itself.',
    whyBad:
      'A module that speaks Telnet is there to log in to something over a protocol that sends the password and every command in clear text. Anyone on the network path reads them. `telnetlib` was removed from Python in 3.13, so the import also breaks on current interpreters.',
    example: 'import telnetlib\n\ntn = telnetlib.Telnet(switch_host)',
    useInstead: 'import paramiko\n\nclient = paramiko.SSHClient()\nclient.load_system_host_keys()\nclient.connect(switch_host, username=user)',
    fixSafety: 'No fix: SSH needs another library and a server that speaks it.',
    options: 'None.',
    references: ['https://docs.python.org/3.12/library/telnetlib.html', banditBlacklistUrl('imports', 'B401', 'import_telnetlib'), cweUrl(319)],
  },
  check(node: Node, ctx: RuleContext) {
    reportBlacklistedImport(node, ctx, MODULES, (name) => `\`${name}\` is imported: Telnet sends everything, passwords included, in clear text; use SSH`);
  },
});
