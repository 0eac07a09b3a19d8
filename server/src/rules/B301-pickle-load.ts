import type { Node } from 'web-tree-sitter';
import { calleeAnchors } from './helpers';
import { defineRule, RuleContext, cweUrl } from './rule';
import { reportEveryCallTo } from './everyCall';
import { loadPathOf } from './loadPath';

/** Deserialisers that rebuild arbitrary Python objects from their input. */
const PICKLE_LOADERS = new Set([
  ...['pickle', '_pickle', 'cPickle', 'dill', 'cloudpickle'].flatMap((m) => [`${m}.load`, `${m}.loads`, `${m}.Unpickler`]),
  'pickle._load', 'pickle._loads', 'pickle._Unpickler',
  'shelve.open', 'shelve.DbfilenameShelf', 'shelve.Shelf',
  'jsonpickle.decode', 'jsonpickle.unpickler.decode',
  'pandas.read_pickle', 'pandas.io.pickle.read_pickle',
]);


/** Loaders whose argument is a file (the others take bytes or a string of data). */
const FILE_LOADERS = new Set(['load', 'read_pickle', 'Unpickler']);
export default defineRule({
  code: 'B301',
  name: 'pickle-load',
  severity: 'warning',
  confidence: 'high',
  cwe: 502,
  nodeTypes: ['call'],
  fix: 'none',
  fixSafety: 'none',
  triggers: ['pickle', 'Pickle', 'dill', 'shelve', 'pandas'],
  ...calleeAnchors(PICKLE_LOADERS),
  docs: {
    whatItDoes: 'Flags calls that unpickle data: `pickle.load`, `pickle.loads` and `pickle.Unpickler` (also through `_pickle` and `cPickle`), the same functions of `dill` and `cloudpickle`, `shelve.open`, `jsonpickle.decode` and `pandas.read_pickle`.',
    whyBad: 'A pickle is a small program for the unpickler: it can import any callable and call it with any arguments. Loading a pickle from a file, a cache, a message queue or a download runs code chosen by whoever wrote those bytes. Feature stores, cached embeddings and "preprocessed" datasets shared between teams are common carriers.',
    example: 'import pickle\nimport pandas as pd\n\nwith open("vocab.pkl", "rb") as f:\n    vocab = pickle.load(f)\nframe = pd.read_pickle("features.pkl")',
    useInstead: 'import json\nimport pandas as pd\n\nwith open("vocab.json") as f:\n    vocab = json.load(f)\nframe = pd.read_parquet("features.parquet")',
    fixSafety: 'No fix: the replacement format depends on the data (JSON, Parquet, `safetensors`, `numpy.save` without objects).',
    options: 'None. Every call is reported, whatever its argument: whether the bytes are trustworthy cannot be seen in the code. When the file is produced and consumed by the same trusted process, silence the line with `# nosec B301 # <why the input is trusted>`.',
    references: [
      'https://docs.python.org/3/library/pickle.html',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b301-pickle',
      cweUrl(502),
    ],
  },
  check(call: Node, ctx: RuleContext) {
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
