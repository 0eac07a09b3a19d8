// ML302: a model file whose pickle imports globals outside what `torch.load(weights_only=True)`
// accepts, none of them known to run code. Made by the model scan; `check` is inert (see ML301).
import { defineRule, cweUrl } from './rule';
import { WEIGHTS_ONLY_GLOBALS, globalListMarkdown } from '../models/globals';
import { MODEL_FILE_OPTIONS } from './ML301-pickle-runs-code';

export default defineRule({
  code: 'ML302',
  name: 'pickle-needs-weights-only-false',
  summary: 'a model file whose pickle imports globals that `torch.load(weights_only=True)` refuses',
  severity: 'warning',
  confidence: 'high',
  cwe: 502,
  fix: 'none',
  fixSafety: 'none',
  match: {},
  docs: {
    whatItDoes: `Reports a model file whose pickle imports a global that \`torch.load(weights_only=True)\` does not accept by default (a pickled \`nn.Module\`, a scikit-learn estimator, NumPy arrays, your own classes). Loading it needs a full unpickler: \`torch.load(..., weights_only=False)\`, \`pickle.load\`, \`joblib.load\`. Not reported when ML301 is (that file needs a full unpickler too). The allowlist below is the default of PyTorch's \`torch/_weights_only_unpickler.py\` (\`_get_allowed_globals\`, PyTorch 2.6); globals added with \`torch.serialization.add_safe_globals\` are not known to mlsec:\n\n${globalListMarkdown(WEIGHTS_ONLY_GLOBALS)}`,
    whyBad:
      'Whoever can replace this file can make its loading run code, and the code that loads it must trust every class it names. It also tells you that switching the loader to `weights_only=True` (the B614 fix) will break loading this file.',
    example: '# a whole model pickled, not its state dict\ntorch.save(model, "checkpoints/model.pt")',
    useInstead: 'torch.save(model.state_dict(), "checkpoints/model.pt")\n# or register your classes: torch.serialization.add_safe_globals([MyConfig])',
    fixSafety: 'No fix: re-save the file as a state dict or in safetensors.',
    options: MODEL_FILE_OPTIONS,
    references: ['https://pytorch.org/docs/stable/notes/serialization.html#weights-only', cweUrl(502)],
  },
  check() {
    // Inert: findings come from the model scan.
  },
});
