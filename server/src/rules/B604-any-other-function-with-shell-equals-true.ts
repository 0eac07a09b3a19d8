import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { SUBPROCESS_CALLS, shellArgument } from './shellCommand';

export default defineRule({
  code: 'B604',
  name: 'any-other-function-with-shell-equals-true',
  summary: 'any other call with `shell=True` (a wrapper around a shell)',
  severity: 'warning',
  confidence: 'low',
  cwe: 78,
  fix: 'none',
  fixSafety: 'none',
  // Any call can be a wrapper: the file must say `shell`, and `check` looks at the keyword.
  match: { nodes: ['call'], words: ['shell'] },
  docs: {
    whatItDoes:
      'Flags a call of any function other than `subprocess.Popen`, `call`, `check_call`, `check_output` and `run` (those are B602 and B603) that passes `shell=True`, or a `shell=` value that cannot be evaluated statically.',
    whyBad:
      'A `shell=True` keyword usually means the function is a wrapper that hands a command string to `/bin/sh` (a project helper, `invoke`, `fabric`, `asyncio` helpers, a job launcher). Whatever reaches that string from data can run other commands.',
    example: 'from myproject.utils import run_cmd\n\nrun_cmd(f"gsutil cp {src} {dst}", shell=True)',
    useInstead: 'from myproject.utils import run_cmd\n\nrun_cmd(["gsutil", "cp", src, dst])',
    fixSafety: 'No fix: the wrapper decides what `shell` means.',
    options: 'None. Only the `shell` keyword is read (or a `**` dictionary known statically), as in Bandit; a false literal (`False`, `0`, `None`, `[]`) is not reported.',
    references: ['https://bandit.readthedocs.io/en/latest/plugins/b604_any_other_function_with_shell_equals_true.html', cweUrl(78)],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (callee && SUBPROCESS_CALLS.has(callee)) return;
    const shell = shellArgument(call, null, ctx);
    if (shell.state !== 'true' && shell.state !== 'unknown') return;
    const name = callee ?? call.childForFieldName('function')?.text ?? 'call';
    ctx.report({
      message: `\`${name.length > 60 ? 'call' : name}\` is called with \`shell=${shell.state === 'true' ? 'True' : '…'}\`: if it runs a command through a shell, data in the command can inject other commands`,
      node: shell.node ?? call,
      scopeNode: call,
    });
  },
});
