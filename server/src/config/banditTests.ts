// Bandit's test IDs and the names a `# nosec` may use instead of them (plugin names and blacklist
// names, as Bandit 1.9 registers them). Facts about Bandit, used for two things: `# nosec pickle`
// means `# nosec B301`, and a code Bandit knows but mlsec does not implement is left alone by ML904
// while a code nobody knows is reported by ML903.

/** Bandit test name → test ID. */
export const BANDIT_TEST_NAMES: Readonly<Record<string, string>> = {
  assert_used: 'B101',
  exec_used: 'B102',
  set_bad_file_permissions: 'B103',
  hardcoded_bind_all_interfaces: 'B104',
  hardcoded_password_string: 'B105',
  hardcoded_password_funcarg: 'B106',
  hardcoded_password_default: 'B107',
  hardcoded_tmp_directory: 'B108',
  try_except_pass: 'B110',
  try_except_continue: 'B112',
  request_without_timeout: 'B113',
  flask_debug_true: 'B201',
  tarfile_unsafe_members: 'B202',
  // Blacklisted calls.
  pickle: 'B301',
  marshal: 'B302',
  md5: 'B303',
  ciphers: 'B304',
  cipher_modes: 'B305',
  mktemp_q: 'B306',
  eval: 'B307',
  mark_safe: 'B308',
  urllib_urlopen: 'B310',
  random: 'B311',
  telnetlib: 'B312',
  xml_bad_cElementTree: 'B313',
  xml_bad_ElementTree: 'B314',
  xml_bad_expatreader: 'B315',
  xml_bad_expatbuilder: 'B316',
  xml_bad_sax: 'B317',
  xml_bad_minidom: 'B318',
  xml_bad_pulldom: 'B319',
  xml_bad_etree: 'B320',
  ftplib: 'B321',
  unverified_context: 'B323',
  hashlib: 'B324',
  // Blacklisted imports.
  import_telnetlib: 'B401',
  import_ftplib: 'B402',
  import_pickle: 'B403',
  import_subprocess: 'B404',
  import_xml_etree: 'B405',
  import_xml_sax: 'B406',
  import_xml_expat: 'B407',
  import_xml_minidom: 'B408',
  import_xml_pulldom: 'B409',
  import_lxml: 'B410',
  import_xmlrpclib: 'B411',
  import_httpoxy: 'B412',
  import_pycrypto: 'B413',
  import_pyghmi: 'B415',
  request_with_no_cert_validation: 'B501',
  ssl_with_bad_version: 'B502',
  ssl_with_bad_defaults: 'B503',
  ssl_with_no_version: 'B504',
  weak_cryptographic_key: 'B505',
  yaml_load: 'B506',
  ssh_no_host_key_verification: 'B507',
  snmp_insecure_version: 'B508',
  snmp_weak_cryptography: 'B509',
  paramiko_calls: 'B601',
  subprocess_popen_with_shell_equals_true: 'B602',
  subprocess_without_shell_equals_true: 'B603',
  any_other_function_with_shell_equals_true: 'B604',
  start_process_with_a_shell: 'B605',
  start_process_with_no_shell: 'B606',
  start_process_with_partial_path: 'B607',
  hardcoded_sql_expressions: 'B608',
  linux_commands_wildcard_injection: 'B609',
  django_extra_used: 'B610',
  django_rawsql_used: 'B611',
  logging_config_insecure_listen: 'B612',
  trojansource: 'B613',
  pytorch_load: 'B614',
  huggingface_unsafe_download: 'B615',
  jinja2_autoescape_false: 'B701',
  use_of_mako_templates: 'B702',
  django_mark_safe: 'B703',
  markupsafe_markup_xss: 'B704',
};

/** Every test ID Bandit knows (B001 is its umbrella ID for the blacklists). */
export const BANDIT_TEST_IDS: ReadonlySet<string> = new Set(['B001', ...Object.values(BANDIT_TEST_NAMES)]);

/** The test ID a Bandit test name stands for, matched exactly as Bandit does. */
export function banditIdForName(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(BANDIT_TEST_NAMES, name) ? BANDIT_TEST_NAMES[name] : undefined;
}

/**
 * mlsec codes whose findings Bandit reports under one of its own test IDs: `from_pretrained("org/x",
 * revision="main")` is ML101 for mlsec and B615 for Bandit; an `urlopen` without a timeout is ML201
 * for mlsec and B310 for Bandit. A `# nosec B615` written for Bandit therefore silences ML101 too.
 */
const BANDIT_PARENT: Readonly<Record<string, string>> = {
  ML101: 'B615',
  ML201: 'B310',
};

/** The Bandit test ID under which Bandit reports what mlsec reports as `code`, if another one. */
export function banditParentOf(code: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(BANDIT_PARENT, code) ? BANDIT_PARENT[code] : undefined;
}

/**
 * Bandit test IDs that mlsec implements but whose findings do NOT include all of Bandit's, by design
 * (each rule page's "Differences from Bandit" says where): B104 reports listeners, not client connect
 * addresses; B108 paths inside a temp folder, not every string starting with its letters; B301 not a
 * `loads(dumps(x))` round trip; B506 not loaders that construct nothing; B701 not an `autoescape` value
 * it cannot see. For these, a `# nosec` that silences nothing for mlsec may still be needed by Bandit,
 * so ML904 leaves them alone.
 */
export const NARROWER_THAN_BANDIT: ReadonlySet<string> = new Set(['B104', 'B108', 'B301', 'B506', 'B701']);
