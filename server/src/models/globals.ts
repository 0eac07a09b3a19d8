// Which imported globals make a pickle dangerous, and which ones `torch.load(weights_only=True)`
// accepts. Both lists are data written for mlsec from documented facts; each entry says where the
// fact comes from, and the rule pages (ML301, ML302) print these tables.
//   picklescan  — the deny list its README and scanner document ("dangerous globals")
//   modelscan   — ModelScan's unsafe-globals settings for pickle/PyTorch scans
//   fickling    — fickling's list of unsafe imports and builtins
//   python      — the Python documentation of the module (it runs programs, code or imports)
//   torch       — PyTorch's torch/_weights_only_unpickler.py (_get_allowed_globals; checked against
//                 the file on PyTorch's main branch on 2026-12-03)
import type { GlobalRef } from './pickleReader';

export interface GlobalListEntry {
  module: string;
  /** '*' for every name of the module (and of its submodules). */
  names: '*' | readonly string[];
  why: string;
  sources: readonly string[];
}

/** Globals whose import by a pickle means that loading it can run code (ML301). */
export const CODE_RUNNING_GLOBALS: readonly GlobalListEntry[] = [
  { module: 'os', names: '*', why: 'system, popen, the exec*/spawn* families, file and process control', sources: ['picklescan', 'modelscan', 'fickling'] },
  { module: 'posix', names: '*', why: 'what os re-exports on Unix (a pickle of os.system names posix.system)', sources: ['picklescan', 'modelscan', 'fickling'] },
  { module: 'nt', names: '*', why: 'what os re-exports on Windows', sources: ['picklescan', 'modelscan', 'fickling'] },
  { module: 'subprocess', names: '*', why: 'starts programs', sources: ['picklescan', 'modelscan', 'fickling'] },
  { module: '_posixsubprocess', names: '*', why: 'the fork/exec primitive under subprocess', sources: ['python'] },
  { module: 'pty', names: '*', why: 'spawn runs a program', sources: ['fickling', 'python'] },
  { module: 'platform', names: ['popen'], why: 'runs a shell command (Python 2 era)', sources: ['python'] },
  {
    module: 'builtins',
    names: ['eval', 'exec', 'compile', 'getattr', 'setattr', 'delattr', '__import__', 'open', 'breakpoint', 'globals', 'locals', 'vars', 'input', 'memoryview'],
    why: 'evaluate or compile code, import modules, reach any attribute, open files',
    sources: ['picklescan', 'modelscan', 'fickling'],
  },
  {
    module: '__builtin__',
    names: ['eval', 'exec', 'compile', 'getattr', 'setattr', 'delattr', '__import__', 'open', 'execfile', 'apply', 'file', 'input', 'globals', 'locals', 'vars'],
    why: 'Python 2 name of builtins',
    sources: ['picklescan', 'modelscan', 'fickling'],
  },
  { module: '__builtins__', names: '*', why: 'the builtins namespace under another name', sources: ['fickling'] },
  { module: 'runpy', names: '*', why: 'runs modules and scripts', sources: ['picklescan', 'modelscan', 'fickling'] },
  { module: 'code', names: '*', why: 'interactive interpreter: runs source', sources: ['fickling', 'python'] },
  { module: 'codeop', names: '*', why: 'compiles source', sources: ['python'] },
  { module: 'importlib', names: '*', why: 'imports any module', sources: ['fickling', 'python'] },
  { module: 'imp', names: '*', why: 'imports any module (Python 2/3 legacy)', sources: ['python'] },
  { module: 'pkgutil', names: ['resolve_name', 'get_importer'], why: 'resolves any dotted name (imports it)', sources: ['python'] },
  { module: 'marshal', names: '*', why: 'loads code objects', sources: ['fickling', 'python'] },
  { module: 'types', names: ['FunctionType', 'CodeType', 'LambdaType', 'MethodType'], why: 'build functions from code objects', sources: ['fickling', 'python'] },
  { module: 'pickle', names: '*', why: 'a nested unpickle runs whatever that pickle holds', sources: ['picklescan', 'modelscan'] },
  { module: '_pickle', names: '*', why: 'the C implementation of pickle', sources: ['picklescan', 'modelscan'] },
  { module: 'cPickle', names: '*', why: 'Python 2 pickle', sources: ['picklescan'] },
  { module: 'dill', names: '*', why: 'an unpickler that also loads code', sources: ['fickling'] },
  { module: 'shelve', names: '*', why: 'opens a pickle-backed database', sources: ['python'] },
  { module: 'sys', names: '*', why: 'interpreter state: modules, hooks, exit', sources: ['picklescan', 'modelscan', 'fickling'] },
  { module: 'shutil', names: '*', why: 'copies, moves and deletes files and trees', sources: ['picklescan', 'modelscan', 'fickling'] },
  { module: 'socket', names: '*', why: 'network connections', sources: ['picklescan', 'modelscan', 'fickling'] },
  { module: 'ssl', names: '*', why: 'network connections', sources: ['mlsec'] },
  { module: 'http.client', names: '*', why: 'network requests', sources: ['picklescan'] },
  { module: 'httplib', names: '*', why: 'network requests (Python 2)', sources: ['picklescan', 'modelscan'] },
  { module: 'urllib', names: '*', why: 'network requests', sources: ['fickling'] },
  { module: 'urllib2', names: '*', why: 'network requests (Python 2)', sources: ['fickling'] },
  { module: 'requests', names: '*', why: 'network requests', sources: ['picklescan', 'modelscan'] },
  { module: 'aiohttp', names: '*', why: 'network requests', sources: ['picklescan', 'modelscan'] },
  { module: 'webbrowser', names: '*', why: 'opens URLs and starts browsers', sources: ['picklescan', 'modelscan'] },
  { module: 'asyncio', names: '*', why: 'subprocess and network functions', sources: ['picklescan', 'modelscan'] },
  { module: 'ctypes', names: '*', why: 'calls native code', sources: ['fickling', 'python'] },
  { module: 'operator', names: ['attrgetter', 'methodcaller', 'itemgetter'], why: 'reach and call any attribute (getattr in disguise)', sources: ['picklescan', 'modelscan'] },
  { module: '_operator', names: ['attrgetter', 'methodcaller', 'itemgetter'], why: 'the C implementation of operator', sources: ['mlsec'] },
  { module: 'functools', names: ['partial', 'reduce'], why: 'call a function given as data (partial over any of these)', sources: ['picklescan'] },
  { module: 'pdb', names: '*', why: 'the debugger runs code', sources: ['picklescan', 'modelscan'] },
  { module: 'bdb', names: '*', why: 'the debugger runs code', sources: ['picklescan', 'modelscan'] },
  { module: 'timeit', names: '*', why: 'runs code given as a string', sources: ['python'] },
  { module: 'trace', names: '*', why: 'runs code', sources: ['python'] },
  { module: 'cProfile', names: '*', why: 'runs code given as a string', sources: ['python'] },
  { module: 'profile', names: '*', why: 'runs code given as a string', sources: ['python'] },
  { module: 'doctest', names: '*', why: 'runs code found in strings', sources: ['python'] },
  { module: 'pydoc', names: ['pipepager', 'locate'], why: 'runs a shell command; imports any name', sources: ['picklescan'] },
  { module: 'pip', names: '*', why: 'installs packages (runs their setup code)', sources: ['picklescan'] },
  { module: 'venv', names: '*', why: 'creates environments and runs programs', sources: ['mlsec'] },
  { module: 'multiprocessing', names: '*', why: 'starts processes', sources: ['mlsec'] },
  { module: 'signal', names: '*', why: 'installs handlers, kills processes', sources: ['mlsec'] },
  { module: 'numpy.testing._private.utils', names: ['runstring'], why: 'exec of a string', sources: ['picklescan'] },
  { module: 'torch.hub', names: '*', why: 'downloads and runs repositories', sources: ['fickling'] },
  { module: 'torch.serialization', names: ['load'], why: 'a nested torch.load', sources: ['picklescan'] },
  { module: 'torch._inductor.codecache', names: ['compile_file'], why: 'compiles and loads native code', sources: ['picklescan'] },
];

