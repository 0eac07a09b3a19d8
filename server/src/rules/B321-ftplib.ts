import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedCall } from './blacklist';

// Bandit 1.9.4's B321 list: plain FTP only, not `ftplib.FTP_TLS`.
const CALLS = ['ftplib.FTP'];

export default defineRule({
  code: 'B321',
  name: 'ftplib',
  summary: '`ftplib.FTP` (not `FTP_TLS`)',
  severity: 'error',
  confidence: 'high',
  cwe: 319,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: CALLS },
  docs: {
    whatItDoes: 'Flags `ftplib.FTP(...)`, however it was imported. `ftplib.FTP_TLS` is not reported. The import itself is B402.',
    whyBad:
      'FTP sends the user name, the password and every file in clear text. Anyone on the network path can read the credentials and the data — a dataset, a model — or change the files in transit.',
    example: 'from ftplib import FTP\n\nwith FTP(host) as ftp:\n    ftp.login(user, password)\n    ftp.retrbinary("RETR weights.bin", out.write)',
    useInstead:
      'from ftplib import FTP_TLS\n\nwith FTP_TLS(host) as ftp:\n    ftp.login(user, password)\n    ftp.prot_p()  # encrypt the data channel too\n    ftp.retrbinary("RETR weights.bin", out.write)',
    fixSafety: 'No fix: `FTP_TLS` needs a server that supports it and a `prot_p()` call to protect the data channel.',
    options: 'None.',
    references: ['https://docs.python.org/3/library/ftplib.html#ftplib.FTP_TLS', banditBlacklistUrl('calls', 'B321', 'ftplib'), cweUrl(319)],
  },
  check(call: Node, ctx: RuleContext) {
    reportBlacklistedCall(call, ctx, () => 'FTP sends everything, passwords included, in clear text; use SFTP or `ftplib.FTP_TLS`');
  },
});
