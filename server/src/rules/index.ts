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
import ML301 from './ML301-pickle-runs-code';
import ML302 from './ML302-pickle-needs-weights-only-false';
import ML303 from './ML303-model-file-not-inspected';
import ML304 from './ML304-keras-code-in-config';
import B101 from './B101-assert-used';
import B105 from './B105-hardcoded-password-string';
import B106 from './B106-hardcoded-password-funcarg';
import B107 from './B107-hardcoded-password-default';
import B103 from './B103-set-bad-file-permissions';
import B201 from './B201-flask-debug-true';
import B202 from './B202-tarfile-unsafe-members';
import B502 from './B502-ssl-with-bad-version';
import B503 from './B503-ssl-with-bad-defaults';
import B504 from './B504-ssl-with-no-version';
import B505 from './B505-weak-cryptographic-key';
import B507 from './B507-ssh-no-host-key-verification';
import B508 from './B508-snmp-insecure-version';
import B509 from './B509-snmp-weak-cryptography';
import B601 from './B601-paramiko-calls';
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
  // model files in the workspace (findings made by the model scan, server/src/models/)
  ML301, ML302, ML303, ML304,
  // Bandit plugins: asserts, hard-coded secrets, permissions, debug servers, archives, TLS, keys, SSH, SNMP
  B101, B103, B105, B106, B107, B201, B202, B502, B503, B504, B505, B507, B508, B509, B601,
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