const TORCH_DTYPES = [
  'float32',
  'float',
  'float64',
  'double',
  'float16',
  'half',
  'bfloat16',
  'complex32',
  'complex64',
  'complex128',
  'cfloat',
  'cdouble',
  'chalf',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'int8',
  'int16',
  'short',
  'int32',
  'int',
  'int64',
  'long',
  'bool',
  'qint8',
  'quint8',
  'qint32',
  'quint4x2',
  'quint2x4',
  'float8_e4m3fn',
  'float8_e5m2',
  'float8_e4m3fnuz',
  'float8_e5m2fnuz',
  'float8_e8m0fnu',
  'bits8',
  'bits16',
  'bits1x8',
  'bits2x4',
  'bits4x2',
];
const TENSOR_KINDS = ['Float', 'Double', 'Half', 'BFloat16', 'Long', 'Int', 'Short', 'Char', 'Byte', 'Bool'];
const STORAGE_KINDS = [...TENSOR_KINDS, 'ComplexFloat', 'ComplexDouble', 'QUInt8', 'QInt8', 'QInt32', 'QUInt4x2', 'QUInt2x4'];

/** Globals that `torch.load(weights_only=True)` accepts without `add_safe_globals` (ML302 is outside). */
export const WEIGHTS_ONLY_GLOBALS: readonly GlobalListEntry[] = [
  { module: 'collections', names: ['OrderedDict', 'Counter'], why: 'state dicts', sources: ['torch'] },
  { module: 'torch.nn.parameter', names: ['Parameter'], why: 'parameters', sources: ['torch'] },
  { module: 'torch.serialization', names: ['_get_layout'], why: 'tensor layouts', sources: ['torch'] },
  {
    module: 'torch',
    names: ['Size', 'Tensor', 'device', 'UntypedStorage', 'per_tensor_affine', 'per_tensor_symmetric', 'per_channel_affine', 'per_channel_symmetric', 'per_channel_affine_float_qparams'],
    why: 'shapes, tensors, devices, quantization schemes',
    sources: ['torch'],
  },
  { module: 'torch.storage', names: ['UntypedStorage', 'TypedStorage'], why: 'storage classes (allowed by the module they are defined in)', sources: ['torch'] },
  { module: 'torch', names: TORCH_DTYPES, why: 'dtypes', sources: ['torch'] },
  { module: 'torch', names: [...TENSOR_KINDS.map((k) => `${k}Tensor`), ...STORAGE_KINDS.map((k) => `${k}Storage`)], why: 'legacy tensor and typed storage classes', sources: ['torch'] },
  { module: 'torch.cuda', names: [...TENSOR_KINDS.map((k) => `${k}Tensor`), ...STORAGE_KINDS.map((k) => `${k}Storage`)], why: 'CUDA tensor and storage classes', sources: ['torch'] },
  {
    module: 'torch._utils',
    names: [
      '_rebuild_tensor',
      '_rebuild_tensor_v2',
      '_rebuild_tensor_v3',
      '_rebuild_parameter',
      '_rebuild_parameter_with_state',
      '_rebuild_qtensor',
      '_rebuild_sparse_tensor',
      '_rebuild_meta_tensor_no_storage',
      '_rebuild_wrapper_subclass',
      '_rebuild_device_tensor_from_cpu_tensor',
      '_rebuild_device_tensor_from_numpy',
    ],
    why: 'tensor rebuild functions',
    sources: ['torch'],
  },
  { module: 'torch._tensor', names: ['_rebuild_from_type_v2'], why: 'tensor subclass rebuild', sources: ['torch'] },
  { module: '_codecs', names: ['encode'], why: 'how protocol 2 pickles bytes', sources: ['torch'] },
  {
    module: 'builtins',
    names: ['set', 'bytearray', 'complex'],
    why: 'plain containers and numbers (Python 2 names such as `__builtin__.set`, which Python writes below protocol 3, are read as `builtins`)',
    sources: ['torch'],
  },
];

