import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { calleeNode } from './argState';
import { SUBPROCESS_CALLS, shellArgument } from './shellCommand';

export default defineRule({
  code: 'B603',
  name: 'subprocess-without-shell-equals-true',
  summary: '`subprocess.*` without a shell (a reminder to check the arguments)',
  severity: 'information',
  confidence: 'high',
  cwe: 78,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: [...SUBPROCESS_CALLS] },
  docs: {
    whatItDoes:
      'Flags `subprocess.Popen`, `call`, `check_call`, `check_output` and `run` when they run without a shell: no `shell` argument, or `shell` set to a false value (`False`, `0`, `None`). It is the counterpart of B602: every such call gets exactly one of the two.',
    whyBad:
      'Without a shell there is no shell injection, but the call still runs a program. If the program name or its arguments come from data (a config file, a request, a model card) an attacker may choose what runs, or pass options such as `--output=/etc/…` to a trusted program. The finding is a reminder to check where the argument list comes from; it is off in the default profile.',
    example: 'import subprocess\n\nsubprocess.run([tool, "--input", path], check=True)',
    useInstead: 'import subprocess\n\nALLOWED = {"ffmpeg": "/usr/bin/ffmpeg"}\nsubprocess.run([ALLOWED[tool], "--input", "--", path], check=True)',
    differencesFromBandit:
      'Bandit reads only a `shell=` keyword written in the call. mlsec also reads a `**` dictionary known statically (`opts = {"shell": True}; subprocess.run(cmd, **opts)`) and `Popen`\'s 9th positional argument: when either turns the shell on, the call is reported by B602 instead of B603, so each call gets the finding that describes it.',
    fixSafety: 'No fix: nothing is wrong with the call itself; only its inputs can be.',
    options: 'Off in the default profile (select `B603` to turn it on); on in the `bandit` profile. A `shell` value hidden in an unknown `**kwargs` counts as no shell, as in Bandit.',
    references: [
      'https://docs.python.org/3/library/subprocess.html#security-considerations',
      'https://bandit.readthedocs.io/en/latest/plugins/b603_subprocess_without_shell_equals_true.html',
      cweUrl(78),
    ],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (!callee || !SUBPROCESS_CALLS.has(callee)) return;
    const shell = shellArgument(call, callee, ctx);
    // A true or unknown shell is B602's finding.
    if (shell.state === 'true' || shell.state === 'unknown') return;
    ctx.report({
      message: `\`${callee}\` runs a program without a shell: check that the program and its arguments cannot come from untrusted input`,
      node: calleeNode(call),
      scopeNode: call,
    });
  },
});
