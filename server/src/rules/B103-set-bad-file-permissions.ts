import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { argumentNode, calleeNode } from './argState';
import { calleeLastName } from './fileImports';

/** The `stat` module's permission bits, by name. */
const STAT_BITS: Readonly<Record<string, number>> = {
  S_ISUID: 0o4000,
  S_ISGID: 0o2000,
  S_ISVTX: 0o1000,
  S_IRWXU: 0o700,
  S_IRUSR: 0o400,
  S_IWUSR: 0o200,
  S_IXUSR: 0o100,
  S_IRWXG: 0o70,
  S_IRGRP: 0o40,
  S_IWGRP: 0o20,
  S_IXGRP: 0o10,
  S_IRWXO: 0o7,
  S_IROTH: 0o4,
  S_IWOTH: 0o2,
  S_IXOTH: 0o1,
  S_IREAD: 0o400,
  S_IWRITE: 0o200,
  S_IEXEC: 0o100,
};
/** Bandit's mask: group or others may write, or execute. */
const DANGEROUS = 0o2 | 0o20 | 0o10 | 0o1;
const WORLD_WRITABLE = 0o2;

/**
 * The mode an expression spells, when it is made only of integer literals and `stat.S_I*` constants
 * combined with `|`, `+`, `&`, `^`, `~` (and names bound once to such a value).
 */
function staticMode(expr: Node, ctx: RuleContext, depth = 0): number | undefined {
  if (depth > 50) return undefined;
  switch (expr.type) {
    case 'integer': {
      const n = Number(expr.text.replace(/_/g, ''));
      return Number.isInteger(n) ? n : undefined;
    }
    case 'parenthesized_expression': {
      const inner = expr.namedChildren.find((c) => c?.type !== 'comment');
      return inner ? staticMode(inner, ctx, depth + 1) : undefined;
    }
    case 'unary_operator': {
      const arg = expr.childForFieldName('argument');
      const v = arg ? staticMode(arg, ctx, depth + 1) : undefined;
      // Modes are at most 12 bits; `~x` is read within them.
      return v !== undefined && expr.childForFieldName('operator')?.text === '~' ? ~v & 0o7777 : undefined;
    }
    case 'binary_operator': {
      const left = expr.childForFieldName('left');
      const right = expr.childForFieldName('right');
      const l = left ? staticMode(left, ctx, depth + 1) : undefined;
      const r = right ? staticMode(right, ctx, depth + 1) : undefined;
      if (l === undefined || r === undefined) return undefined;
      switch (expr.childForFieldName('operator')?.text) {
        case '|':
          return l | r;
        case '+':
          return l + r;
        case '&':
          return l & r;
        case '^':
          return l ^ r;
        default:
          return undefined;
      }
    }
    case 'identifier':
    case 'attribute': {
      const name = ctx.qualifiedName(expr);
      if (name?.startsWith('stat.') && name.slice(5) in STAT_BITS) return STAT_BITS[name.slice(5)];
      const v = ctx.evaluate(expr);
      return v.kind === 'num' && Number.isInteger(v.value) ? v.value : undefined;
    }
    default:
      return undefined;
  }
}

export default defineRule({
  code: 'B103',
  name: 'set-bad-file-permissions',
  summary: '`chmod` with a mode that lets group or others write or execute',
  severity: 'warning',
  confidence: 'high',
  cwe: 732,
  fix: 'none',
  fixSafety: 'none',
  match: { nodes: ['call'], text: ['chmod'] },
  docs: {
    whatItDoes:
      'Flags `os.chmod`, `os.fchmod`, `os.lchmod` — any call whose function name contains `chmod`, as Bandit does — when the mode is statically known and lets the group or others write (`0o020`, `0o002`) or execute (`0o010`, `0o001`) the file. The mode may be an integer literal, `stat.S_I*` constants combined with `|` (`stat.S_IRWXU | stat.S_IRWXO`), or a name bound once to such a value. It is an error when others may write, a warning otherwise.',
    whyBad:
      'A world-writable checkpoint, config or script can be replaced by any local user or any process in a shared container — the next job then loads their model or runs their code. Executable bits on data files widen what a mistaken or hostile path can run.',
    example: 'import os\n\nos.chmod("/shared/ckpt/model.pt", 0o777)',
    useInstead: 'import os\n\nos.chmod("/shared/ckpt/model.pt", 0o640)  # owner read/write, group read',
    fixSafety: 'No fix: the right permissions depend on who must read the file.',
    options: "None. Bandit's own check reads only an integer literal as the second positional argument; mlsec also reads `stat` constants, `mode=` and names bound to a mode.",
    references: ['https://docs.python.org/3/library/os.html#os.chmod', 'https://bandit.readthedocs.io/en/latest/plugins/b103_set_bad_file_permissions.html', cweUrl(732)],
  },
  check(call: Node, ctx: RuleContext) {
    const last = calleeLastName(call);
    const resolved = ctx.calleeName(call)?.split('.').pop();
    if (!last?.includes('chmod') && !resolved?.includes('chmod')) return;
    const args = ctx.args(call);
    // (path, mode): Bandit requires exactly two positional arguments; `mode=` is read as well.
    const modeNode = args.positional.length === 2 && args.listSplats.length === 0 ? args.positional[1] : argumentNode(call, ctx, 'mode');
    if (!modeNode) return;
    const mode = staticMode(modeNode, ctx);
    if (mode === undefined || (mode & DANGEROUS) === 0) return;
    const who = mode & WORLD_WRITABLE ? 'anyone can write it' : mode & 0o20 ? 'its group can write it' : 'group or others can execute it';
    const name = ctx.calleeName(call) ?? calleeNode(call).text;
    ctx.report({
      message: `\`${name}\` sets mode 0o${mode.toString(8)}: ${who}`,
      node: modeNode,
      scopeNode: call,
      severity: mode & WORLD_WRITABLE ? 'error' : 'warning',
    });
  },
});
