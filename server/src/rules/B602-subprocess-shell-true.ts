import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { replaceNode } from '../fixes/edits';
import { removeArgument } from '../fixes/removeArgument';
import { addModuleImport, hasPlainImport, moduleRoot } from '../fixes/imports';
import { argState, calleeNode, argumentNode } from './argState';
import { isConstantCommand, isPlainCommand, SUBPROCESS_CALLS } from './shellCommand';
import type { Fix } from '../analysis/types';

/** `["ls", "-l"]`: a list or tuple of string literals, nothing built at run time. */
function isLiteralArgv(node: Node, ctx: RuleContext): boolean {
  if (node.type !== 'list' && node.type !== 'tuple') return false;
  return node.namedChildren.every((c) => !c || c.type === 'comment' || ctx.evaluate(c).kind === 'str');
}

export default defineRule({
  code: 'B602',
  name: 'subprocess-shell-true',
  summary: '`subprocess.*` with `shell=True`',
  severity: 'error',
  confidence: 'high',
  cwe: 78,
  // The fix looks for `shlex` anywhere in the file and adds `import shlex` at the top.
  readsWholeFile: true,
  fix: 'sometimes',
  fixSafety: 'unsafe',
  match: { calls: [...SUBPROCESS_CALLS] },
  docs: {
    whatItDoes:
      'Flags `subprocess.Popen`, `call`, `check_call`, `check_output` and `run` with `shell=True`, or with a `shell` value that cannot be evaluated statically (low confidence). The finding is an error when the command is built at run time (an f-string, a variable, a concatenation) and a warning when it is a constant string.',
    whyBad:
      'With `shell=True` the command string goes to `/bin/sh`, which interprets `;`, `|`, `$(…)`, backticks and globs. A bucket name, a file name or a model id that reaches the string can then run any command. Passing a list of arguments without a shell removes the interpreter from the path.',
    example: 'import subprocess\n\nsubprocess.run(f"aws s3 sync {local_dir} s3://{bucket}", shell=True, check=True)',
    useInstead: 'import subprocess\n\nsubprocess.run(["aws", "s3", "sync", local_dir, f"s3://{bucket}"], check=True)',
    fixSafety:
      'When the command is a string literal without shell metacharacters (no quotes, `$`, `|`, `;`, `&`, redirections, globs, `~`, and no leading `VAR=value`), the fix wraps it in `shlex.split(…)`, removes `shell=True` and adds `import shlex` if the module lacks it (no fix when the file uses the name `shlex` for something other than a top-level `import shlex`). It is unsafe: the program is now looked up on `PATH` without a shell, so shell built-ins and aliases stop working. Commands built at run time get no fix: split them into a list by hand.',
    options: 'None. A `shell` value that cannot be evaluated statically is reported at low confidence. Calls without `shell` (or with `shell=False`) are not reported.',
    references: [
      'https://docs.python.org/3/library/subprocess.html#security-considerations',
      'https://bandit.readthedocs.io/en/latest/plugins/b602_subprocess_popen_with_shell_equals_true.html',
      cweUrl(78),
    ],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (!callee || !SUBPROCESS_CALLS.has(callee)) return;
    const shell = argState(call, ctx, 'shell', callee === 'subprocess.Popen' ? 8 : undefined);
    if (shell.kind === 'absent' || shell.kind === 'unknown-splat' || shell.truth === false) return;
    const cmdNode = argumentNode(call, ctx, 'args', 0);
    const cmd = cmdNode ? ctx.evaluate(cmdNode) : undefined;
    const constant = !!cmdNode && !!cmd && (isConstantCommand(cmd) || isLiteralArgv(cmdNode, ctx));
    const fixes: Fix[] = [];
    const root = moduleRoot(call);
    // `shlex` must mean the module: either imported plainly at the top, or not used at all in the file.
    const shlexFree = hasPlainImport(root, 'shlex') || !/\bshlex\b/.test(ctx.text);
    if (shell.kind === 'keyword' && shell.truth === true && cmdNode && cmd && isPlainCommand(cmd) && cmdNode.type === 'string' && shlexFree) {
      fixes.push({
        title: 'Split the command with shlex.split and drop shell=True',
        safety: 'unsafe',
        edits: [...addModuleImport(root, 'shlex', ctx.text), replaceNode(cmdNode, `shlex.split(${cmdNode.text})`), ...removeArgument(call, shell.kw.node)],
      });
    }
    const how = shell.truth === true ? 'with `shell=True`' : 'with a `shell` value that may be true';
    ctx.report({
      message: constant
        ? `\`${callee}\` ${how} runs the command through /bin/sh; pass a list of arguments instead`
        : `\`${callee}\` ${how} runs a command built at run time through /bin/sh: shell injection; pass a list of arguments instead`,
      node: shell.kind === 'keyword' ? shell.kw.node : shell.kind === 'positional' ? shell.node : calleeNode(call),
      scopeNode: call,
      severity: constant ? 'warning' : 'error',
      confidence: shell.truth === true ? 'high' : 'low',
      fixes,
    });
  },
});
