// The rule registry: one import and one entry per rule. Order is the documentation order.
import type { Rule } from './rule';
import B113 from './B113-request-without-timeout';
import B614 from './B614-torch-unsafe-load';
import B615 from './B615-hf-unpinned-download';

export const ALL_RULES: readonly Rule[] = [B614, B615, B113];

export function ruleByCode(code: string): Rule | undefined {
  return ALL_RULES.find((r) => r.code === code);
}
