import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { replaceNode } from '../fixes/edits';
import { argState, calleeNode } from './argState';

const NUMPY_LOADERS = new Set(['numpy.load']);

export default defineRule({
  code: 'ML104',
  name: 'numpy-allow-pickle',
  summary: '`numpy.load(..., allow_pickle=True)`',
  severity: 'error',
  confidence: 'high',
  cwe: 502,
  fix: 'sometimes',
  fixSafety: 'unsafe',
  match: { calls: [...NUMPY_LOADERS] },
  docs: {
    whatItDoes:
      'Flags `numpy.load` calls that pass `allow_pickle=True` (by keyword, as the third positional argument or through a `**` dictionary), or an `allow_pickle` value that cannot be evaluated statically.',
    whyBad:
      '`.npy` and `.npz` files can hold object arrays, which NumPy stores as pickles. With `allow_pickle=True`, loading such a file unpickles it and runs whatever code it carries. NumPy turned the default to `False` for this reason; switching it back on makes every array file an executable.',
    example: 'import numpy as np\n\nemb = np.load("embeddings.npy", allow_pickle=True)',
    useInstead: 'import numpy as np\n\nemb = np.load("embeddings.npy")  # allow_pickle=False is the default',
    fixSafety: 'The fix replaces the value with `False`. It is unsafe: a file that really holds object arrays (ragged lists, dicts) will no longer load and must be re-saved in a data-only form.',
    options:
      'None. `allow_pickle=True`, or a name bound once to a truthy literal, is reported at high confidence; a value that cannot be evaluated (a parameter, an attribute) at low confidence, because the flag exists only to enable pickles.',
    references: ['https://numpy.org/doc/stable/reference/generated/numpy.load.html', cweUrl(502)],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (!callee || !NUMPY_LOADERS.has(callee)) return;
    const state = argState(call, ctx, 'allow_pickle', 2);
    const message = '`numpy.load` with `allow_pickle=True` unpickles object arrays and can run code from the file';
    if (state.kind === 'keyword' || state.kind === 'positional') {
      if (state.truth === false) return;
      const valueNode = state.kind === 'keyword' ? state.kw.value : state.node;
      ctx.report({
        message: state.truth === true ? message : '`numpy.load` with a non-literal `allow_pickle` may unpickle object arrays; pass `allow_pickle=False`',
        node: state.kind === 'keyword' ? state.kw.node : state.node,
        scopeNode: call,
        confidence: state.truth === true ? 'high' : 'low',
        fixes: [{ title: 'Set allow_pickle=False', safety: 'unsafe', edits: [replaceNode(valueNode, 'False')] }],
      });
      return;
    }
    if (state.kind === 'splat' && state.truth !== false) {
      ctx.report({ message: `${message} (passed through \`**\` arguments)`, node: calleeNode(call), scopeNode: call, confidence: state.truth === true ? 'high' : 'low' });
    }
  },
});
