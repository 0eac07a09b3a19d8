import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { SHELL_RUNNERS, SUBPROCESS_CALLS, shellArgument } from './shellCommand';

/** Programs whose options can be smuggled in as file names that a `*` expands to. */
const WILDCARD_PRONE = ['chown', 'chmod', 'tar', 'rsync'];

/** The command text: a string, or the words of a list joined by spaces (names by their own text, as Bandit). */
function commandText(node: Node, ctx: RuleContext): string {
  if (node.type === 'list') {
    return node.namedChildren
      .filter((c): c is Node => !!c && c.type !== 'comment')
      .map((c) => {
        const v = ctx.evaluate(c);
        return v.kind === 'str' ? v.value : c.type === 'identifier' ? c.text : '';
      })
      .join(' ');
  }
  const v = ctx.evaluate(node);
  return v.kind === 'str' ? v.value : '';
}

export default defineRule({
  code: 'B609',
  name: 'linux-commands-wildcard-injection',
  summary: '`chown`, `chmod`, `tar`, `rsync` with a `*` run through a shell',
  severity: 'error',
  confidence: 'medium',
  cwe: 155,
  fix: 'none',
  fixSafety: 'none',
  // Every finding needs a `*` in the command, so a file without one is skipped.
  match: { calls: [...SHELL_RUNNERS, ...SUBPROCESS_CALLS], text: ['*'] },
  docs: {
    whatItDoes:
      'Flags a command run through a shell (`os.system`, `os.popen`, `subprocess.getoutput`, …, or `subprocess.*` with `shell=True`) whose first argument — a string, or a list of strings — mentions `chown`, `chmod`, `tar` or `rsync` together with a `*`. As in Bandit, the program names are matched anywhere in the text (`start` contains `tar`).',
    whyBad:
      'The shell expands `*` to the file names in the directory. Anyone who can create a file there can name it like an option — `--checkpoint-action=exec=sh x.sh` for `tar`, `--reference=evil` for `chown`/`chmod`, `-e sh x.sh` for `rsync` — and the program reads it as one, running their command or changing other files.',
    example: 'import os\n\nos.system("tar czf /backups/ckpt.tgz *")',
    useInstead: 'import subprocess\n\nsubprocess.run(["tar", "czf", "/backups/ckpt.tgz", "--", "."], check=True)\n# or list the files in Python and pass them after "--"',
    fixSafety: 'No fix: what the wildcard should match is for you to say.',
    options: 'None. A command held in a name bound once to a string constant counts as that constant.',
    references: ['https://bandit.readthedocs.io/en/latest/plugins/b609_linux_commands_wildcard_injection.html', 'https://www.exploit-db.com/papers/33930', cweUrl(155)],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (!callee) return;
    if (!SHELL_RUNNERS.has(callee) && !(SUBPROCESS_CALLS.has(callee) && shellArgument(call, callee, ctx).state === 'true')) return;
    const args = ctx.args(call);
    if (args.listSplats.length > 0 && args.listSplats[0].startIndex < (args.positional[0]?.startIndex ?? Infinity)) return;
    const first = args.positional[0];
    if (!first) return;
    const text = commandText(first, ctx);
    if (!text.includes('*')) return;
    const program = WILDCARD_PRONE.find((p) => text.includes(p));
    if (!program) return;
    ctx.report({
      message: `\`${callee}\` runs a \`${program}\` command with a \`*\` through a shell: a file named like an option can inject arguments`,
      node: first,
      scopeNode: call,
    });
  },
});
