import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedCall, SHADOWED_PARAMETER_DIFFERENCE } from './blacklist';

// Bandit 1.9.4's B302 list.
const CALLS = ['marshal.load', 'marshal.loads'];

export default defineRule({
  code: 'B302',
  name: 'marshal',
  summary: '`marshal.load` / `marshal.loads`',
  severity: 'warning',
  confidence: 'high',
  cwe: 502,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: CALLS },
  docs: {
    whatItDoes: 'Flags `marshal.load` and `marshal.loads`, however the module or function was imported.',
    whyBad:
      '`marshal` is the format of `.pyc` files, not a data format. The documentation warns that it is not secure against erroneous or maliciously built data: a crafted blob can crash the interpreter, and it can carry code objects that the program may go on to run. Caches and "fast" serialisers in ML tooling sometimes reach for it.',
    example: 'import marshal\n\nwith open(cache_path, "rb") as f:\n    features = marshal.load(f)',
    useInstead: 'import json\n\nwith open(cache_path) as f:\n    features = json.load(f)\n# arrays: numpy.load(path, allow_pickle=False); tensors: safetensors',
    fixSafety: 'No fix: which format replaces marshal depends on what the data is, and the files already written stay marshal.',
    options: 'None.',
    differencesFromBandit: SHADOWED_PARAMETER_DIFFERENCE,
    references: ['https://docs.python.org/3/library/marshal.html', banditBlacklistUrl('calls', 'B302', 'marshal'), cweUrl(502)],
  },
  check(call: Node, ctx: RuleContext) {
    reportBlacklistedCall(call, ctx, (name) => `\`${name}\` reads marshal data, which is unsafe with untrusted input; use a data format such as JSON`);
  },
});
