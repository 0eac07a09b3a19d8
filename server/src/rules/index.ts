// The rule registry: one import and one entry per rule. Order is the documentation order.
import type { Rule } from './rule';
import B113 from './B113-request-without-timeout';
import B614 from './B614-torch-unsafe-load';
import B615 from './B615-hf-unpinned-download';
import ML901 from './ML901-blanket-nosec';
import ML902 from './ML902-nosec-without-justification';
import ML903 from './ML903-malformed-nosec';
import ML904 from './ML904-unused-nosec';

export const ALL_RULES: readonly Rule[] = [B614, B615, B113, ML901, ML902, ML903, ML904];

export function ruleByCode(code: string): Rule | undefined {
  return ALL_RULES.find((r) => r.code === code);
}

/** Suppression-hygiene rules: their findings come from the suppression pass, not from the walk. */
export function isHygieneCode(code: string): boolean {
  return code.startsWith('ML9');
}
