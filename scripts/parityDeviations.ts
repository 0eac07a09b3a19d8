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
  matches(source: string, enclosing: string[]): boolean;
}

/** Ruff's `# noqa: S614` names the same check as Bandit's B614; mlsec honours both, Bandit only its own. */
const RUFF_NOQA = /#\s*noqa:\s*S\d{3}/i;

export const DEVIATIONS: readonly Deviation[] = [
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
    reason: 'provably local: a `~` path, an `os.path`/`pathlib` expression, `local_files_only=True`, a revision carried in `**kwargs` that mlsec evaluates, or a packaged `load_dataset` builder over local files',
    matches: (s) => /from_pretrained\(\s*["']~|os\.path\.|Path\(|local_files_only\s*=\s*True|\*\*\w+|load_dataset\(\s*["'](csv|json|parquet|text|arrow|pandas|imagefolder|audiofolder|webdataset)["'](?![^)]*hf:\/\/)/.test(s),
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
    matches: (s, enclosing) => /client|connect|session|proxy|remote|upstream/i.test([s, ...enclosing].join('\n')) || !/\b(bind|run|serve|launch|listen|start_server|create_server|make_server|HTTPServer|TCPServer)\b|host\s*=(?!=)|server_name\s*=/.test(s),
  },
  {
    code: 'B603',
    reason: 'the shell is turned on through a `**` dictionary mlsec evaluates, or `Popen`\'s 9th positional argument: mlsec reports B602 instead',
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

export function deviationFor(code: string, source: string, enclosing: string[] = []): Deviation | undefined {
  return DEVIATIONS.find((d) => (d.code === code || d.code === '*') && d.matches(source, enclosing));
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
