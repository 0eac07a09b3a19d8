// ML303: a model file, or a part of one, that the model scan could not inspect (truncated or
// malformed pickle, an unknown compression, over a size or step budget, a zip bomb shape). Visible
// so that nothing hides a pickle from the scan; `check` is inert (see ML301).
import { defineRule, cweUrl } from './rule';
import { MODEL_FILE_OPTIONS } from './ML301-pickle-runs-code';

export default defineRule({
  code: 'ML303',
  name: 'model-file-not-inspected',
  summary: 'a model file (or a part of one) the model scan could not read: truncated, malformed, compressed, over a limit',
  severity: 'warning',
  confidence: 'high',
  cwe: 1059,
  fix: 'none',
  fixSafety: 'none',
  match: {},
  docs: {
    whatItDoes:
      'Reports a model file that mlsec could not read to the end, with the reason and the byte offset: a truncated or malformed pickle (reported as such, never guessed past), a compression mlsec does not decompress (bz2, xz, lzma, lz4 and the old joblib format; zlib and gzip are decompressed up to a limit), a file or entry over its size limit, a pickle over the step budget (20 million opcodes), a zip archive with too many entries or overlapping entries, a NumPy header that cannot be read, a joblib array whose size cannot be worked out. Globals found before the problem are still reported (ML301/ML302): the real unpickler would have imported them before failing.',
    whyBad:
      'A part of a file that is not inspected can hold any global. A hostile file could otherwise hide its payload behind a compression or a malformed stretch that a scanner gives up on silently.',
    example: '# a checkpoint compressed with xz by joblib\njoblib.dump(model, "model.joblib", compress=("xz", 3))',
    useInstead: 'joblib.dump(model, "model.joblib", compress=3)  # zlib: inspected\n# or store weights in safetensors',
    fixSafety: 'No fix.',
    options: `${MODEL_FILE_OPTIONS} Ignoring the code (\`ignore = ["ML303"]\`) is a visible decision in your configuration.`,
    references: [cweUrl(1059)],
  },
  check() {
    // Inert: findings come from the model scan.
  },
});
