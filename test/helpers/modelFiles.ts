// Model-file fixtures written by Python's own pickle (and zipfile) into a temporary folder. Python
// only *writes* pickles here: no test ever unpickles anything. Modules the fixtures name but this
// machine may lack (torch, joblib, a project's own classes) are stand-ins registered in sys.modules
// under the real names, so the pickles carry exactly the globals the real libraries would write.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const PRELUDE = `
import os, sys, io, types, struct, pickle, zipfile, zlib, gzip, collections
OUT = sys.argv[1]

def write(name, data):
    p = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, 'wb') as f:
        f.write(data)

class Evil:
    def __reduce__(self):
        return (os.system, ('echo',))

def module(name, **attrs):
    parts = name.split('.')
    for i in range(1, len(parts) + 1):
        sys.modules.setdefault('.'.join(parts[:i]), types.ModuleType('.'.join(parts[:i])))
    m = sys.modules[name]
    for k, v in attrs.items():
        setattr(m, k, v)
        v.__module__ = name
        v.__qualname__ = k
    return m

# torch stand-ins with torch's own global names
class FloatStorage: pass
def _rebuild_tensor_v2(*a): pass
module('torch', FloatStorage=FloatStorage)
module('torch._utils', _rebuild_tensor_v2=_rebuild_tensor_v2)

class Storage:
    def __init__(self, key, numel): self.key, self.numel = key, numel
class Tensor:
    def __init__(self, storage, shape): self.storage, self.shape = storage, shape
    def __reduce_ex__(self, proto):
        stride = (self.shape[1], 1) if len(self.shape) == 2 else (1,)
        return (_rebuild_tensor_v2, (self.storage, 0, self.shape, stride, False, collections.OrderedDict()))

class TorchPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            return ('storage', FloatStorage, obj.key, 'cpu', obj.numel)
        return None

def torch_pickle(obj, protocol=2):
    buf = io.BytesIO()
    TorchPickler(buf, protocol=protocol).dump(obj)
    return buf.getvalue()

def state_dict():
    return collections.OrderedDict([('weight', Tensor(Storage('0', 4), (2, 2))), ('bias', Tensor(Storage('1', 2), (2,)))])

def torch_zip(name, obj, compress=zipfile.ZIP_STORED, storages=((b'0', 16), (b'1', 8))):
    os.makedirs(os.path.dirname(os.path.join(OUT, name)), exist_ok=True)
    z = zipfile.ZipFile(os.path.join(OUT, name), 'w', compression=compress)
    z.writestr('archive/data.pkl', torch_pickle(obj))
    z.writestr('archive/byteorder', 'little')
    for key, size in storages:
        z.writestr('archive/data/' + key.decode(), b'\\x00' * size)
    z.writestr('archive/version', '3\\n')
    z.close()

MAGIC = 0x1950a86a20f9469cfc6c
def torch_legacy(obj):
    buf = io.BytesIO()
    for header in (MAGIC, 1001, dict(protocol_version=1001, little_endian=True, type_sizes=dict(short=2, int=4, long=4))):
        pickle.dump(header, buf, protocol=2)
    TorchPickler(buf, protocol=2).dump(obj)
    pickle.dump(['0', '1'], buf, protocol=2)
    buf.write(struct.pack('<q', 4) + b'\\x00' * 16 + struct.pack('<q', 2) + b'\\x00' * 8)
    return buf.getvalue()

# joblib stand-ins: NumpyArrayWrapper and a pickler that writes array bytes after each wrapper,
# as joblib.numpy_pickle.NumpyPickler does (a padding-length byte, padding, then the raw bytes).
class dtype:
    def __init__(self, descr): self.descr = descr
    def __reduce__(self): return (dtype, (self.descr, False, True), (3, '<', None, None, None, -1, -1, 0))
    def __setstate__(self, state): pass
class ndarray: pass
class NumpyArrayWrapper:
    def __init__(self, shape, descr, align=16):
        self.subclass, self.shape, self.order, self.dtype, self.allow_mmap = ndarray, shape, 'C', dtype(descr), False
        if align: self.numpy_array_alignment_bytes = align
module('numpy', dtype=dtype, ndarray=ndarray)
module('joblib.numpy_pickle', NumpyArrayWrapper=NumpyArrayWrapper)

class Array:
    def __init__(self, shape, descr, fill=b'\\x01'):
        self.shape, self.descr, self.fill = shape, descr, fill

def joblib_bytes(obj, protocol=4, align=16):
    # Pickles obj; each Array becomes a wrapper followed by its bytes, written where the wrapper ends.
    out = io.BytesIO()
    class P(pickle._Pickler):
        def save(self, o, save_persistent_id=True):
            if isinstance(o, Array):
                w = NumpyArrayWrapper(o.shape, o.descr, align)
                pickle._Pickler.save(self, w)
                if self.proto >= 4:
                    self.framer.commit_frame(force=True)
                n = 1
                for d in o.shape: n *= d
                size = n * int(''.join(c for c in o.descr if c.isdigit())) * (4 if 'U' in o.descr else 1)
                if align:
                    pos = out.tell() + 1
                    pad = align - (pos % align)
                    out.write(bytes([pad]) + b'\\xff' * pad)
                out.write(o.fill * size)
                return
            pickle._Pickler.save(self, o, save_persistent_id)
    P(out, protocol=protocol).dump(obj)
    return out.getvalue()

def npy(descr, shape, payload):
    header = "{'descr': %r, 'fortran_order': False, 'shape': %r, }" % (descr, shape)
    header = header + ' ' * (63 - (10 + len(header)) % 64) + '\\n'
    return b'\\x93NUMPY\\x01\\x00' + struct.pack('<H', len(header)) + header.encode('latin1') + payload
`;

/** Runs `script` (after the prelude above) with python3 to write files into a new temporary folder. */
export function writeModelFiles(script: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-models-'));
  execFileSync('python3', ['-c', `${PRELUDE}\n${script}`, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  return dir;
}

export function hasPython(): boolean {
  try {
    execFileSync('python3', ['-c', 'import pickle'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
