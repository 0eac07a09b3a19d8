import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { PROCESS_CALLS } from './shellCommand';

/** A path Bandit counts as full: a drive letter (`C:`), or a leading `/`, `\` or `.`. */
const FULL_PATH = /^(?:[A-Za-z](?=:)|[\\/.])/;

/** The node naming the program: the first positional argument, or the first element of a list or tuple. */
function programNode(call: Node, ctx: RuleContext): Node | undefined {
  const args = ctx.args(call);
  // A `*args` first hides which argument is the program.
  if (args.listSplats.length > 0 && args.listSplats[0].startIndex < (args.positional[0]?.startIndex ?? Infinity)) return undefined;
  const first = args.positional[0];
  if (!first) return undefined;
  if (first.type === 'list' || first.type === 'tuple') {
    const head = first.namedChildren.find((c) => c && c.type !== 'comment');
    return head && head.type !== 'list_splat' ? head : undefined;
  }
  return first;
}

export default defineRule({
  code: 'B607',
  name: 'start-process-with-partial-path',
  summary: 'a process started by a bare program name (looked up on `PATH`)',
  severity: 'information',
  confidence: 'high',
  cwe: 78,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: [...PROCESS_CALLS] },
  docs: {
    whatItDoes:
      'Flags a process-starting call (`subprocess.*`, `os.system`, `os.popen`, `os.exec*`, `os.spawn*`, …) whose program — the first argument, or the first element of an argument list — is a string constant that is not a full path: it does not start with `/`, `\\`, `.` or a drive letter.',
    whyBad:
      'A bare name such as `"git"` is looked up on `PATH` (or, for a shell, interpreted by it). Whoever controls `PATH` or the working directory of the job — a compromised virtualenv, a writable directory early in `PATH`, a container image — chooses which program actually runs.',
    example: 'import subprocess\n\nsubprocess.run(["nvidia-smi", "--query-gpu=memory.used", "--format=csv"], check=True)',
    useInstead:
      'import shutil\nimport subprocess\n\nnvidia_smi = shutil.which("nvidia-smi") or "/usr/bin/nvidia-smi"\nsubprocess.run([nvidia_smi, "--query-gpu=memory.used", "--format=csv"], check=True)',
    fixSafety: 'No fix: the right absolute path depends on the machine the code runs on.',
    options:
      'Off in the default profile (select `B607` to turn it on); on in the `bandit` profile. A program held in a name bound once to a string constant counts as that constant; a tuple of arguments is read like a list.',
    references: ['https://docs.python.org/3/library/subprocess.html#subprocess.Popen', 'https://bandit.readthedocs.io/en/latest/plugins/b607_start_process_with_partial_path.html', cweUrl(78)],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (!callee || !PROCESS_CALLS.has(callee)) return;
    const node = programNode(call, ctx);
    if (!node) return;
    const value = ctx.evaluate(node);
    if (value.kind !== 'str' || FULL_PATH.test(value.value)) return;
    const program = value.value.trim().split(/\s+/)[0] ?? '';
    ctx.report({
      message: `\`${callee}\` starts \`${program.length > 40 ? program.slice(0, 40) + '…' : program}\` by a partial path, looked up on PATH; use an absolute path`,
      node,
      scopeNode: call,
    });
  },
});
