import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { calleeNode } from './argState';

/** A literal constant of any type (what Python's syntax tree calls a Constant). */
const CONSTANT_TYPES = new Set(['integer', 'float', 'true', 'false', 'none', 'ellipsis']);

export default defineRule({
  code: 'B704',
  name: 'markupsafe-markup-xss',
  summary: '`markupsafe.Markup` on a value that is not a constant',
  severity: 'warning',
  confidence: 'high',
  cwe: 79,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: ['markupsafe.Markup', 'flask.Markup'] },
  docs: {
    whatItDoes: 'Flags `markupsafe.Markup(x)` (also `flask.Markup`) when `x`, the first positional argument, is not a literal constant.',
    whyBad:
      "`Markup` declares its argument to be safe HTML: templates will insert it without escaping. Wrapping text that came from a user, a dataset or a model's output lets any `<script>` in it run in the page (cross-site scripting).",
    example: 'from markupsafe import Markup\n\nhtml = Markup(f"<b>{model_output}</b>")',
    useInstead:
      'from markupsafe import Markup, escape\n\nhtml = Markup("<b>{}</b>").format(model_output)  # format() escapes its arguments\n# or: Markup("<b>") + escape(model_output) + Markup("</b>")',
    fixSafety: 'No fix: only you know which parts are trusted HTML.',
    options: "None: Bandit's `markupsafe_xss` options (`extend_markup_names`, `allowed_calls`) are not read yet.",
    references: ['https://markupsafe.palletsprojects.com/en/stable/escaping/#markupsafe.Markup', 'https://bandit.readthedocs.io/en/latest/plugins/b704_markupsafe_markup_xss.html', cweUrl(79)],
  },
  check(call: Node, ctx: RuleContext) {
    const args = ctx.args(call);
    if (args.listSplats.length > 0 && args.listSplats[0].startIndex < (args.positional[0]?.startIndex ?? Infinity)) return;
    const first = args.positional[0];
    if (!first) return;
    const isConstant = CONSTANT_TYPES.has(first.type) || ((first.type === 'string' || first.type === 'concatenated_string') && !first.descendantsOfType('interpolation').length);
    if (isConstant) return;
    const callee = ctx.calleeName(call);
    ctx.report({
      message: `\`${callee}\` marks a value built at run time as safe HTML: untrusted text in it is not escaped (cross-site scripting)`,
      node: calleeNode(call),
      scopeNode: call,
    });
  },
});