function matches(entry: GlobalListEntry, module: string, name: string): boolean {
  if (entry.names === '*') return module === entry.module || module.startsWith(`${entry.module}.`);
  return module === entry.module && entry.names.includes(name);
}

export function codeRunningEntry(g: Pick<GlobalRef, 'module' | 'name'>): GlobalListEntry | undefined {
  return CODE_RUNNING_GLOBALS.find((e) => matches(e, g.module, g.name));
}

/** Python 2 module names that pickle's fix_imports maps to Python 3's when loading protocols 0–2. */
const PY2_MODULES: Record<string, string> = { __builtin__: 'builtins', copy_reg: 'copyreg' };

export function isWeightsOnlyGlobal(g: Pick<GlobalRef, 'module' | 'name'>): boolean {
  const module = PY2_MODULES[g.module] ?? g.module;
  return WEIGHTS_ONLY_GLOBALS.some((e) => matches(e, module, g.name));
}

/** A markdown table of a list, for the rule pages. */
export function globalListMarkdown(list: readonly GlobalListEntry[]): string {
  const rows = list.map((e) => `| \`${e.module}\` | ${e.names === '*' ? 'every name' : e.names.map((n) => `\`${n}\``).join(', ')} | ${e.why} | ${e.sources.join(', ')} |`);
  return ['| module | names | why | source |', '|---|---|---|---|', ...rows].join('\n');
}
