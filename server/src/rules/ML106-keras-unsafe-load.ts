import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { argState, calleeNode } from './argState';
import { removeArgument } from '../fixes/removeArgument';

/** `keras.models.load_model`, `keras.saving.load_model`, `tensorflow.keras.models.load_model`, `tf_keras…`. */
function isKerasLoadModel(callee: string): boolean {
  return (
    /^(keras|tf_keras|tensorflow\.keras|tensorflow\.python\.keras)(\.src)?\.(models|saving)(\.[\w.]+)?\.load_model$/.test(callee) || /^(keras|tf_keras|tensorflow\.keras)\.load_model$/.test(callee)
  );
}

export default defineRule({
  code: 'ML106',
  name: 'keras-unsafe-load',
  summary: 'Keras `load_model(..., safe_mode=False)`',
  severity: 'error',
  confidence: 'high',
  cwe: 502,
  fix: 'sometimes',
  fixSafety: 'unsafe',
  match: { calls: ['keras.*.load_model', 'tf_keras.*.load_model', 'tensorflow.keras.*.load_model', 'tensorflow.python.keras.*.load_model'] },
  docs: {
    whatItDoes: 'Flags `keras.models.load_model` / `keras.saving.load_model` / `tf.keras.models.load_model` calls that pass `safe_mode=False` (by keyword or through a `**` dictionary).',
    whyBad:
      'A `.keras` archive can contain `Lambda` layers whose Python bytecode is stored in the file. Keras refuses to deserialise them in safe mode, its default; `safe_mode=False` turns that check off, so loading a model from elsewhere can run the code it carries.',
    example: 'import keras\n\nmodel = keras.models.load_model("model.keras", safe_mode=False)',
    useInstead: 'import keras\n\nmodel = keras.models.load_model("model.keras")  # safe_mode=True is the default',
    fixSafety: 'The fix removes `safe_mode=False`. It is unsafe: a model with `Lambda` layers will no longer load; rewrite those layers as registered custom layers.',
    options: 'None. A `safe_mode` value that cannot be evaluated statically is given the benefit of the doubt. Legacy HDF5 (`.h5`) loading is not covered: it has no `safe_mode` switch.',
    references: ['https://keras.io/api/models/model_saving_apis/model_saving_and_loading/', cweUrl(502)],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (!callee || !isKerasLoadModel(callee)) return;
    const state = argState(call, ctx, 'safe_mode');
    const message = '`load_model` with `safe_mode=False` deserialises Lambda layers and can run code from the model file';
    if (state.kind === 'keyword' && state.truth === false) {
      ctx.report({
        message,
        node: state.kw.node,
        scopeNode: call,
        fixes: [{ title: 'Remove safe_mode=False', safety: 'unsafe', edits: removeArgument(call, state.kw.node) }],
      });
    } else if (state.kind === 'splat' && state.truth === false) {
      ctx.report({ message: `${message} (passed through \`**\` arguments)`, node: calleeNode(call), scopeNode: call });
    }
  },
});
