import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { addKeywordArgument, replaceNode } from '../fixes/edits';
import { argState, calleeNode } from './argState';

const JINJA_CONSTRUCTORS = new Set([
  'jinja2.Environment',
  'jinja2.environment.Environment',
  'jinja2.Template',
  'jinja2.environment.Template',
  'jinja2.sandbox.SandboxedEnvironment',
  'jinja2.sandbox.ImmutableSandboxedEnvironment',
]);

export default defineRule({
  code: 'B701',
  name: 'jinja2-autoescape-false',
  summary: '`jinja2.Environment`/`Template` without autoescaping',
  severity: 'warning',
  confidence: 'high',
  cwe: 79,
  fix: 'sometimes',
  fixSafety: 'unsafe',
  match: { calls: [...JINJA_CONSTRUCTORS] },
  docs: {
    whatItDoes: 'Flags `jinja2.Environment(...)`, `jinja2.Template(...)` and the sandboxed environments when `autoescape` is missing or `False`.',
    whyBad:
      'Jinja2 does not escape HTML unless told to. A report, a dashboard or a model card rendered from metrics, dataset rows or model outputs then carries any `<script>` those values contain into the page: cross-site scripting in whatever serves or views it.',
    example: 'import jinja2\n\nenv = jinja2.Environment(loader=jinja2.FileSystemLoader("templates"))',
    useInstead: 'import jinja2\n\nenv = jinja2.Environment(\n    loader=jinja2.FileSystemLoader("templates"),\n    autoescape=jinja2.select_autoescape(),\n)',
    fixSafety:
      'The fix inserts `autoescape=True` (or replaces `False`). It is unsafe: output changes — values that were meant to carry markup must be marked `|safe` or `Markup(...)`. For templates that do not produce HTML (prompt templates, chat templates, plain-text e-mails, code generation) escaping is wrong; silence the line with `# nosec B701 # renders plain-text prompts`.',
    options:
      'None. Any `autoescape` value that is not literally `False` — `True`, `select_autoescape(...)`, a function, a variable — is accepted. An unknown `**kwargs` without `autoescape` is reported at low confidence.',
    differencesFromBandit: 'Bandit reports `Environment(autoescape=x)` for any name `x`; mlsec gives a value it cannot see the benefit of the doubt. ML904 never calls a `# nosec B701` unused.',
    references: ['https://jinja.palletsprojects.com/en/stable/api/#autoescaping', 'https://bandit.readthedocs.io/en/latest/plugins/b701_jinja2_autoescape_false.html', cweUrl(79)],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (!callee || !JINJA_CONSTRUCTORS.has(callee)) return;
    const short = callee.replace(/^jinja2\.(environment\.|sandbox\.)?/, 'jinja2.');
    const state = argState(call, ctx, 'autoescape');
    if (state.kind === 'keyword') {
      if (state.truth !== false) return;
      ctx.report({
        message: `\`${short}\` with \`autoescape=False\` renders values as raw HTML: cross-site scripting; enable autoescaping`,
        node: state.kw.node,
        scopeNode: call,
        fixes: [{ title: 'Set autoescape=True', safety: 'unsafe', edits: [replaceNode(state.kw.value, 'True')] }],
      });
      return;
    }
    if (state.kind === 'splat') {
      if (state.truth === false) ctx.report({ message: `\`${short}\` gets \`autoescape=False\` through \`**\` arguments`, node: calleeNode(call), scopeNode: call });
      return;
    }
    const unknown = state.kind === 'unknown-splat';
    ctx.report({
      message: unknown
        ? `\`${short}\` may be created without autoescaping (it is not among the visible \`**\` arguments); pass \`autoescape=\` explicitly`
        : `\`${short}\` without \`autoescape\` renders values as raw HTML; pass \`autoescape=True\` or \`select_autoescape()\``,
      node: calleeNode(call),
      scopeNode: call,
      confidence: unknown ? 'low' : 'high',
      fixes: [{ title: 'Add autoescape=True', safety: 'unsafe', edits: addKeywordArgument(call, 'autoescape=True', ctx.text) }],
    });
  },
});
