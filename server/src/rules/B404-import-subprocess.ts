import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedImport } from './blacklist';

// Bandit 1.9.4's B404 list: modules matched as a prefix of the imported dotted name.
const MODULES = ['subprocess'];

export default defineRule({
  code: 'B404',
  name: 'import-subprocess',
  summary: 'imports of `subprocess`',
  severity: 'information',
  confidence: 'high',
  cwe: 78,
  fix: 'none',
  fixSafety: 'none',
  match: { imports: MODULES },
  docs: {
    whatItDoes:
      "Flags `import subprocess`, `from subprocess import …` and `__import__` / `importlib.import_module` of it (also `subprocess32` and other names starting with `subprocess`, as Bandit's prefix test does). Off in the default profile: B602 and B605 report the calls that actually run a shell.",
    whyBad:
      "Every external command a program runs is a place where a file name, a branch name or a user's text can become an argument or, with a shell, a command. The import marks a file worth auditing.",
    example: 'import subprocess\n\nsubprocess.run(f"git checkout {branch}", shell=True)',
    useInstead: 'import subprocess\n\nsubprocess.run(["git", "checkout", "--", branch], check=True)',
    fixSafety: 'No fix: the import is not wrong in itself.',
    options: 'None.',
    references: ['https://docs.python.org/3/library/subprocess.html#security-considerations', banditBlacklistUrl('imports', 'B404', 'import_subprocess'), cweUrl(78)],
  },
  check(node: Node, ctx: RuleContext) {
    reportBlacklistedImport(node, ctx, MODULES, (name) => `\`${name}\` is imported: check that no command it runs is built from outside input`);
  },
});
