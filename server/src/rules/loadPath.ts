// The file a loading call reads, when the code spells it out: a string literal, `Path("…")` (also
// joined with `/`), `os.path.join` of literals, or `open("…")` handed to `pickle.load`. Only the
// text is evaluated, never the file system: the model scan's verdict for that path is looked up
// later, when findings are shown (models/loadTarget.ts).
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from './rule';

const PATH_CLASSES = new Set(['pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath', 'pathlib.PurePosixPath', 'pathlib.WindowsPath', 'pathlib.PureWindowsPath']);
const JOINS = new Set(['os.path.join', 'posixpath.join']);
const OPENERS = new Set(['open', 'builtins.open', 'io.open']);

function join(parts: string[]): string {
  // os.path.join semantics: an absolute part restarts the path.
  let out = '';
  for (const p of parts) out = p.startsWith('/') || out === '' ? p : out.endsWith('/') ? out + p : `${out}/${p}`;
  return out;
}

/** The path `expr` evaluates to, when it is spelled out in the code; undefined otherwise. */
export function staticPath(expr: Node | null | undefined, ctx: RuleContext, depth = 0): string | undefined {
  if (!expr || depth > 8) return undefined;
  if (expr.type === 'parenthesized_expression') return staticPath(expr.namedChild(0), ctx, depth + 1);
  if (expr.type === 'string' || expr.type === 'concatenated_string') {
    const v = ctx.evaluate(expr);
    return v.kind === 'str' && v.value !== '' ? v.value : undefined;
  }
  if (expr.type === 'binary_operator' && expr.childForFieldName('operator')?.text === '/') {
    const left = staticPath(expr.childForFieldName('left'), ctx, depth + 1);
    const right = staticPath(expr.childForFieldName('right'), ctx, depth + 1);
    return left !== undefined && right !== undefined ? join([left, right]) : undefined;
  }
  if (expr.type === 'call') {
    const callee = ctx.calleeName(expr);
    const args = ctx.args(expr);
    if (!callee || args.listSplats.length > 0 || args.dictSplats.length > 0) return undefined;
    if (PATH_CLASSES.has(callee) || JOINS.has(callee)) {
      if (args.keywords.size > 0 || args.positional.length === 0) return undefined;
      const parts = args.positional.map((a) => staticPath(a, ctx, depth + 1));
      return parts.every((p): p is string => p !== undefined) ? join(parts) : undefined;
    }
    if (OPENERS.has(callee)) return staticPath(args.positional[0] ?? args.keywords.get('file')?.value, ctx, depth + 1);
    return undefined;
  }
  if (expr.type === 'identifier') {
    // A name bound once to a literal in the same scope counts as that literal (as for other rules).
    const v = ctx.evaluate(expr);
    return v.kind === 'str' && v.value !== '' ? v.value : undefined;
  }
  return undefined;
}

/** The path argument of a loading call: its first positional argument or the named keyword. */
export function loadPathOf(call: Node, ctx: RuleContext, keyword: string): string | undefined {
  const args = ctx.args(call);
  return staticPath(args.positional[0] ?? args.keywords.get(keyword)?.value, ctx);
}
