// Shared by the command-execution rules (B602–B607, B609): which functions start processes and how,
// what a call's `shell` keyword says, and whether a command is a constant that can be split without a
// shell. The three lists are Bandit's `shell_injection` family configuration (`subprocess`, `shell`,
// `no_shell`); every rule of the family reads them from here.
import type { Node } from 'web-tree-sitter';
import type { StaticValue } from '../analysis/values';
import type { RuleContext } from './rule';
import { argState } from './argState';

/** Functions that start a process and take a `shell` argument (Bandit's `subprocess` section). */
export const SUBPROCESS_CALLS: ReadonlySet<string> = new Set(['Popen', 'call', 'check_call', 'check_output', 'run'].map((f) => `subprocess.${f}`));

/** Functions that always hand their command string to a shell (Bandit's `shell` section). */
export const SHELL_RUNNERS: ReadonlySet<string> = new Set([
  'os.system',
  'os.popen',
  'os.popen2',
  'os.popen3',
  'os.popen4',
  'popen2.popen2',
  'popen2.popen3',
  'popen2.popen4',
  'popen2.Popen3',
  'popen2.Popen4',
  'commands.getoutput',
  'commands.getstatusoutput',
  'subprocess.getoutput',
  'subprocess.getstatusoutput',
]);

/** Functions that replace or spawn a process without any shell (Bandit's `no_shell` section). */
export const NO_SHELL_RUNNERS: ReadonlySet<string> = new Set([
  ...['execl', 'execle', 'execlp', 'execlpe', 'execv', 'execve', 'execvp', 'execvpe'].map((f) => `os.${f}`),
  ...['spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv', 'spawnve', 'spawnvp', 'spawnvpe'].map((f) => `os.${f}`),
  'os.startfile',
]);

/** Every process-starting function of the family. */
export const PROCESS_CALLS: ReadonlySet<string> = new Set([...SUBPROCESS_CALLS, ...SHELL_RUNNERS, ...NO_SHELL_RUNNERS]);

/**
 * What a call says about `shell`: `true` (a truthy literal), `false` (a falsy literal, `None`, an empty
 * list or dict), `unknown` (a value that cannot be evaluated, which Bandit counts as a shell), or
 * `absent` (not given, or possibly inside an unknown `**kwargs`, which Bandit cannot see either). The
 * keyword counts, a statically known `**` dictionary too, and for `subprocess.Popen` the 9th positional
 * argument (B602 reads the same, so B602 and B603 never both report, nor both stay silent).
 */
export interface ShellArgument {
  state: 'true' | 'false' | 'unknown' | 'absent';
  /** The node written for it (the `shell=…` keyword, or the positional value), when visible. */
  node?: Node;
}

export function shellArgument(call: Node, callee: string | null, ctx: RuleContext): ShellArgument {
  const s = argState(call, ctx, 'shell', callee === 'subprocess.Popen' ? 8 : undefined);
  if (s.kind === 'absent' || s.kind === 'unknown-splat') return { state: 'absent' };
  const written = s.kind === 'keyword' ? s.kw.value : s.kind === 'positional' ? s.node : undefined;
  // A list or dict display is true exactly when it has an element (`shell=[]` is no shell).
  const truth = written && (written.type === 'list' || written.type === 'dictionary') ? written.namedChildren.some((c) => c && c.type !== 'comment') : s.truth;
  const state = truth === undefined ? 'unknown' : truth ? 'true' : 'false';
  return { state, node: s.kind === 'keyword' ? s.kw.node : written };
}

/** Characters a shell treats specially; a command containing none of them means the same without a shell. */
const SHELL_META = /[|&;<>()$`\\"'*?[\]{}~#!%\n\r\t]/;

/** A string literal that `shlex.split` turns into the same argv the shell would run. */
export function isPlainCommand(value: StaticValue): boolean {
  if (value.kind !== 'str') return false;
  const cmd = value.value.trim();
  if (cmd.length === 0 || SHELL_META.test(cmd)) return false;
  // `FOO=1 cmd` sets an environment variable in a shell; shlex would run a program named `FOO=1`.
  const firstWord = cmd.split(/ +/)[0];
  return !firstWord.includes('=');
}

/** Whether the command is known text (a literal), as opposed to built from data at run time. */
export function isConstantCommand(value: StaticValue): boolean {
  return value.kind === 'str';
}
