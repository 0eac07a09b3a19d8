// Property tests run with a fixed seed by default, so CI is repeatable: a counterexample found once
// is found every time until fixed. `MLSEC_PROPERTY_SEED=<n>` picks another seed; `=random` lets
// fast-check choose (and print) one — loop over that locally to explore new inputs.
import * as fc from 'fast-check';

const DEFAULT_SEED = 20261122;
const setting = process.env.MLSEC_PROPERTY_SEED;
if (setting !== 'random') {
  const seed = setting === undefined || setting === '' ? DEFAULT_SEED : Number(setting);
  if (Number.isNaN(seed)) throw new Error(`MLSEC_PROPERTY_SEED must be a number or "random", not "${setting}"`);
  fc.configureGlobal({ seed });
}
