import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedCall, SHADOWED_PARAMETER_DIFFERENCE } from './blacklist';

// Bandit 1.9.4's B308 list (its B703 plugin looks at the argument; this check does not).
const CALLS = ['django.utils.safestring.mark_safe'];

export default defineRule({
  code: 'B308',
  name: 'mark-safe',
  summary: "Django's `mark_safe`",
  severity: 'warning',
  confidence: 'high',
  cwe: 79,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: CALLS },
  docs: {
    whatItDoes: "Flags calls of Django's `django.utils.safestring.mark_safe`, however it was imported.",
    whyBad:
      "`mark_safe` tells Django's templates not to escape a string. If any part of it came from a user — a dataset name, a model card, a label shown in an annotation tool — that user can put a `<script>` into the page of everyone who views it (cross-site scripting).",
    example: 'from django.utils.safestring import mark_safe\n\ndef badge(run):\n    return mark_safe(f"<b>{run.name}</b>")',
    useInstead: 'from django.utils.html import format_html\n\ndef badge(run):\n    return format_html("<b>{}</b>", run.name)  # escapes run.name',
    fixSafety: 'No fix: `format_html` needs the markup split from the values, which only the author can do.',
    options: 'None. A call on a constant string is still reported, as Bandit does; suppress it with `# nosec B308 # constant markup`.',
    differencesFromBandit: SHADOWED_PARAMETER_DIFFERENCE,
    references: ['https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe', banditBlacklistUrl('calls', 'B308', 'mark_safe'), cweUrl(79)],
  },
  check(call: Node, ctx: RuleContext) {
    reportBlacklistedCall(call, ctx, () => '`mark_safe` turns off HTML escaping for this value; if any of it comes from a user, build the markup with `format_html`');
  },
});
