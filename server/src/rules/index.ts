// The rule registry: one import and one entry per rule. Order is the documentation order.
import type { Rule } from './rule';
import B614 from './B614-torch-unsafe-load';
import B615 from './B615-hf-unpinned-download';
import ML101 from './ML101-hf-mutable-revision';
import ML102 from './ML102-hf-trust-remote-code';
import B301 from './B301-pickle-load';
import ML103 from './ML103-joblib-load';
import ML104 from './ML104-numpy-allow-pickle';
import ML105 from './ML105-torch-hub-load';
import ML106 from './ML106-keras-unsafe-load';
import B506 from './B506-yaml-unsafe-load';
import B113 from './B113-request-without-timeout';
import ML201 from './ML201-urlopen-without-timeout';
import B501 from './B501-request-without-cert-validation';
import B602 from './B602-subprocess-shell-true';
import B605 from './B605-start-process-with-shell';
import B307 from './B307-eval';
import B102 from './B102-exec';
import B701 from './B701-jinja2-autoescape-false';
import B324 from './B324-insecure-hash';
import B108 from './B108-hardcoded-tmp';
import B306 from './B306-mktemp';
import B110 from './B110-try-except-pass';
import B112 from './B112-try-except-continue';
import B104 from './B104-bind-all-interfaces';
import B603 from './B603-subprocess-without-shell-equals-true';
import B604 from './B604-any-other-function-with-shell-equals-true';
import B606 from './B606-start-process-with-no-shell';
import B607 from './B607-start-process-with-partial-path';
import B608 from './B608-hardcoded-sql-expressions';
import B609 from './B609-linux-commands-wildcard-injection';
import B610 from './B610-django-extra-used';
import B611 from './B611-django-rawsql-used';
import B612 from './B612-logging-config-insecure-listen';
import B613 from './B613-trojansource';
import B702 from './B702-use-of-mako-templates';
import B703 from './B703-django-mark-safe';
import B704 from './B704-markupsafe-markup-xss';
import ML900 from './ML900-file-not-analysed';
import ML901 from './ML901-blanket-nosec';
import ML902 from './ML902-nosec-without-justification';
import ML903 from './ML903-malformed-nosec';
import ML904 from './ML904-unused-nosec';

export const ALL_RULES: readonly Rule[] = [
  // model and data loading
  B614, B615, ML101, ML102, B301, ML103, ML104, ML105, ML106, B506,
  // network
  B113, ML201, B501,
  // injection, templates, crypto, files, errors
  B602, B605, B307, B102, B701, B324, B108, B306, B110, B112, B104,
  // injection: processes, SQL, wildcards, Django, logging, Trojan Source, templates (Bandit's B6xx/B7xx)
  B603, B604, B606, B607, B608, B609, B610, B611, B612, B613, B702, B703, B704,
  // files not analysed (findings made where a file is skipped)
  ML900,
  // suppression hygiene (findings made by the suppression pass)
  ML901, ML902, ML903, ML904,
];

export function ruleByCode(code: string): Rule | undefined {
  return ALL_RULES.find((r) => r.code === code);
}

/** Suppression-hygiene rules: their findings come from the suppression pass, not from the walk. */
export function isHygieneCode(code: string): boolean {
  return code.startsWith('ML9');
}
