import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { addKeywordArgument, replaceNode } from '../fixes/edits';
import { argState, calleeNode } from './argState';
import { truthiness } from '../analysis/values';
import { loadPathOf } from './loadPath';

const TORCH_LOADERS = new Set(['torch.load', 'torch.serialization.load']);

export default defineRule({
  code: 'B614',
  name: 'torch-unsafe-load',
  summary: '`torch.load` without `weights_only=True`',
  severity: 'error',
  confidence: 'high',
  cwe: 502,
  fix: 'sometimes',
  fixSafety: 'unsafe',
  match: { calls: [...TORCH_LOADERS] },
  docs: {
    whatItDoes: 'Flags `torch.load` and `torch.serialization.load` calls that do not pass `weights_only=True`, and calls that pass `weights_only=False`.',
    whyBad:
      'Without `weights_only=True`, `torch.load` unpickles the file, and unpickling runs whatever code the file asks for. A checkpoint downloaded from a model hub, a shared drive or a colleague is then code you execute. With `weights_only=True` the loader accepts tensors, primitive types and allow-listed classes only.',
    example: 'import torch\n\nstate = torch.load("checkpoint.pt")\nstate = torch.load("checkpoint.pt", weights_only=False)',
    useInstead: 'import torch\n\nstate = torch.load("checkpoint.pt", weights_only=True)',
    fixSafety:
      'The fix inserts `weights_only=True` (or replaces `False` with `True`); none is offered when `weights_only=False` comes through a `**` dictionary, whose entry the author should change. It is unsafe: a file holding a whole pickled model object, or custom classes not registered with `torch.serialization.add_safe_globals`, will no longer load.',
    options:
      'None. A `weights_only` value that cannot be evaluated statically (a function parameter, an attribute) is given the benefit of the doubt; a name bound once to a literal in the same scope counts as that literal, as does a `**kwargs` dictionary literal. An unknown `**kwargs` without `weights_only` is reported at low confidence.',
    differencesFromBandit:
      'mlsec evaluates `weights_only` given through a name or a `**` dictionary (`wo = True; torch.load(p, weights_only=wo)`); Bandit reads only a literal and reports those calls.',
    references: ['https://pytorch.org/docs/stable/generated/torch.load.html', 'https://bandit.readthedocs.io/en/latest/plugins/b614_pytorch_load.html', cweUrl(502)],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (!callee || !TORCH_LOADERS.has(callee)) return;
    const fn = calleeNode(call);
    const state = argState(call, ctx, 'weights_only');
    // The checkpoint it reads, when spelled out: its verdict is added where findings are shown.
    const loadPath = loadPathOf(call, ctx, 'f');
    const data = loadPath ? { loadPath } : undefined;
    const short = callee === 'torch.load' ? 'torch.load' : callee;
    if (state.kind === 'keyword') {
      if (truthiness(state.value) === false) {
        ctx.report({
          message: `\`${short}\` with \`weights_only=False\` unpickles arbitrary objects and can run code from the file; pass \`weights_only=True\``,
          node: state.kw.node,
          scopeNode: call,
          data,
          fixes: [{ title: 'Set weights_only=True', safety: 'unsafe', edits: [replaceNode(state.kw.value, 'True')] }],
        });
      }
      return;
    }
    if (state.kind === 'splat') {
      if (state.value && truthiness(state.value) === false) {
        ctx.report({
          message: `\`${short}\` gets \`weights_only=False\` through \`**\` arguments; pass \`weights_only=True\``,
          node: fn,
          scopeNode: call,
        });
      }
      return;
    }
    const insert = { title: 'Add weights_only=True', safety: 'unsafe' as const, edits: addKeywordArgument(call, 'weights_only=True', ctx.text) };
    if (state.kind === 'unknown-splat') {
      ctx.report({
        message: `\`${short}\` may be called without \`weights_only=True\` (it is not among the visible \`**\` arguments); pass \`weights_only=True\` explicitly`,
        node: fn,
        scopeNode: call,
        confidence: 'low',
        data,
        fixes: [insert],
      });
      return;
    }
    ctx.report({
      message: `\`${short}\` without \`weights_only=True\` unpickles arbitrary objects and can run code from the file; pass \`weights_only=True\``,
      node: fn,
      scopeNode: call,
      data,
      fixes: [insert],
    });
  },
});
