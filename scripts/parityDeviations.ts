// Where mlsec deliberately reports less than Bandit. Each entry is written up in the rule page's
// "Differences from Bandit" section; the parity run counts a Bandit finding that mlsec does not
// report as a deviation only when an entry here matches its source line, never otherwise.
export interface Deviation {
  /** Bandit test ID. */
  code: string;
  /** One line: why mlsec does not report it. */
  reason: string;
  /**
   * Whether Bandit's finding on this source (the lines of its node, joined) is this deviation;
   * `enclosing` holds the `def`/`class` lines that enclose it, innermost first.
   */
  matches(source: string, enclosing: string[], file: string): boolean;
}

/** Ruff's `# noqa: S614` names the same check as Bandit's B614; mlsec honours both, Bandit only its own. */
const RUFF_NOQA = /#\s*noqa:[^#]*\bS\d{3}\b/i;

/**
 * Bandit's blacklisted-call checks match a bare name without looking at what it is bound to: a
 * parameter that shadows an imported function (`def f(loads): loads(x)`) is still reported. mlsec
 * resolves the name to the parameter and reports nothing.
 */
function shadowedByParameter(source: string, enclosing: string[]): boolean {
  const callee = /(?:^|[^\w.])([A-Za-z_]\w*)\s*\(/.exec(source)?.[1];
  if (!callee) return false;
  const param = new RegExp(`\\(([^)]*[,\\s])?\\*{0,2}${callee}\\s*[,:=)]`);
  return enclosing.some((d) => /^(async\s+)?def\s/.test(d) && param.test(d.slice(d.indexOf('('))));
}

/** Blacklisted-call checks (rules/blacklist.ts) whose pages and fixtures show the shadowed-parameter case. */
const SHADOWED_PARAMETER_CODES = ['B302', 'B308', 'B102', 'B307'];

export const DEVIATIONS: readonly Deviation[] = [
  {
    code: 'B108',
    reason: 'a string that only starts with the letters of a temp folder (`"/tmpfoo"`, prose such as `"/tmp is cleaned at boot"`) or a prefix test (`startswith("/tmp/")`) names no file there',
    matches: (s) => /["'](\/tmp|\/var\/tmp|\/dev\/shm)(?![/"'])|startswith\(/.test(s),
  },
  {
    code: 'B506',
    reason: 'a `Loader` that constructs no objects: `yaml.BaseLoader`, or a safe loader chosen by `getattr` or a conditional',
    matches: (s) => /Loader\s*=\s*(yaml\.BaseLoader|getattr\(yaml,\s*["']CSafeLoader["'],\s*yaml\.SafeLoader\)|yaml\.CSafeLoader if .* else yaml\.SafeLoader)/.test(s),
  },
  {
    code: 'B701',
    reason: '`autoescape` given a name whose value mlsec cannot see: mlsec gives it the benefit of the doubt, Bandit reports any value but True/select_autoescape',
    matches: (s) => /autoescape\s*=\s*(?!True\b|False\b|select_autoescape)[A-Za-z_]\w*\s*\)/.test(s),
  },
  {
    code: 'B113',
    reason: 'a timeout carried in a `**` dictionary mlsec evaluates',
    matches: (s) => /\*\*\w+/.test(s),
  },
  {
    code: '*',
    reason: 'the module is never imported in the file: Bandit matches `requests.get` / `subprocess.run` by spelling, mlsec by the import the name resolves to',
    matches: (s, _e, file) => {
      const root = /\b(requests|subprocess)\.\w+\(/.exec(s)?.[1];
      return !!root && !new RegExp(`^\\s*(import|from)\\s+${root}\\b`, 'm').test(file);
    },
  },
  {
    code: '*',
    reason: "silenced by Ruff's `# noqa: S…` form of the same check, which mlsec honours and Bandit does not read",
    matches: (s) => RUFF_NOQA.test(s),
  },
  {
    code: '*',
    reason: 'codes joined without a space (`# nosec B614,B113`): Bandit keeps only the last, mlsec honours both and reports the comment (ML903)',
    matches: (s) => /#\s*nosec:?\s*[A-Za-z]+\d+,[A-Za-z]/.test(s),
  },
  {
    code: 'B615',
    reason:
      'provably local: a `~` path, an `os.path`/`pathlib` expression, `local_files_only=True`, a revision carried in `**kwargs` that mlsec evaluates, or a packaged `load_dataset` builder over local files',
    matches: (s) =>
      /from_pretrained\(\s*["']~|os\.path\.|Path\(|local_files_only\s*=\s*True|\*\*\w+|load_dataset\(\s*["'](csv|json|parquet|text|arrow|pandas|imagefolder|audiofolder|webdataset)["'](?![^)]*hf:\/\/)/.test(
        s,
      ),
  },
  {
    code: 'B614',
    reason: '`weights_only` is statically True through a name or `**kwargs` (mlsec evaluates it; Bandit reads only the literal)',
    matches: (s) => /weights_only\s*=\s*(?!True\b|False\b)\w|\*\*\w+/.test(s),
  },
  {
    code: 'B301',
    reason: '`loads(dumps(x))` on the same module is a deep copy: it reads no outside data',
    matches: (s) => /\b(\w+)\.loads\(\s*\1\.dumps\(/.test(s),
  },
  {
    code: 'B104',
    reason: 'a "0.0.0.0" that no listener receives (a comparison, a log line, a client\'s connect address) binds nothing',
    matches: (s, enclosing) =>
      /client|connect|session|proxy|remote|upstream/i.test([s, ...enclosing].join('\n')) ||
      !/\b(bind|run|serve|launch|listen|start_server|create_server|make_server|HTTPServer|TCPServer)\b|host\s*=(?!=)|server_name\s*=/.test(s),
  },
  {
    code: 'B509',
    reason: '`UsmUserData(..., privKey=...)` passes its privacy key by keyword; Bandit counts positional arguments only',
    matches: (s) => /UsmUserData\s*\([\s\S]*\bprivKey\s*=/.test(s),
  },
  ...SHADOWED_PARAMETER_CODES.map((code) => ({
    code,
    reason: 'the callee is a parameter of the enclosing function that shadows the imported name; it is not the blacklisted function',
    matches: shadowedByParameter,
  })),
  {
    code: 'B603',
    reason: "the shell is turned on through a `**` dictionary mlsec evaluates, or `Popen`'s 9th positional argument: mlsec reports B602 instead",
    matches: (s) => /\*\*\w+|Popen\((?:[^,()]*,){8}/.test(s),
  },
  {
    code: 'B611',
    reason: 'a `RawSQL` imported from another module under another name: Bandit matches the bare name once any `django.db.models` import is present, mlsec resolves the import',
    matches: (s) => !/(^|[^\w.])RawSQL\s*\(|models(\.expressions)?\.RawSQL\s*\(/.test(s),
  },
  {
    code: 'B612',
    reason: '`verify` passed as the second positional argument of `logging.config.listen`',
    matches: (s) => /listen\(\s*[^,()]+,\s*[^=,()]+\)/.test(s),
  },
  {
    code: 'B703',
    reason: 'a method named `mark_safe` / `Safe*` on another object: Bandit matches the bare name once `django.utils.safestring` is imported, mlsec resolves the callee',
    matches: (s) => /\b(?!safestring\.)\w+\.(mark_safe|Safe(Text|Unicode|String|Bytes))\s*\(/.test(s),
  },
  {
    code: 'B608',
    reason: 'the first SQL keyword is written in mixed case (`sElEcT`), which mlsec does not take for SQL',
    matches: (s) => !/select|SELECT|Select|delete|DELETE|Delete|insert|INSERT|Insert|update|UPDATE|Update/.test(s),
  },
];

export function deviationFor(code: string, source: string, enclosing: string[] = [], file = ''): Deviation | undefined {
  return DEVIATIONS.find((d) => (d.code === code || d.code === '*') && d.matches(source, enclosing, file));
}

/** The `def`/`class` lines enclosing 1-based line `line` of `lines`, innermost first. */
export function enclosingDefinitions(lines: string[], line: number): string[] {
  const out: string[] = [];
  let indent = (lines[line - 1] ?? '').search(/\S/);
  for (let i = line - 2; i >= 0 && indent > 0; i--) {
    const l = lines[i];
    const at = l.search(/\S/);
    if (at < 0 || at >= indent) continue;
    if (/^\s*(async\s+)?(def|class)\s/.test(l)) out.push(l.trim());
    indent = at;
  }
  return out;
}
