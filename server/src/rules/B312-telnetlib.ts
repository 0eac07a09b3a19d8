import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedCall } from './blacklist';

// Bandit 1.9.4's B312 list.
const CALLS = ['telnetlib.Telnet'];

export default defineRule({
  code: 'B312',
  name: 'telnetlib',
  summary: '`telnetlib.Telnet`',
  severity: 'error',
  confidence: 'high',
  cwe: 319,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: CALLS },
  docs: {
    whatItDoes: 'Flags `telnetlib.Telnet(...)`, however it was imported. The import itself is B401.',
    whyBad: 'Telnet sends everything in clear text, the login and password included; anyone on the path reads it and can take over the session. `telnetlib` was also removed from Python in 3.13.',
    example: 'from telnetlib import Telnet\n\nwith Telnet(host, 23) as tn:\n    tn.write(b"reboot\\n")',
    useInstead: 'import paramiko\n\nclient = paramiko.SSHClient()\nclient.load_system_host_keys()\nclient.connect(host, username=user)\nclient.exec_command("reboot")',
    fixSafety: 'No fix: SSH needs another library, keys and a server that speaks it.',
    options: 'None.',
    references: ['https://docs.python.org/3.12/library/telnetlib.html', banditBlacklistUrl('calls', 'B312', 'telnetlib'), cweUrl(319)],
  },
  check(call: Node, ctx: RuleContext) {
    reportBlacklistedCall(call, ctx, () => 'Telnet sends everything, passwords included, in clear text; use SSH');
  },
});
