// Shared by the command-execution rules: is the command a constant, and can it be split without a shell?
import type { StaticValue } from '../analysis/values';

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
