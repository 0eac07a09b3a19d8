import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedImport } from './blacklist';

// Bandit 1.9.4's B403 list: modules matched as a prefix of the imported dotted name.
const MODULES = ['pickle', 'cPickle', 'dill', 'shelve'];

export default defineRule({
  code: 'B403',
  name: 'import-pickle',
  summary: 'imports of `pickle`, `cPickle`, `dill`, `shelve`',
  severity: 'information',
  confidence: 'high',
  cwe: 502,
  fix: 'none',
  fixSafety: 'none',
  match: { imports: MODULES },
  docs: {
    whatItDoes:
      "Flags imports of `pickle`, `cPickle`, `dill` and `shelve`, with Bandit's prefix test: any module whose dotted name starts with one of them (`pickletools`, `dill.source`, `from pickle import loads`), and `__import__` / `importlib.import_module` of them. Off in the default profile, where B301 reports the loading calls themselves.",
    whyBad:
      'These modules turn bytes into objects by running instructions stored in the bytes, so loading a file from someone else — a checkpoint, a cached dataset, a shared experiment — runs their code. The import marks a file that deserves a look at where its data comes from.',
    example: 'import pickle\n\nwith open("features.pkl", "rb") as f:\n    features = pickle.load(f)',
    useInstead: 'import numpy as np\n\nfeatures = np.load("features.npy", allow_pickle=False)\n# models: safetensors; plain data: json',
    fixSafety: 'No fix: the replacement format depends on the data.',
    options: "None. `pickletools` (a disassembler that runs nothing) is reported too, because Bandit's test is a plain prefix of the name; suppress it with a reason.",
    references: ['https://docs.python.org/3/library/pickle.html', banditBlacklistUrl('imports', 'B403', 'import_pickle'), cweUrl(502)],
  },
  check(node: Node, ctx: RuleContext) {
    reportBlacklistedImport(node, ctx, MODULES, (name) => `\`${name}\` is imported: unpickling data runs code chosen by whoever wrote it; load only files you trust`);
  },
});
