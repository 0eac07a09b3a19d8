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
import B302 from './B302-marshal';
import B303 from './B303-md5';
import B304 from './B304-ciphers';
import B305 from './B305-cipher-modes';
import B308 from './B308-mark-safe';
import B310 from './B310-urllib-urlopen';
import B311 from './B311-random';
import B312 from './B312-telnetlib';
import B313 from './B313-xml-bad-c-element-tree';
import B314 from './B314-xml-bad-element-tree';
import B315 from './B315-xml-bad-expatreader';
import B316 from './B316-xml-bad-expatbuilder';
import B317 from './B317-xml-bad-sax';
import B318 from './B318-xml-bad-minidom';
import B319 from './B319-xml-bad-pulldom';
import B321 from './B321-ftplib';
import B323 from './B323-unverified-context';
import B401 from './B401-import-telnetlib';
import B402 from './B402-import-ftplib';
import B403 from './B403-import-pickle';
import B404 from './B404-import-subprocess';
import B405 from './B405-import-xml-etree';
import B406 from './B406-import-xml-sax';
import B407 from './B407-import-xml-expat';
import B408 from './B408-import-xml-minidom';
import B409 from './B409-import-xml-pulldom';
import B411 from './B411-import-xmlrpclib';
import B412 from './B412-import-httpoxy';
import B413 from './B413-import-pycrypto';
import B415 from './B415-import-pyghmi';
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
  B614,
  B615,
  ML101,
  ML102,
  B301,
  ML103,
  ML104,
  ML105,
  ML106,
  B506,
  // network
  B113,
  ML201,
  B501,
  // injection, templates, crypto, files, errors
  B602,
  B605,
  B307,
  B102,
  B701,
  B324,
  B108,
  B306,
  B110,
  B112,
  B104,
  // model files in the workspace (findings made by the model scan, server/src/models/)
  ML301,
  ML302,
  ML303,
  ML304,
  // Bandit plugins: asserts, hard-coded secrets, permissions, debug servers, archives, TLS, keys, SSH, SNMP
  B101,
  B103,
  B105,
  B106,
  B107,
  B201,
  B202,
  B502,
  B503,
  B504,
  B505,
  B507,
  B508,
  B509,
  B601,
  // Bandit's blacklisted calls (one list per rule, reported through rules/blacklist.ts)
  B302,
  B303,
  B304,
  B305,
  B308,
  B310,
  B311,
  B312,
  B313,
  B314,
  B315,
  B316,
  B317,
  B318,
  B319,
  B321,
  B323,
  // Bandit's blacklisted imports (rules/blacklist.ts; off in the default profile)
  B401,
  B402,
  B403,
  B404,
  B405,
  B406,
  B407,
  B408,
  B409,
  B411,
  B412,
  B413,
  B415,
  // injection: processes, SQL, wildcards, Django, logging, Trojan Source, templates (Bandit's B6xx/B7xx)
  B603,
  B604,
  B606,
  B607,
  B608,
  B609,
  B610,
  B611,
  B612,
  B613,
  B702,
  B703,
  B704,
  // files not analysed (findings made where a file is skipped)
  ML900,
  // suppression hygiene (findings made by the suppression pass)
  ML901,
  ML902,
  ML903,
  ML904,
];

export function ruleByCode(code: string): Rule | undefined {
  return ALL_RULES.find((r) => r.code === code);
}

/**
 * ML900 and the suppression-hygiene rules (ML901–ML904): their findings are made outside the walk
 * (where a file is skipped; by the suppression pass), and no `# nosec` silences them. One definition,
 * the suppression pass's.
 */
export { isHygieneCode } from '../suppressions/catalog';
