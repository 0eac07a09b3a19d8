import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { argumentNode, calleeNode } from './argState';
import { isStrLiteral } from './stringContext';

/** Django's `QuerySet.extra` parameters in order: `select, where, params, tables, order_by, select_params`. */
const POSITION: Record<string, number> = { select: 0, where: 1, tables: 3 };

/** Items of a list display, without comments. */
function items(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}

/** Why this `.extra()` call may carry SQL built from data, or undefined when every piece is a constant. */
function insecurePart(call: Node, ctx: RuleContext): Node | undefined {
  for (const key of ['where', 'tables']) {
    const v = argumentNode(call, ctx, key, POSITION[key]);
    if (!v) continue;
    // Only a list display of string literals is known to be fixed SQL.
    if (v.type !== 'list') return v;
    const bad = items(v).find((e) => !isStrLiteral(e));
    if (bad) return bad;
  }
  const select = argumentNode(call, ctx, 'select', POSITION.select);
  if (!select) return undefined;
  if (select.type !== 'dictionary') return select;
  for (const entry of items(select)) {
    if (entry.type !== 'pair') return entry; // `**other` inside the dict
    const key = entry.childForFieldName('key');
    const value = entry.childForFieldName('value');
    if (!key || !isStrLiteral(key)) return key ?? entry;
    if (!value || !isStrLiteral(value)) return value ?? entry;
  }
  return undefined;
}

export default defineRule({
  code: 'B610',
  name: 'django-extra-used',
  summary: 'Django `QuerySet.extra()` with SQL that is not a constant',
  severity: 'warning',
  confidence: 'medium',
  cwe: 89,
  fix: 'none',
  fixSafety: 'none',
  // Any method named `extra` (querysets are rarely traceable to an import), as in Bandit.
  match: { nodes: ['call'], words: ['extra'], text: ['extra'], textIn: 'node' },
  docs: {
    whatItDoes:
      "Flags a call of a method named `extra` (Django's `QuerySet.extra`) whose `where` or `tables` is anything but a list of string literals, or whose `select` is anything but a dictionary of string literals. Arguments are read by keyword or by position, as Django takes them.",
    whyBad:
      '`extra()` pastes its `select`, `where` and `tables` into the SQL text. A value formatted into them (`"name = \'%s\'" % name`) is SQL injection; `params` and `select_params` exist to pass values separately.',
    example: 'Run.objects.extra(where=["owner = \'%s\'" % request.user.username])',
    useInstead: 'Run.objects.filter(owner=request.user.username)\n# or, when extra() is unavoidable:\nRun.objects.extra(where=["owner = %s"], params=[request.user.username])',
    fixSafety: 'No fix: moving values into `params` changes the SQL text.',
    options: 'None.',
    references: ['https://docs.djangoproject.com/en/stable/ref/models/querysets/#extra', 'https://bandit.readthedocs.io/en/latest/plugins/b610_django_extra_used.html', cweUrl(89)],
  },
  check(call: Node, ctx: RuleContext) {
    const fn = calleeNode(call);
    const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.type === 'identifier' ? fn.text : undefined;
    if (name !== 'extra') return;
    const part = insecurePart(call, ctx);
    if (!part) return;
    ctx.report({
      message: '`extra()` with SQL that is not a constant: values formatted into it can inject SQL; use the ORM or pass them in `params`',
      node: fn,
      scopeNode: call,
    });
  },
});
