import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { calleeNode } from './argState';

export default defineRule({
  code: 'B306',
  name: 'mktemp',
  summary: '`tempfile.mktemp`',
  severity: 'warning',
  confidence: 'high',
  cwe: 377,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: ['tempfile.mktemp'] },
  docs: {
    whatItDoes: 'Flags `tempfile.mktemp`.',
    whyBad:
      '`mktemp` returns a name that did not exist a moment ago and creates nothing. Between that moment and your `open`, another process on the machine can create the file or a symlink with that name, and your program writes into a file someone else controls. Python has deprecated it since 2.3.',
    example: 'import tempfile\n\npath = tempfile.mktemp(suffix=".json")\nwith open(path, "w") as f:\n    f.write(data)',
    useInstead: 'import tempfile\n\nwith tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:\n    f.write(data)\n    path = f.name',
    fixSafety: 'No fix: `mkstemp` returns an open descriptor and a path, not a name, so it is not a drop-in replacement.',
    options: 'None.',
    references: ['https://docs.python.org/3/library/tempfile.html#tempfile.mktemp', 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b306-mktemp-q', cweUrl(377)],
  },
  check(call: Node, ctx: RuleContext) {
    if (ctx.calleeName(call) !== 'tempfile.mktemp') return;
    ctx.report({
      message: '`tempfile.mktemp` returns a name another process can claim first; use `tempfile.NamedTemporaryFile` or `tempfile.mkstemp`',
      node: calleeNode(call),
      scopeNode: call,
    });
  },
});
