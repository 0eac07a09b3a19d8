// Where mlsec deliberately reports less than Bandit. Each entry is written up in the rule page's
// "Differences from Bandit" section; the parity run counts a Bandit finding that mlsec does not
// report as a deviation only when an entry here matches its source line, never otherwise.
export interface Deviation {
  /** Bandit test ID. */
  code: string;
  /** One line: why mlsec does not report it. */
  reason: string;
  /** Whether Bandit's finding on this source line (the lines of its node, joined) is this deviation. */
  matches(source: string): boolean;
}

export const DEVIATIONS: readonly Deviation[] = [
  {
    code: 'B301',
    reason: '`loads(dumps(x))` on the same module is a deep copy: it reads no outside data',
    matches: (s) => /\b(\w+)\.loads\(\s*\1\.dumps\(/.test(s),
  },
  {
    code: 'B104',
    reason: 'a "0.0.0.0" that no listener receives (a constant, a client address) binds nothing',
    matches: (s) => !/\b(bind|run|serve|launch|listen|start_server|create_server|make_server|HTTPServer|TCPServer)\b|host\s*=|server_name\s*=/.test(s),
  },
];

export function deviationFor(code: string, source: string): Deviation | undefined {
  return DEVIATIONS.find((d) => d.code === code && d.matches(source));
}
