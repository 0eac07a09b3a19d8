import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { addKeywordArgument, replaceNode } from '../fixes/edits';
import { argState, calleeNode } from './argState';

const URLOPEN = new Set(['urllib.request.urlopen', 'urllib2.urlopen', 'six.moves.urllib.request.urlopen']);

export default defineRule({
  code: 'ML201',
  name: 'urlopen-without-timeout',
  summary: '`urllib.request.urlopen` without `timeout`',
  severity: 'warning',
  confidence: 'high',
  cwe: 400,
  fix: 'sometimes',
  fixSafety: 'mixed',
  match: { calls: [...URLOPEN] },
  docs: {
    whatItDoes:
      "Flags `urllib.request.urlopen` calls (also reached as `from urllib import request; request.urlopen`, and Python 2's `urllib2.urlopen`) without a `timeout` — by keyword or as the third positional argument — and calls that pass `timeout=None`. B310 reports the same call for the URL schemes it opens; Bandit reports both under B310, so a `# nosec B310` silences both.",
    whyBad:
      'Without a timeout, `urlopen` uses the process-wide socket default, which is "wait forever" unless something called `socket.setdefaulttimeout`. A stalled server then hangs the download step of a training job or a data pipeline with no error to look at.',
    example: 'from urllib.request import urlopen\n\nwith urlopen(url) as resp:\n    data = resp.read()',
    useInstead: 'from urllib.request import urlopen\n\nwith urlopen(url, timeout=30) as resp:\n    data = resp.read()',
    fixSafety:
      'Safe, except next to `**kwargs`. The fix inserts `timeout=<default>` or replaces `None`; the default is 30 seconds (`default-timeout` in `[tool.mlsec]`, `mlsec.defaultTimeout` in the editor). When the call also passes `**kwargs` whose keys mlsec cannot see, the inserted keyword is unsafe (a `timeout` already in them would be given twice): offered one click at a time, never applied by fix-all or `--fix`.',
    options:
      '`default-timeout`: the seconds the fix inserts. A timeout that cannot be evaluated statically is accepted. When an unknown `**kwargs` might carry it, the finding has low confidence. A timeout set globally with `socket.setdefaulttimeout` is not seen.',
    references: ['https://docs.python.org/3/library/urllib.request.html#urllib.request.urlopen', cweUrl(400)],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (!callee || !URLOPEN.has(callee)) return;
    const seconds = String(ctx.config.defaultTimeout);
    const state = argState(call, ctx, 'timeout', 2);
    if (state.kind === 'keyword' || state.kind === 'positional') {
      if (state.value.kind !== 'none') return;
      const valueNode = state.kind === 'keyword' ? state.kw.value : state.node;
      ctx.report({
        message: '`urlopen` with `timeout=None` can wait forever; set a timeout in seconds',
        node: state.kind === 'keyword' ? state.kw.node : state.node,
        scopeNode: call,
        fixes: [{ title: `Set timeout=${seconds}`, safety: 'safe', edits: [replaceNode(valueNode, seconds)] }],
      });
      return;
    }
    if (state.kind === 'splat') {
      if (state.value?.kind === 'none') {
        ctx.report({ message: '`urlopen` gets `timeout=None` through `**` arguments and can wait forever', node: calleeNode(call), scopeNode: call });
      }
      return;
    }
    const unknown = state.kind === 'unknown-splat';
    ctx.report({
      message: unknown
        ? '`urlopen` may be called without a timeout (it is not among the visible `**` arguments); pass `timeout=` explicitly'
        : `\`urlopen\` without a timeout can wait forever; pass \`timeout=${seconds}\` (seconds)`,
      node: calleeNode(call),
      scopeNode: call,
      confidence: unknown ? 'low' : 'high',
      // As for B113: next to unknown `**kwargs` that may already carry `timeout`, the keyword could be
      // given twice (TypeError), so the fix is offered, never applied in bulk.
      fixes: [{ title: `Add timeout=${seconds}`, safety: unknown ? 'unsafe' : 'safe', edits: addKeywordArgument(call, `timeout=${seconds}`, ctx.text) }],
    });
  },
});
