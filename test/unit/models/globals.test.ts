// The weights_only allowlist against what PyTorch's _get_allowed_globals builds (checked against
// torch/_weights_only_unpickler.py on 2026-12-03): entries it has, and one it does not.
import * as assert from 'assert';
import { isWeightsOnlyGlobal } from '../../../server/src/models/globals';

describe('weights_only allowlist', () => {
  it('accepts what torch.load(weights_only=True) accepts by default', () => {
    for (const [module, name] of [
      ['torch._utils', '_rebuild_tensor_v2'],
      ['torch._utils', '_rebuild_device_tensor_from_cpu_tensor'],
      ['torch._tensor', '_rebuild_from_type_v2'],
      ['torch.storage', 'UntypedStorage'],
      ['torch', 'FloatStorage'],
      ['collections', 'OrderedDict'],
      ['__builtin__', 'set'],
      ['_codecs', 'encode'],
    ])
      assert.strictEqual(isWeightsOnlyGlobal({ module, name }), true, `${module}.${name}`);
  });

  it('refuses what it refuses: a rebuild function outside its list, numpy, os', () => {
    for (const [module, name] of [
      ['torch._utils', '_rebuild_nested_tensor'],
      ['numpy.core.multiarray', '_reconstruct'],
      ['os', 'system'],
      ['builtins', 'eval'],
    ])
      assert.strictEqual(isWeightsOnlyGlobal({ module, name }), false, `${module}.${name}`);
  });
});
