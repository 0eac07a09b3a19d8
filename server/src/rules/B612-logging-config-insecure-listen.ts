import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { argState, calleeNode } from './argState';

export default defineRule({
  code: 'B612',
  name: 'logging-config-insecure-listen',
  summary: '`logging.config.listen` without `verify`',
  severity: 'warning',
  confidence: 'high',
  cwe: 94,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: ['logging.config.listen'] },
  docs: {
    whatItDoes: 'Flags `logging.config.listen(...)` called without a `verify` function.',
    whyBad:
      '`listen` opens a socket that accepts logging configurations and applies them. A configuration can name classes and callables to create, so anyone who can reach the port can run code in the process — a training job, a serving worker. `verify` lets you check (a signature, say) or reject what arrives before it is applied.',
    example: 'import logging.config\n\nt = logging.config.listen(9030)\nt.start()',
    useInstead: 'import logging.config\n\nt = logging.config.listen(9030, verify=check_signature)\nt.start()',
    fixSafety: 'No fix: the verification depends on how configurations are signed or trusted.',
    options: 'None.',
    differencesFromBandit: 'Bandit looks only for a `verify=` keyword. `verify` is also the second positional parameter (`listen(9030, check_signature)`), which mlsec counts as given.',
    references: ['https://docs.python.org/3/library/logging.config.html#logging.config.listen', 'https://bandit.readthedocs.io/en/latest/plugins/b612_logging_config_insecure_listen.html', cweUrl(94)],
  },
  check(call: Node, ctx: RuleContext) {
    const verify = argState(call, ctx, 'verify', 1);
    if (verify.kind !== 'absent' && verify.kind !== 'unknown-splat') return;
    ctx.report({
      message: '`logging.config.listen` without `verify` applies any configuration sent to its port, which can run code',
      node: calleeNode(call),
      scopeNode: call,
      // `**kwargs` may carry a `verify`.
      confidence: verify.kind === 'unknown-splat' ? 'low' : 'high',
    });
  },
});
