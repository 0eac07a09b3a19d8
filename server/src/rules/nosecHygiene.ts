// What ML901–ML904 share. They report on `# nosec` comments, and their findings come from the
// suppression pass (server/src/suppressions/hygiene.ts), which sees every comment and every raw
// finding of the file at once; a per-node `check` cannot know which findings a comment silences. So
// they match no node and their `check` is inert: the rules are registered for their metadata,
// docs, select/ignore and their pre-filter text (`nosec`).
import type { Rule } from './rule';

export const NOSEC_HYGIENE_RULE: Pick<Rule, 'confidence' | 'cwe' | 'match' | 'check'> = {
  confidence: 'high',
  cwe: 710,
  match: { text: ['nosec'] },
  check() {
    // Inert: see the header comment.
  },
};
