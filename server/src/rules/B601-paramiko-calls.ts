import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { calleeNode } from './argState';
import { calleeLastName, isImportedLike } from './fileImports';

export default defineRule({
  code: 'B601',
  name: 'paramiko-calls',
  summary: '`.exec_command(...)` in a file that imports paramiko',
  severity: 'warning',
  confidence: 'medium',
  cwe: 78,
  fix: 'none',
  fixSafety: 'none',
  readsWholeFile: true,
  match: { nodes: ['call'], words: ['exec_command'], text: ['paramiko'] },
  docs: {
    whatItDoes: 'Flags `.exec_command(...)` calls in a file that imports paramiko, as Bandit does: the SSH client is usually held in a variable whose type cannot be known statically.',
    whyBad:
      "`exec_command` hands its string to the remote user's shell. A host name, path, job id or file name built into that string from outside can carry `;`, `$(...)` or backquotes and run other commands on the remote machine.",
    example: 'stdin, stdout, stderr = client.exec_command(f"tail -n 100 {log_path}")',
    useInstead: 'import shlex\n\nstdin, stdout, stderr = client.exec_command(f"tail -n 100 {shlex.quote(log_path)}")',
    fixSafety: 'No fix: which parts of the command come from outside is for the reader to check.',
    options: 'None. Every call is reported, constant commands included, as in Bandit.',
    references: ['https://docs.paramiko.org/en/latest/api/client.html#paramiko.client.SSHClient.exec_command', 'https://bandit.readthedocs.io/en/latest/plugins/b601_paramiko_calls.html', cweUrl(78)],
  },
  check(call: Node, ctx: RuleContext) {
    const resolved = ctx.calleeName(call);
    const last = calleeLastName(call);
    if (last !== 'exec_command' && !resolved?.endsWith('.exec_command')) return;
    if (!isImportedLike(call, ctx, 'paramiko')) return;
    ctx.report({
      message: '`exec_command` runs its string in the remote shell; quote every part that comes from outside (`shlex.quote`)',
      node: calleeNode(call),
      scopeNode: call,
    });
  },
});
