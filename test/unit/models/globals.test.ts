// The weights_only allowlist against what PyTorch's _get_allowed_globals builds (checked against
// torch/_weights_only_unpickler.py on 2026-12-03): entries it has, and ones it does not.
import * as assert from 'assert';
import { isWeightsOnlyGlobal } from '../../../server/src/models/globals';

/** module, name, whether torch.load(weights_only=True) accepts it by default. */
const CASES: [string, string, boolean][] = [
  ['torch._utils', '_rebuild_tensor_v2', true],
  ['torch._utils', '_rebuild_device_tensor_from_cpu_tensor', true],
  ['torch._tensor', '_rebuild_from_type_v2', true],
  ['torch.storage', 'UntypedStorage', true],
  ['torch', 'FloatStorage', true],
  ['collections', 'OrderedDict', true],
  ['__builtin__', 'set', true],
  ['_codecs', 'encode', true],
  ['torch._utils', '_rebuild_nested_tensor', false],
  ['numpy.core.multiarray', '_reconstruct', false],
  ['os', 'system', false],
  ['builtins', 'eval', false],
];

describe('weights_only allowlist', () => {
  it('accepts what torch.load(weights_only=True) accepts by default, and refuses the rest', () => {
    for (const [module, name, accepted] of CASES) assert.strictEqual(isWeightsOnlyGlobal({ module, name }), accepted, `${module}.${name}`);
  });
});
