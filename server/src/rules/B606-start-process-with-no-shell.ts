import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { calleeNode } from './argState';
import { NO_SHELL_RUNNERS } from './shellCommand';

export default defineRule({
  code: 'B606',
  name: 'start-process-with-no-shell',
  summary: '`os.exec*`, `os.spawn*`, `os.startfile`',
  severity: 'information',
  confidence: 'medium',
  cwe: 78,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: [...NO_SHELL_RUNNERS] },
  docs: {
    whatItDoes:
      'Flags the functions that start a program without a shell: `os.execl`, `execle`, `execlp`, `execlpe`, `execv`, `execve`, `execvp`, `execvpe`, `os.spawnl`, `spawnle`, `spawnlp`, `spawnlpe`, `spawnv`, `spawnve`, `spawnvp`, `spawnvpe` and `os.startfile`.',
    whyBad:
      'No shell means no shell injection, but the program and its arguments are still run as given. If either comes from data, an attacker chooses what runs. `os.exec*` also replaces the current process, and `os.startfile` opens a file with whatever program Windows associates with it.',
    example: 'import os\n\nos.execvp(cfg["launcher"], [cfg["launcher"], *extra_args])',
    useInstead: 'import subprocess\n\nsubprocess.run(["/usr/bin/torchrun", "--nproc_per_node", str(n), "train.py"], check=True)',
    fixSafety: 'No fix: nothing is wrong with the call itself; only its inputs can be.',
    options: 'None.',
    references: ['https://docs.python.org/3/library/os.html#process-management', 'https://bandit.readthedocs.io/en/latest/plugins/b606_start_process_with_no_shell.html', cweUrl(78)],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (!callee || !NO_SHELL_RUNNERS.has(callee)) return;
    ctx.report({
      message: `\`${callee}\` starts a process without a shell: check that the program and its arguments cannot come from untrusted input`,
      node: calleeNode(call),
      scopeNode: call,
    });
  },
});
