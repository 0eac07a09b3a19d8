import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { argumentNode, calleeNode } from './argState';
import { isStrLiteral } from './stringContext';

export default defineRule({
  code: 'B611',
  name: 'django-rawsql-used',
  summary: 'Django `RawSQL` with SQL that is not a constant',
  severity: 'warning',
  confidence: 'medium',
  cwe: 89,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: ['django.db.models.RawSQL', 'django.db.models.expressions.RawSQL'] },
  docs: {
    whatItDoes: 'Flags `django.db.models.RawSQL(sql, params)` (also imported from `django.db.models.expressions`) when `sql` is not a string literal.',
    whyBad:
      '`RawSQL` puts its first argument into the query as written. SQL built with `%`, `+`, `.format()` or an f-string from a request, a run name or a label lets that value add its own SQL; the `params` argument is there to pass values separately.',
    example: 'from django.db.models.expressions import RawSQL\n\nqs.annotate(score=RawSQL("SELECT score FROM evals WHERE model = \'%s\'" % model, []))',
    useInstead: 'from django.db.models.expressions import RawSQL\n\nqs.annotate(score=RawSQL("SELECT score FROM evals WHERE model = %s", [model]))',
    differencesFromBandit:
      "Bandit reports any call named `RawSQL` in a file that imports something from `django.db.models`, including a `RawSQL` imported from another library (`from mylib import RawSQL as OtherRawSQL`). mlsec resolves the import and reports only Django's.",
    fixSafety: 'No fix: moving values into `params` changes the SQL text.',
    options: 'None.',
    references: ['https://docs.djangoproject.com/en/stable/ref/models/expressions/#raw-sql-expressions', 'https://bandit.readthedocs.io/en/latest/plugins/b611_django_rawsql_used.html', cweUrl(89)],
  },
  check(call: Node, ctx: RuleContext) {
    const sql = argumentNode(call, ctx, 'sql', 0);
    if (!sql || isStrLiteral(sql)) return;
    ctx.report({
      message: '`RawSQL` with SQL that is not a constant: values formatted into it can inject SQL; pass them in `params`',
      node: calleeNode(call),
      scopeNode: call,
    });
  },
});
