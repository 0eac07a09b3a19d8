// A rule that throws on every call it is shown, for fault-isolation tests (in-process and, through
// preloadThrowingRule.ts, inside a language-server process and its worker threads).
import { ALL_RULES } from '../../server/src/rules';
import { defineRule, Rule } from '../../server/src/rules/rule';

export const THROWING_CODE = 'XT900';

export const throwingRule: Rule = defineRule({
  ...ALL_RULES[0],
  code: THROWING_CODE,
  name: 'always-throws',
  // Shown every call (a walk: `call` has no keyword to anchor on), not only those anchors lead to.
  match: { nodes: ['call'], text: ['torch'] },
  check() {
    throw new Error('injected failure');
  },
});

/** Adds the rule to the registry (returns a function that removes it again). */
export function registerThrowingRule(): () => void {
  const registry = ALL_RULES as Rule[];
  registry.push(throwingRule);
  return () => {
    const i = registry.indexOf(throwingRule);
    if (i !== -1) registry.splice(i, 1);
  };
}
