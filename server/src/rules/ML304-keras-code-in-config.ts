// ML304: a Keras `.keras` archive whose config.json carries code: Lambda layers, serialized Python
// lambdas, functions imported from modules outside Keras. Made by the model scan; `check` is inert.
import { defineRule, cweUrl } from './rule';
import { MODEL_FILE_OPTIONS } from './ML301-pickle-runs-code';

export default defineRule({
  code: 'ML304',
  name: 'keras-code-in-config',
  summary: 'a `.keras` model whose config holds Lambda layers or functions from outside Keras',
  severity: 'warning',
  confidence: 'high',
  cwe: 94,
  fix: 'none',
  fixSafety: 'none',
  match: {},
  docs: {
    whatItDoes:
      'Reads `config.json` inside `.keras` archives in the workspace and reports layers and objects that carry code: a `Lambda` layer (its function is stored as Python bytecode or names a function), a `__lambda__` object (a Python lambda serialized as bytecode by Keras 3), and a `function` object whose `module` is outside `keras`, `tf_keras` and `tensorflow` (Keras imports that module to load it). Layers whose code is in your own registered classes are data to mlsec. Legacy HDF5 `.h5` models are not read.',
    whyBad:
      '`keras.models.load_model(path, safe_mode=False)` (see ML106) runs the bytecode of Lambda layers and imports the modules named in the config. With the default `safe_mode=True` Keras refuses lambdas, so the file also stops loading when someone makes the loader safe.',
    example: 'model = keras.Sequential([keras.layers.Lambda(lambda x: x * 2)])\nmodel.save("model.keras")',
    useInstead: '@keras.saving.register_keras_serializable()\nclass Double(keras.layers.Layer):\n    def call(self, x):\n        return x * 2',
    fixSafety: 'No fix.',
    options: MODEL_FILE_OPTIONS,
    references: ['https://keras.io/api/layers/core_layers/lambda/', 'https://keras.io/api/models/model_saving_apis/model_saving_and_loading/', cweUrl(94)],
  },
  check() {
    // Inert: findings come from the model scan.
  },
});
