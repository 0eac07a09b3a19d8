// ML901: a `# nosec` that names no code. Produced by the suppression pass
// (server/src/suppressions/hygiene.ts): see nosecHygiene.ts for why `check` is inert.
import { defineRule } from './rule';
import { NOSEC_HYGIENE_RULE } from './nosecHygiene';

export default defineRule({
  code: 'ML901',
  name: 'blanket-nosec',
  summary: '`# nosec` without codes',
  severity: 'warning',
  ...NOSEC_HYGIENE_RULE,
  fix: 'sometimes',
  fixSafety: 'unsafe',
  docs: {
    whatItDoes: 'Flags a `# nosec` comment that names no check. (A `# nosec` followed by prose only, which Bandit also reads as blanket, is reported by ML903, whose fix also names the codes.)',
    whyBad:
      'A blanket `# nosec` silences every check on the line, today and in the future: a second, unrelated problem added to the same statement later is hidden without anyone deciding so. Naming the codes records what was reviewed.',
    example: 'import torch\n\nstate = torch.load(path)  # nosec',
    useInstead: 'import torch\n\nstate = torch.load(path)  # nosec B614 # checkpoints we wrote ourselves',
    fixSafety:
      'The fix names the codes mlsec finds on the line (any justification is kept). It is unsafe: Bandit tests that mlsec does not implement, silenced by the blanket comment until now, will report again. No fix is offered when mlsec finds nothing on the line.',
    options: 'None. Select or ignore the code like any other (`ignore = ["ML901"]`).',
    references: ['https://bandit.readthedocs.io/en/latest/config.html#exclusions', 'https://cwe.mitre.org/data/definitions/710.html'],
  },
});
