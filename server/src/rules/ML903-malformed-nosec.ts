// ML903: a `# nosec` that Bandit reads differently from what it says. Produced by the suppression
// pass (server/src/suppressions/hygiene.ts): see nosecHygiene.ts.
import { defineRule } from './rule';
import { NOSEC_HYGIENE_RULE } from './nosecHygiene';

export default defineRule({
  code: 'ML903',
  name: 'malformed-nosec',
  summary: '`# nosec` forms Bandit misreads',
  severity: 'warning',
  ...NOSEC_HYGIENE_RULE,
  fix: 'sometimes',
  fixSafety: 'unsafe',
  docs: {
    whatItDoes:
      "Flags `# nosec` comments in the forms where Bandit fails open or silently widens the suppression: codes joined by a comma without a space (`B602,B607`: Bandit keeps only the last code), prose after the codes without a `#` (`# nosec B602 - trusted input`: Bandit looks each word up as a test name and drops it; with no code left the comment becomes blanket), lower-case codes (`b602`: Bandit does not recognise them, so `# nosec b602` is blanket), a word glued to `nosec` (`# noseclike`: Bandit reads `like` as a test name, finds none and treats the comment as blanket — mlsec reads it the same way, so it silences what Bandit silences), punctuation after a code (`# nosec B614: trusted weights`: Bandit keeps B614 and reads the rest as test names), and codes that are neither mlsec's nor Bandit's (a typo such as `B164`).",
    whyBad:
      'The comment says one thing and the tools do another: a suppression meant for one check silences all of them in Bandit, or one of two named checks reports again. mlsec reads these comments as they were meant — both codes, the upper-case code, prose ignored (prose alone counts as blanket, as in Bandit), an unknown code silences nothing — so the editor and Bandit disagree until the comment is rewritten.',
    example: 'import subprocess\n\nsubprocess.run(cmd, shell=True)  # nosec: B602,B607\nsubprocess.run(cmd, shell=True)  # nosec B602 - trusted input\nsubprocess.run(cmd, shell=True)  # nosec b602',
    useInstead:
      'import subprocess\n\nsubprocess.run(cmd, shell=True)  # nosec B602, B607\nsubprocess.run(cmd, shell=True)  # nosec B602 # trusted input\nsubprocess.run(cmd, shell=True)  # nosec B602',
    fixSafety:
      'The fix rewrites the comment to `# nosec B602, B607 # <prose>`: codes upper-cased and separated by `, `, Bandit test names kept as their IDs, unknown codes dropped, prose moved behind `#`. When the comment names no usable code, the codes mlsec finds on the line are named. The rewrite never widens the suppression: it names only codes the comment already named (or, for a comment Bandit reads as blanket, the codes found on the line). It is unsafe because it changes what Bandit silences. No fix is offered when only unknown codes are named.',
    options: "None. Note: Bandit does not know mlsec's own `ML` codes; `# nosec ML102` alone is blanket for Bandit. This rule does not flag it, because there is no other way to name an mlsec check.",
    references: ['https://bandit.readthedocs.io/en/latest/config.html#exclusions', 'https://cwe.mitre.org/data/definitions/710.html'],
  },
});
