import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { isBareStringStatement, literalText, wholeLiteral } from './stringContext';

/** Directory prefixes without a trailing slash (`/tmp/` in the config means `/tmp`). */
function tmpDirs(dirs: readonly string[]): string[] {
  return dirs.map((d) => (d.length > 1 ? d.replace(/\/+$/, '') : d)).filter((d) => d.length > 0);
}

/** Methods whose string argument is a pattern to compare against, not a path that is used. */
const COMPARISON_METHODS = new Set(['startswith', 'endswith', 'removeprefix', 'removesuffix', 'replace', 'find', 'index', 'count', 'split']);

function isComparisonArgument(literal: Node): boolean {
  const list = literal.parent;
  if (list?.type !== 'argument_list') return false;
  const fn = list.parent?.childForFieldName('function');
  const attr = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
  return !!attr && COMPARISON_METHODS.has(attr.text);
}

export default defineRule({
  code: 'B108',
  name: 'hardcoded-tmp',
  summary: 'paths under `/tmp`, `/var/tmp`, `/dev/shm`',
  severity: 'warning',
  confidence: 'medium',
  cwe: 377,
  fix: 'none',
  fixSafety: 'none',
  match: { strings: (config) => tmpDirs(config.tmpDirs) },
  docs: {
    whatItDoes:
      'Flags string literals (and f-strings by their leading text) that are a path in a shared temporary directory: `/tmp`, `/var/tmp`, `/dev/shm` by default — the directory itself or anything under it (`/tmp/x`), not a look-alike such as `/tmpfoo`.',
    whyBad:
      'Every user and process on the machine can create files in these directories. A fixed name there can be created first — as a symlink to a file you own, or with content of the attacker\'s choice — so your job overwrites the wrong file or reads planted data (a pickled "cache", a checkpoint). On shared GPU nodes this is a real neighbour, not a theory.',
    example: 'import torch\n\ntorch.save(model.state_dict(), "/tmp/model.pt")',
    useInstead: 'import tempfile\nimport os\nimport torch\n\nwith tempfile.TemporaryDirectory() as tmp:\n    torch.save(model.state_dict(), os.path.join(tmp, "model.pt"))',
    fixSafety: "No fix: the right replacement (`tempfile.mkstemp`, `tempfile.TemporaryDirectory`, a directory under the project) depends on the file's lifetime.",
    options:
      "`tmp-dirs` (`[tool.mlsec]`) or Bandit's `hardcoded_tmp_directory.tmp_dirs`: the directories treated as shared. Heuristics that keep prose and patterns out: a string with whitespace in it (a sentence that mentions /tmp, a shell command) is not reported; nor are docstrings and other strings that are statements of their own; nor the argument of `startswith`, `endswith`, `removeprefix`, `replace`, `split` and similar string methods (a comparison, not a use); nor a literal whose source text does not spell the directory (escape sequences), nor bytes literals. Implicit concatenations are judged as a whole.",
    differencesFromBandit:
      'Bandit reports every string that starts with a temp folder\'s letters, `"/tmpfoo"` and prose such as `"/tmp is cleaned at boot"` included, and the prefix in `path.startswith("/tmp/")`; mlsec reports paths inside the folder. Because mlsec reports fewer, ML904 never calls a `# nosec B108` unused.',
    references: ['https://docs.python.org/3/library/tempfile.html', 'https://bandit.readthedocs.io/en/latest/plugins/b108_hardcoded_tmp_directory.html', cweUrl(377)],
  },
  check(node: Node, ctx: RuleContext) {
    const literal = wholeLiteral(node);
    if (!literal || isBareStringStatement(literal) || isComparisonArgument(literal)) return;
    const value = literalText(literal, ctx);
    // Whitespace anywhere in the literal's own text (interpolations aside) means prose or a command line.
    const parts = literal.type === 'concatenated_string' ? literal.namedChildren.filter((c): c is Node => c?.type === 'string') : [literal];
    if (!value || parts.some((p) => /\s/.test(p.text.replace(/\{[^{}]*\}/g, '')))) return;
    for (const dir of tmpDirs(ctx.config.tmpDirs)) {
      // `f"/tmp{x}"` might be `/tmpfoo`: the bare directory counts only when the whole value is known.
      const under = value.text === dir ? value.complete : value.text.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
      if (!under || !literal.text.includes(dir)) continue;
      ctx.report({
        message: `Hard-coded path in the shared temporary directory ${dir}: another user can create it first; use the \`tempfile\` module`,
        node: literal,
        scopeNode: literal,
      });
      return;
    }
  },
});
