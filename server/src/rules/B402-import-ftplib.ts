import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedImport } from './blacklist';

// Bandit 1.9.4's B402 list: modules matched as a prefix of the imported dotted name.
const MODULES = ['ftplib'];

export default defineRule({
  code: 'B402',
  name: 'import-ftplib',
  summary: 'imports of `ftplib`',
  severity: 'error',
  confidence: 'high',
  cwe: 319,
  fix: 'none',
  fixSafety: 'none',
  match: { imports: MODULES },
  docs: {
    whatItDoes:
      'Flags `import ftplib`, `from ftplib import …` (`FTP_TLS` included, as in Bandit) and `__import__("ftplib")` / `importlib.import_module("ftplib")`. Off in the default profile, where B321 reports the plain `FTP(...)` call itself.',
    whyBad:
      'Plain FTP sends the login, the password and the files in clear text; anyone on the path can read the credentials or change a downloaded dataset or model on its way. Bandit flags the module as a whole, so an import of `FTP_TLS` is reported too; suppress it with a reason if you only use TLS.',
    example: 'from ftplib import FTP\n\nwith FTP(host) as ftp:\n    ftp.login(user, password)',
    useInstead: 'import paramiko\n\ntransport = paramiko.Transport((host, 22))\ntransport.connect(username=user, password=password)\nsftp = paramiko.SFTPClient.from_transport(transport)',
    fixSafety: 'No fix: SFTP or FTPS need server support and other calls.',
    options: 'None. `from ftplib import FTP_TLS  # nosec B402 # TLS only` is the way to keep an FTPS-only import.',
    references: ['https://docs.python.org/3/library/ftplib.html', banditBlacklistUrl('imports', 'B402', 'import_ftplib'), cweUrl(319)],
  },
  check(node: Node, ctx: RuleContext) {
    reportBlacklistedImport(node, ctx, MODULES, (name) => `\`${name}\` is imported: FTP sends everything, passwords included, in clear text; use SFTP or \`ftplib.FTP_TLS\``);
  },
});
