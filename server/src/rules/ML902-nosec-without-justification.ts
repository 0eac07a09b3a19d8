// ML902: a `# nosec CODE` without a reason. Produced by the suppression pass
// (server/src/suppressions/hygiene.ts), like every ML9xx rule: see nosecHygiene.ts.
import { defineRule } from './rule';
import { NOSEC_HYGIENE_RULE } from './nosecHygiene';

export default defineRule({
  code: 'ML902',
  name: 'nosec-without-justification',
  summary: '`# nosec CODE` without `# reason`',
  severity: 'information',
  ...NOSEC_HYGIENE_RULE,
  fix: 'always',
  fixSafety: 'unsafe',
  docs: {
    whatItDoes:
      'Flags a well-formed `# nosec` that names its codes but gives no reason after a second `#`. A blanket or malformed `# nosec` is reported by ML901 or ML903 instead, whose fixes come first.',
    whyBad:
      'A suppression is a security decision. Without the reason, a reviewer cannot tell a checked exception ("loads checkpoints we wrote ourselves") from a silenced warning, and nobody can tell when the reason stops holding.',
    example: 'import torch\n\nstate = torch.load(path)  # nosec B614',
    useInstead: 'import torch\n\nstate = torch.load(path)  # nosec B614 # checkpoints produced by our own training job',
    fixSafety: 'The fix inserts a snippet `# nosec B614 # reason` and places the cursor on `reason`; it only changes a comment. It needs typing, so it is a quick fix and never part of fix-all.',
    options: '`require-justification = true` in `[tool.mlsec]` (`requireJustification` in editor settings) raises the severity from information to warning.',
    references: ['https://bandit.readthedocs.io/en/latest/config.html#exclusions', 'https://cwe.mitre.org/data/definitions/710.html'],
  },
});
