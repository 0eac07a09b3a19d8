import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { reportEveryCallTo } from './everyCall';
import { loadPathOf } from './loadPath';

/** Deserialisers that rebuild arbitrary Python objects from their input. */
const PICKLE_LOADERS = new Set([
  ...['pickle', '_pickle', 'cPickle', 'dill', 'cloudpickle'].flatMap((m) => [`${m}.load`, `${m}.loads`, `${m}.Unpickler`]),
  'pickle._load',
  'pickle._loads',
  'pickle._Unpickler',
  'shelve.open',
  'shelve.DbfilenameShelf',
  'shelve.Shelf',
  'jsonpickle.decode',
  'jsonpickle.unpickler.decode',
  'pandas.read_pickle',
  'pandas.io.pickle.read_pickle',
]);

/** Loaders whose argument is a file (the others take bytes or a string of data). */
const FILE_LOADERS = new Set(['load', 'read_pickle', 'Unpickler']);
export default defineRule({
  code: 'B301',
  name: 'pickle-load',
  summary: '`pickle`/`dill`/`cloudpickle` loads, `shelve.open`, `jsonpickle.decode`, `pandas.read_pickle`',
  severity: 'warning',
  confidence: 'high',
  cwe: 502,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: [...PICKLE_LOADERS] },
  docs: {
    whatItDoes:
      'Flags calls that unpickle data: `pickle.load`, `pickle.loads` and `pickle.Unpickler` (also through `_pickle` and `cPickle`), the same functions of `dill` and `cloudpickle`, `shelve.open`, `jsonpickle.decode` and `pandas.read_pickle`.',
    whyBad:
      'A pickle is a small program for the unpickler: it can import any callable and call it with any arguments. Loading a pickle from a file, a cache, a message queue or a download runs code chosen by whoever wrote those bytes. Feature stores, cached embeddings and "preprocessed" datasets shared between teams are common carriers.',
    example: 'import pickle\nimport pandas as pd\n\nwith open("vocab.pkl", "rb") as f:\n    vocab = pickle.load(f)\nframe = pd.read_pickle("features.pkl")',
    useInstead: 'import json\nimport pandas as pd\n\nwith open("vocab.json") as f:\n    vocab = json.load(f)\nframe = pd.read_parquet("features.parquet")',
    fixSafety: 'No fix: the replacement format depends on the data (JSON, Parquet, `safetensors`, `numpy.save` without objects).',
    options:
      'None. Every call is reported, whatever its argument — whether the bytes are trustworthy cannot be seen in the code — except a round trip through the same module in one expression, `pickle.loads(pickle.dumps(x))`, a deep copy that reads nothing from outside.',
    differencesFromBandit:
      'Bandit reports the round trip `pickle.loads(pickle.dumps(x))` too (8 of 10 B301 findings on the ML repositories we measured). Because of this difference, ML904 never calls a `# nosec B301` unused: Bandit may still need it. When the file is produced and consumed by the same trusted process, silence the line with `# nosec B301 # <why the input is trusted>`.',
    references: ['https://docs.python.org/3/library/pickle.html', 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b301-pickle', cweUrl(502)],
  },
  check(call: Node, ctx: RuleContext) {
    if (isRoundTrip(call, ctx)) return;
    reportEveryCallTo(
      call,
      ctx,
      PICKLE_LOADERS,
      (callee) => `\`${callee}\` deserialises with pickle and can run code from its input; use a data-only format (JSON, Parquet, safetensors)`,
      // The file it reads, when spelled out: `pickle.load(open("m.pkl", "rb"))`, `pd.read_pickle("f.pkl")`.
      (callee) => {
        if (!FILE_LOADERS.has(callee.split('.').pop() as string)) return undefined;
        const loadPath = loadPathOf(call, ctx, callee.endsWith('read_pickle') ? 'filepath_or_buffer' : 'file');
        return loadPath ? { loadPath } : undefined;
      },
    );
  },
});

/**
 * `pickle.loads(pickle.dumps(x))` (also through `dill`, `cloudpickle`, `_pickle`, aliases): a deep
 * copy. The bytes come from `dumps` of the same module in the same expression, never from outside.
 */
function isRoundTrip(call: Node, ctx: RuleContext): boolean {
  const callee = ctx.calleeName(call);
  if (!callee || !callee.endsWith('.loads')) return false;
  const args = ctx.args(call);
  const first = args.keywords.get('data')?.value ?? args.positional[0];
  if (!first || first.type !== 'call' || args.positional.length > 1 || args.listSplats.length > 0) return false;
  const inner = ctx.calleeName(first);
  return inner === `${callee.slice(0, -'.loads'.length)}.dumps`;
}
