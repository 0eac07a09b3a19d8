// Model files as they are found in repositories, written by Python (never loaded): the exact
// findings (code, message) the model scan reports for each container and each hostile variant.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { scanModelFile } from '../../../server/src/models/modelFile';
import { modelFindings } from '../../../server/src/models/verdict';
import { DEFAULT_MODEL_LIMITS } from '../../../server/src/models/report';
import { writeModelFiles } from '../../helpers/modelFiles';

async function findings(file: string, limits = DEFAULT_MODEL_LIMITS): Promise<string[]> {
  return modelFindings(await scanModelFile(file, limits)).map((f) => `${f.code} ${f.message}`);
}

describe('model files: containers', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = writeModelFiles(`
torch_zip('benign.pt', state_dict())
torch_zip('evil.pt', Evil())
torch_zip('deflated.pt', {'model': state_dict(), 'hook': Evil()}, compress=zipfile.ZIP_DEFLATED)
write('legacy.pt', torch_legacy(state_dict()))
write('legacy_evil.pt', torch_legacy([state_dict(), Evil()]))
write('model.joblib', joblib_bytes({'coef': Array((3, 4), '<f8'), 'names': Array((2,), '<U5', b'a')}))
write('evil_after_array.joblib', joblib_bytes([Array((1000,), '<i4', b'\\x80'), Evil()]))
write('unaligned.joblib', joblib_bytes([Array((7,), '|u1', b'.'), Evil()], protocol=2, align=None))
write('zlib.joblib', zlib.compress(joblib_bytes([Array((5,), '<f4'), Evil()])))
write('gzip.joblib', gzip.compress(pickle.dumps(Evil())))
write('xz.joblib', bytes.fromhex('fd377a585a00') + b'\\x00' * 40)
write('lz4.joblib', bytes.fromhex('04224d18') + b'\\x00' * 40)
write('objects.npy', npy('|O', (2,), pickle.dumps([Evil(), 1], protocol=3)))
write('floats.npy', npy('<f8', (2,), b'\\x00' * 16))
write('structured.npy', npy([('a', '<f4'), ('b', '|O')], (1,), pickle.dumps([Evil()], protocol=3)))
z = zipfile.ZipFile(os.path.join(OUT, 'arrays.npz'), 'w', compression=zipfile.ZIP_DEFLATED)
z.writestr('x.npy', npy('<f8', (2,), b'\\x00' * 16))
z.writestr('y.npy', npy('|O', (1,), pickle.dumps([Evil()], protocol=3)))
z.close()
z = zipfile.ZipFile(os.path.join(OUT, 'model.keras'), 'w', compression=zipfile.ZIP_DEFLATED)
z.writestr('metadata.json', '{"keras_version": "3.6.0"}')
z.writestr('config.json', '{"class_name": "Sequential", "config": {"name": "seq", "layers": [{"class_name": "Dense", "config": {"name": "d"}}, {"module": "keras.layers", "class_name": "Lambda", "config": {"name": "double", "function": {"class_name": "__lambda__", "config": {"code": "4wEAAAAA"}}}}, {"module": "keras.layers", "class_name": "Activation", "config": {"name": "act", "activation": {"module": "os", "class_name": "function", "config": "system"}}}]}}')
z.writestr('model.weights.h5', b'\\x89HDF\\r\\n')
z.close()
z = zipfile.ZipFile(os.path.join(OUT, 'plain.keras'), 'w')
z.writestr('metadata.json', '{}')
z.writestr('config.json', '{"class_name": "Sequential", "config": {"layers": [{"class_name": "Dense", "config": {"name": "d"}}]}}')
z.close()
write('notes.pkl', b'hello, not a pickle')
write('random.bin', bytes(range(256)) * 4)
write('pytorch_model.bin', pickle.dumps(Evil(), protocol=2))
write('empty.pkl', b'')
write('two.pkl', pickle.dumps([1, 2], protocol=4) + pickle.dumps(Evil(), protocol=4))
write('tar.pt', b'\\x00' * 257 + b'ustar' + b'\\x00' * 250)
torch_zip('many.pt', state_dict(), storages=[(str(i).encode(), 4) for i in range(6)])
torch_zip('overlap.pt', Evil())
data = bytearray(open(os.path.join(OUT, 'overlap.pt'), 'rb').read())
second = data.index(b'PK\\x01\\x02', data.index(b'PK\\x01\\x02') + 4)
data[second + 42:second + 46] = b'\\x00\\x00\\x00\\x00'  # entry 2's data "starts" where entry 1's does
write('overlap.pt', bytes(data))
z = zipfile.ZipFile(os.path.join(OUT, 'bomb.pt'), 'w', compression=zipfile.ZIP_DEFLATED)
z.writestr('archive/data.pkl', b'N' * (20 * 1024 * 1024) + b'.')
z.close()
os.mkfifo(os.path.join(OUT, 'fifo.pkl'))
`);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const at = (name: string) => path.join(dir, name);

  it('PyTorch zip: a state dict is fine; a payload is ML301 with its entry and offset, stored or deflated', async () => {
    assert.deepStrictEqual(await findings(at('benign.pt')), []);
    assert.deepStrictEqual(await findings(at('evil.pt')), ['ML301 pickle imports posix.system (in archive/data.pkl at offset 2): loading this file runs code']);
    assert.deepStrictEqual(await findings(at('deflated.pt')), ['ML301 pickle imports posix.system (in archive/data.pkl at offset 261): loading this file runs code']);
  });

  it('PyTorch legacy format: the five pickles are walked, the storage bytes after them are not', async () => {
    assert.deepStrictEqual(await findings(at('legacy.pt')), []);
    assert.deepStrictEqual(await findings(at('legacy_evil.pt')), ['ML301 pickle imports posix.system (at offset 375): loading this file runs code']);
    assert.strictEqual((await scanModelFile(at('legacy.pt'))).pickles, 5);
    assert.deepStrictEqual(await findings(at('tar.pt')), ["ML303 model file not inspected: tar archive (PyTorch's oldest format), which mlsec does not read"]);
  });

  it('raw pickles: every pickle of a stream is walked; .bin only when it starts like a pickle', async () => {
    assert.deepStrictEqual(await findings(at('two.pkl')), ['ML301 pickle imports posix.system (at offset 48): loading this file runs code']);
    assert.deepStrictEqual(await findings(at('pytorch_model.bin')), ['ML301 pickle imports posix.system (at offset 2): loading this file runs code']);
    assert.deepStrictEqual(await findings(at('random.bin')), []);
    assert.deepStrictEqual(await findings(at('notes.pkl')), ['ML303 model file not inspected: BINGET of memo entry 101, which was never stored at offset 0']);
    assert.deepStrictEqual(await findings(at('empty.pkl')), ['ML303 model file not inspected: empty file']);
  });

  it('joblib: array bytes after each wrapper are stepped over (aligned or not), so a payload after them is found', async () => {
    assert.deepStrictEqual(await findings(at('model.joblib')), [
      'ML302 pickle imports joblib.numpy_pickle.NumpyArrayWrapper, numpy.ndarray, numpy.dtype (at offset 63), outside what torch.load(weights_only=True) accepts: loading this file needs a full unpickler (weights_only=False)',
    ]);
    assert.deepStrictEqual(await findings(at('evil_after_array.joblib')), ['ML301 pickle imports posix.system (at offset 4250): loading this file runs code']);
    assert.deepStrictEqual(await findings(at('unaligned.joblib')), ['ML301 pickle imports posix.system (at offset 226): loading this file runs code']);
  });

  it('compressed joblib: zlib and gzip are inflated and walked; xz and lz4 are ML303, never silent', async () => {
    assert.deepStrictEqual(await findings(at('zlib.joblib')), ['ML301 pickle imports posix.system (in the zlib-decompressed stream at offset 270): loading this file runs code']);
    assert.deepStrictEqual(await findings(at('gzip.joblib')), ['ML301 pickle imports posix.system (in the gzip-decompressed stream at offset 28): loading this file runs code']);
    assert.deepStrictEqual(await findings(at('xz.joblib')), ['ML303 model file not inspected: xz-compressed, which mlsec does not decompress']);
    assert.deepStrictEqual(await findings(at('lz4.joblib')), ['ML303 model file not inspected: lz4-compressed, which mlsec does not decompress']);
    const small = { ...DEFAULT_MODEL_LIMITS, maxInflatedBytes: 100 };
    assert.deepStrictEqual(await findings(at('zlib.joblib'), small), ['ML303 model file not inspected: zlib stream inflates past the limit of 100 bytes']);
  });

  it('NumPy: object arrays (alone or in a structured dtype) carry a pickle; numeric arrays do not; .npz entries too', async () => {
    assert.deepStrictEqual(await findings(at('objects.npy')), ['ML301 pickle imports posix.system (at offset 134): loading this file runs code']);
    assert.deepStrictEqual(await findings(at('structured.npy')), ['ML301 pickle imports posix.system (at offset 133): loading this file runs code']);
    assert.deepStrictEqual(await findings(at('floats.npy')), []);
    assert.deepStrictEqual(await findings(at('arrays.npz')), ['ML301 pickle imports posix.system (in y.npy at offset 133): loading this file runs code']);
  });

  it('hostile zips: too many entries, overlapping entries, an inflate bomb are ML303; a FIFO is not opened for reading', async () => {
    assert.deepStrictEqual(await findings(at('many.pt'), { ...DEFAULT_MODEL_LIMITS, maxZipEntries: 5 }), ['ML303 model file not inspected: zip archive has 9 entries, over the limit of 5']);
    assert.deepStrictEqual(await findings(at('overlap.pt')), [
      'ML303 model file not inspected: zip entries overlap or run past the end of the file at offset 0 (a zip bomb shape) (in archive/data.pkl)',
    ]);
    // (the compressed size depends on the zlib that wrote it)
    const bomb = await findings(at('bomb.pt'), { ...DEFAULT_MODEL_LIMITS, maxInflatedBytes: 1024 * 1024 });
    assert.strictEqual(bomb.length, 1);
    assert.match(bomb[0], /^ML303 model file not inspected: compressed entry of \d+ bytes \(20971521 inflated\) is over the inflate limit of 1048576 bytes \(in archive\/data\.pkl\)$/);
    assert.deepStrictEqual(await findings(at('fifo.pkl')), ['ML303 model file not inspected: not a regular file']);
  });

  it('files written by the real NumPy (when it is installed): np.save and np.savez_compressed of an object array', async function () {
    let real: string;
    try {
      real = writeModelFiles(`
for name in [m for m in sys.modules if m == 'numpy' or m.startswith('numpy.')]:
    del sys.modules[name]  # the prelude's stand-in, replaced by the real NumPy
import numpy as np
a = np.empty(2, dtype=object); a[0] = Evil(); a[1] = 1
np.save(os.path.join(OUT, 'obj.npy'), a, allow_pickle=True)
np.save(os.path.join(OUT, 'zeros.npy'), np.zeros(3))
np.savez_compressed(os.path.join(OUT, 'z.npz'), x=np.zeros(3), y=a)
`);
    } catch {
      this.skip(); // no numpy on this machine: the stand-in fixtures above cover the format
      return;
    }
    try {
      const obj = await findings(path.join(real, 'obj.npy'));
      assert.deepStrictEqual(
        obj.map((f) => f.replace(/offset \d+/, 'offset N')),
        ['ML301 pickle imports posix.system (at offset N): loading this file runs code'],
      );
      assert.deepStrictEqual(await findings(path.join(real, 'zeros.npy')), []);
      const z = await findings(path.join(real, 'z.npz'));
      assert.deepStrictEqual(
        z.map((f) => f.replace(/offset \d+/, 'offset N')),
        ['ML301 pickle imports posix.system (in y.npy at offset N): loading this file runs code'],
      );
    } finally {
      fs.rmSync(real, { recursive: true, force: true });
    }
  });

  it('Keras: Lambda layers and functions from outside Keras are ML304; a plain model is fine', async () => {
    assert.deepStrictEqual(await findings(at('model.keras')), [
      "ML304 Keras config holds Lambda layer 'double', whose function is stored in the file (in config.json): loading this model can run it",
      'ML304 Keras config holds function os.system, imported from outside Keras (in config.json): loading this model can run it',
    ]);
    assert.deepStrictEqual(await findings(at('plain.keras')), []);
  });
});
