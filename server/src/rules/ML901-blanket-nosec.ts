// ML901: a `# nosec` that names no code. Findings come from the suppression pass
// (server/src/suppressions/hygiene.ts), which sees every comment and every raw finding of the file
// at once; a per-node `check` cannot know which findings a comment silences. So `nodeTypes` is
// empty and `check` is inert; the rule is registered for its metadata, docs, select/ignore and the
// pre-filter trigger.
import { defineRule } from './rule';

export default defineRule({
  code: 'ML901',
  name: 'blanket-nosec',
  severity: 'warning',
  confidence: 'high',
  cwe: 710,
  nodeTypes: [],
  fix: 'sometimes',
  fixSafety: 'unsafe',
  triggers: ['nosec'],
  docs: {
    whatItDoes: 'Flags a `# nosec` comment that names no check. (A `# nosec` followed by prose only, which Bandit also reads as blanket, is reported by ML903, whose fix also names the codes.)',
    whyBad: 'A blanket `# nosec` silences every check on the line, today and in the future: a second, unrelated problem added to the same statement later is hidden without anyone deciding so. Naming the codes records what was reviewed.',
    example: 'import torch\n\nstate = torch.load(path)  # nosec',
    useInstead: 'import torch\n\nstate = torch.load(path)  # nosec B614 # checkpoints we wrote ourselves',
    fixSafety: 'The fix names the codes mlsec finds on the line (any justification is kept). It is unsafe: Bandit tests that mlsec does not implement, silenced by the blanket comment until now, will report again. No fix is offered when mlsec finds nothing on the line.',
    options: 'None. Select or ignore the code like any other (`ignore = ["ML901"]`).',
    references: [
      'https://bandit.readthedocs.io/en/latest/config.html#exclusions',
      'https://cwe.mitre.org/data/definitions/710.html',
    ],
  },
  check() {
    // Inert: see the header comment.
  },
});
