import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { calleeNode } from './argState';

export default defineRule({
  code: 'B702',
  name: 'use-of-mako-templates',
  summary: '`mako.template.Template` (no autoescaping)',
  severity: 'warning',
  confidence: 'high',
  cwe: 80,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: ['mako.*.Template'] },
  docs: {
    whatItDoes: 'Flags the creation of a Mako template: `mako.template.Template(...)` and any other `Template` under `mako`.',
    whyBad:
      "Mako renders expressions without HTML escaping unless each one asks for it (`${ x | h }`) or the template sets `default_filters`. A model output, a dataset sample or a user's prompt shown in a report or dashboard can then carry `<script>` into the page (cross-site scripting).",
    example: 'from mako.template import Template\n\nhtml = Template("<p>${prediction}</p>").render(prediction=output)',
    useInstead:
      'from mako.template import Template\n\nhtml = Template("<p>${prediction}</p>", default_filters=["h"]).render(prediction=output)\n# or a template engine with autoescaping on (jinja2 with autoescape=True)',
    fixSafety: 'No fix: which expressions need which filter (`h`, `u`, `x`) depends on where they appear.',
    options: 'None. Every Mako template is reported, as in Bandit, also when it sets `default_filters`: check the filters, then suppress with a reason.',
    references: ['https://docs.makotemplates.org/en/latest/filtering.html', 'https://bandit.readthedocs.io/en/latest/plugins/b702_use_of_mako_templates.html', cweUrl(80)],
  },
  check(call: Node, ctx: RuleContext) {
    ctx.report({
      message: `\`${ctx.calleeName(call)}\` renders expressions without HTML escaping unless each one uses a filter (\`\${ x | h }\`): cross-site scripting`,
      node: calleeNode(call),
      scopeNode: call,
    });
  },
});
