// ML904: a code in a `# nosec` that silences nothing. Produced by the suppression pass
// (server/src/suppressions/hygiene.ts), which compares each comment with the raw findings of the
// whole file: see nosecHygiene.ts.
import { defineRule } from './rule';
import { NOSEC_HYGIENE_RULE } from './nosecHygiene';

export default defineRule({
  code: 'ML904',
  name: 'unused-nosec',
  summary: 'a `# nosec` code that silences nothing',
  severity: 'warning',
  ...NOSEC_HYGIENE_RULE,
  fix: 'always',
  fixSafety: 'safe',
  docs: {
    whatItDoes:
      'Flags a code named in a `# nosec` when mlsec implements that check, the check is enabled, and no finding of it on any line of a statement that the comment is on is silenced. Codes of Bandit tests mlsec does not implement are left alone, as are codes whose check is disabled in the configuration, and codes of checks whose findings do not include all of Bandit\'s (B104, B301: see their pages), because Bandit may still need the comment. A Bandit code also counts as used when it silences an mlsec finding that Bandit reports under it (`# nosec B615` over an ML101 `revision="main"`).',
    whyBad: 'A stale suppression is a blank cheque: the code it names was fixed or moved, and the next real problem of that kind on the line will be silenced without review.',
    example: 'import torch\n\nstate = torch.load(path, weights_only=True)  # nosec B614',
    useInstead: 'import torch\n\nstate = torch.load(path, weights_only=True)',
    fixSafety:
      "The fix removes the code from the comment, or the whole `# nosec` (with its justification) when it was the only code. It is safe when Bandit reads the result no wider than before: the check runs on this line and finds nothing, and its findings include Bandit's. It is unsafe when the codes left are all unknown to Bandit (Bandit reads `# nosec ML102` as a blanket nosec, so removing `B113` from `# nosec B113, ML102` would widen it) or when it removes a comment that names only mlsec codes (blanket for Bandit).",
    options: 'None of its own. Codes of checks turned off by `select` / `ignore` are not reported: mlsec cannot tell whether they are used.',
    references: ['https://bandit.readthedocs.io/en/latest/config.html#exclusions', 'https://cwe.mitre.org/data/definitions/710.html'],
  },
});
