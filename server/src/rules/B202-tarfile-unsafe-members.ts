import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { calleeNode } from './argState';
import { calleeLastName, isImportedExact } from './fileImports';

export default defineRule({
  code: 'B202',
  name: 'tarfile-unsafe-members',
  summary: '`extractall` without `filter="data"` in a file that imports tarfile',
  severity: 'error',
  confidence: 'high',
  cwe: 22,
  fix: 'none',
  fixSafety: 'none',
  readsWholeFile: true,
  match: { nodes: ['call'], words: ['extractall'], text: ['tarfile'] },
  docs: {
    whatItDoes:
      'Flags `.extractall(...)` calls in a file that imports `tarfile`, unless they pass `filter="data"`. Without `members=` it is an error (high confidence); with `members=` given by a function call (`members=safe_members(tar)`) it is information at low confidence (check that function); with any other `members=` value it is a warning at medium confidence. As in Bandit, the receiver is not known statically, so any `extractall` in such a file counts.',
    whyBad:
      'A tar archive can hold members named `../../home/user/.bashrc` or `/etc/cron.d/x`, symbolic and hard links pointing outside the target folder, and device files. `extractall` without a filter writes them where they say: downloading a dataset or checkpoint archive from elsewhere then lets its author overwrite files on the machine that unpacks it.',
    example: 'import tarfile\n\nwith tarfile.open(archive) as tar:\n    tar.extractall(out_dir)',
    useInstead: 'import tarfile\n\nwith tarfile.open(archive) as tar:\n    tar.extractall(out_dir, filter="data")  # Python 3.12+, backported to 3.8.17+',
    fixSafety: 'No fix: `filter="data"` refuses some archives that extracted before (links out of the folder, special files), and older Pythons lack the parameter.',
    options: 'None. Only the literal `filter="data"` is accepted, as in Bandit; another filter (`"tar"`, a function) is still reported.',
    references: ['https://docs.python.org/3/library/tarfile.html#tarfile-extraction-filter', 'https://bandit.readthedocs.io/en/latest/plugins/b202_tarfile_unsafe_members.html', cweUrl(22)],
  },
  check(call: Node, ctx: RuleContext) {
    if (!calleeLastName(call)?.includes('extractall')) return;
    const args = ctx.args(call);
    const filter = args.keywords.get('filter');
    if (filter) {
      const v = ctx.evaluate(filter.value);
      if (filter.value.type !== 'identifier' && v.kind === 'str' && v.value === 'data') return;
    }
    if (!isImportedExact(call, ctx, 'tarfile')) return;
    const members = args.keywords.get('members');
    if (!members) {
      ctx.report({
        message: '`extractall` without `filter="data"` can write outside the target folder; pass `filter="data"` or vetted `members`',
        node: calleeNode(call),
        scopeNode: call,
      });
    } else if (members.value.type === 'call') {
      const fn = calleeNode(members.value).text;
      ctx.report({
        message: `\`extractall(members=${fn}(...))\`: make sure \`${fn}\` discards members with \`..\`, absolute paths, links and devices`,
        node: members.node,
        scopeNode: call,
        severity: 'information',
        confidence: 'low',
      });
    } else {
      ctx.report({
        message: '`extractall(members=...)` with members that cannot be judged statically: make sure they were checked for `..`, absolute paths, links and devices',
        node: members.node,
        scopeNode: call,
        severity: 'warning',
        confidence: 'medium',
      });
    }
  },
});
