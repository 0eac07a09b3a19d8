import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';

export default defineRule({
  code: 'B101',
  name: 'assert-used',
  summary: '`assert` statement',
  severity: 'information',
  confidence: 'high',
  cwe: 703,
  fix: 'none',
  fixSafety: 'none',
  match: { nodes: ['assert_statement'] },
  docs: {
    whatItDoes: 'Flags every `assert` statement.',
    whyBad:
      'Python drops `assert` statements when it runs with `-O` or `PYTHONOPTIMIZE` (as some serving images and packaged tools do). A check written as an `assert` — a permission test, a shape or range check on input from a request, a guard before loading a file — then silently stops happening.',
    example: 'def load_user_file(user, path):\n    assert user.is_admin, "admins only"\n    return open(path).read()',
    useInstead: 'def load_user_file(user, path):\n    if not user.is_admin:\n        raise PermissionError("admins only")\n    return open(path).read()',
    fixSafety: 'No fix: turning an `assert` into `if ...: raise` changes which exception is raised, and many asserts (in tests) are meant to stay asserts.',
    options:
      'The default profile leaves B101 out (asserts in tests and internal invariants are the bulk of what it finds); select it with `select = ["B101"]`, or use `profile = "bandit"`. mlsec reports every `assert`, as Bandit does with its default settings; Bandit\'s `assert_used.skips` file patterns are not read — exclude test folders, or ignore B101 for them, in `[tool.mlsec]` instead.',
    references: ['https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement', 'https://bandit.readthedocs.io/en/latest/plugins/b101_assert_used.html', cweUrl(703)],
  },
  check(statement: Node, ctx: RuleContext) {
    // The range is the keyword: a multi-line assert should not paint its whole message.
    const keyword = statement.child(0);
    ctx.report({
      message: '`assert` is removed when Python runs with -O; raise an exception for checks that must always run',
      node: keyword?.type === 'assert' ? keyword : statement,
      scopeNode: statement,
    });
  },
});
