import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { reportEveryCallTo } from './everyCall';
import { loadPathOf } from './loadPath';

const JOBLIB_LOADERS = new Set(['joblib.load', 'sklearn.externals.joblib.load', 'joblib.numpy_pickle.load']);

export default defineRule({
  code: 'ML103',
  name: 'joblib-load',
  summary: '`joblib.load`',
  severity: 'warning',
  confidence: 'high',
  cwe: 502,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: [...JOBLIB_LOADERS] },
  docs: {
    whatItDoes: 'Flags `joblib.load` and the old `sklearn.externals.joblib.load`.',
    whyBad:
      '`joblib` files are pickles with a faster path for NumPy arrays. Loading one unpickles it, so a scikit-learn model file downloaded from a hub or received from someone else can run arbitrary code when it is loaded.',
    example: 'import joblib\n\nclf = joblib.load("classifier.joblib")',
    useInstead: 'import skops.io as sio\n\nunknown = sio.get_untrusted_types(file="classifier.skops")\n# review `unknown`, then:\nclf = sio.load("classifier.skops", trusted=unknown)',
    fixSafety: 'No fix: switching to `skops.io` changes the file format; models must be saved again with `skops.io.dump`.',
    options: 'None. Every call is reported. For models your own pipeline wrote and keeps in storage only it can write to, silence with `# nosec ML103 # <why the file is trusted>`.',
    references: ['https://joblib.readthedocs.io/en/stable/persistence.html', 'https://skops.readthedocs.io/en/stable/persistence.html', cweUrl(502)],
  },
  check(call: Node, ctx: RuleContext) {
    reportEveryCallTo(
      call,
      ctx,
      JOBLIB_LOADERS,
      () => '`joblib.load` unpickles its input and can run code from the file; prefer `skops.io.load` for models from elsewhere',
      () => {
        const loadPath = loadPathOf(call, ctx, 'filename');
        return loadPath ? { loadPath } : undefined;
      },
    );
  },
});
