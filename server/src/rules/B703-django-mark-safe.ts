import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { calleeNode } from './argState';
import { isStrLiteral } from './stringContext';

/**
 * Text computed only from string constants: a constant (or a name bound to one), `"…%s…" % args` and
 * `"…{}…".format(args)` over such text — what Bandit accepts as built from constants.
 */
function isConstantText(node: Node, ctx: RuleContext, depth = 0): boolean {
  if (depth > 8) return false;
  if (ctx.evaluate(node).kind === 'str') return true;
  const items = (n: Node): Node[] =>
    n.type === 'tuple' || (n.type === 'parenthesized_expression' && n.namedChildren.length > 1) ? n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : [n];
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '%') {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    return !!left && !!right && isStrLiteral(left) && items(right).every((a) => isConstantText(a, ctx, depth + 1));
  }
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    const args = ctx.args(node);
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'format') return false;
    const receiver = fn.childForFieldName('object');
    if (!receiver || !isStrLiteral(receiver) || args.keywords.size > 0 || args.dictSplats.length > 0 || args.listSplats.length > 0) return false;
    return args.positional.every((a) => isConstantText(a, ctx, depth + 1));
  }
  return false;
}

const MARKERS = ['mark_safe', 'SafeText', 'SafeUnicode', 'SafeString', 'SafeBytes'];

export default defineRule({
  code: 'B703',
  name: 'django-mark-safe',
  summary: 'Django `mark_safe` / `SafeString` on a value not known to be constant',
  severity: 'warning',
  confidence: 'high',
  cwe: 80,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: MARKERS.map((m) => `django.utils.safestring.${m}`) },
  docs: {
    whatItDoes:
      'Flags `django.utils.safestring.mark_safe` and the `SafeText`, `SafeUnicode`, `SafeString`, `SafeBytes` constructors when their argument is not a string constant: a literal, a name bound to one, or text formatted with `%` or `.format()` from such constants.',
    whyBad:
      "Marking a string safe tells Django templates to insert it without HTML escaping. If any part of it comes from a user, a database row or a model's output, a `<script>` in it runs in the page (cross-site scripting).",
    example: 'from django.utils.safestring import mark_safe\n\ndef label(run):\n    return mark_safe(f"<b>{run.name}</b>")',
    useInstead: 'from django.utils.html import format_html\n\ndef label(run):\n    return format_html("<b>{}</b>", run.name)',
    differencesFromBandit:
      "Bandit reports any call named `mark_safe` (or `SafeString`, …) in a file that imports `django.utils.safestring`, including a method of another object (`mylib.mark_safe(text)`). mlsec resolves the callee and reports only Django's, under any alias.",
    fixSafety: 'No fix: `format_html` takes its arguments differently.',
    options: 'None.',
    references: ['https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe', 'https://bandit.readthedocs.io/en/latest/plugins/b703_django_mark_safe.html', cweUrl(80)],
  },
  check(call: Node, ctx: RuleContext) {
    const args = ctx.args(call);
    if (args.listSplats.length > 0 && args.listSplats[0].startIndex < (args.positional[0]?.startIndex ?? Infinity)) return;
    const first = args.positional[0];
    if (!first) return;
    // A value computed statically from string constants holds no outside data.
    if (isConstantText(first, ctx)) return;
    ctx.report({
      message: `\`${ctx.calleeName(call)}\` marks a value that is not a constant as safe HTML: untrusted text in it is not escaped (cross-site scripting)`,
      node: calleeNode(call),
      scopeNode: call,
    });
  },
});
