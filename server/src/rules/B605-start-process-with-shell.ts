import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { calleeNode, argumentNode } from './argState';
import { isConstantCommand, SHELL_RUNNERS } from './shellCommand';

export default defineRule({
  code: 'B605',
  name: 'start-process-with-shell',
  summary: '`os.system`, `os.popen`, `subprocess.getoutput`',
  severity: 'error',
  confidence: 'high',
  cwe: 78,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: [...SHELL_RUNNERS] },
  docs: {
    whatItDoes:
      "Flags functions that always run their command through a shell: `os.system`, `os.popen`, `subprocess.getoutput`, `subprocess.getstatusoutput` (and Python 2's `popen2` / `commands`). The finding is an error when the command is built at run time and a warning when it is a constant string.",
    whyBad:
      'These functions pass the whole string to `/bin/sh`. Any part of it that comes from data — a path, a run name, a user id — can carry `;`, `$(…)` or backticks and run other commands. Unlike `subprocess.run`, they have no way to avoid the shell.',
    example: 'import os\n\nos.system(f"tar czf {run_name}.tgz outputs/")',
    useInstead: 'import subprocess\n\nsubprocess.run(["tar", "czf", f"{run_name}.tgz", "outputs/"], check=True)',
    fixSafety: 'No fix: the replacement (`subprocess.run` with a list) changes how output, errors and exit codes are handled.',
    options: 'None. A constant command is reported as a warning (nothing from outside reaches the shell, but the call is still a shell); a command built from values as an error.',
    references: ['https://docs.python.org/3/library/os.html#os.system', 'https://bandit.readthedocs.io/en/latest/plugins/b605_start_process_with_a_shell.html', cweUrl(78)],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (!callee || !SHELL_RUNNERS.has(callee)) return;
    const cmdNode = argumentNode(call, ctx, 'cmd', 0) ?? argumentNode(call, ctx, 'command', 0);
    const constant = !!cmdNode && isConstantCommand(ctx.evaluate(cmdNode));
    ctx.report({
      message: constant
        ? `\`${callee}\` runs its command through /bin/sh; prefer \`subprocess.run\` with a list of arguments`
        : `\`${callee}\` runs a command built at run time through /bin/sh: shell injection; use \`subprocess.run\` with a list of arguments`,
      node: calleeNode(call),
      scopeNode: call,
      severity: constant ? 'warning' : 'error',
    });
  },
});
