// B110 / B112: an `except` clause whose body does nothing but `pass` / `continue`.
import type { Node } from 'web-tree-sitter';
import type { Range } from '../analysis/types';
import type { RuleContext } from './rule';

const BROAD = new Set(['builtins.Exception', 'builtins.BaseException']);

/** The expressions after `except` (a tuple is unpacked), without an `as` target. */
function caughtTypes(clause: Node): Node[] | null {
  let expr = clause.namedChildren.find((c) => c && c.type !== 'comment' && c.type !== 'block') ?? null;
  if (!expr) return null; // bare `except:`
  if (expr.type === 'as_pattern') expr = expr.namedChildren[0] ?? null;
  if (!expr) return null;
  if (expr.type === 'parenthesized_expression') expr = expr.namedChildren.find((c) => c?.type !== 'comment') ?? expr;
  if (expr.type === 'tuple') return expr.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  return [expr];
}

/** Bandit's default: a bare `except:` or one that names `Exception` / `BaseException` is broad. */
export function isBroadExcept(clause: Node, ctx: RuleContext): boolean {
  const types = caughtTypes(clause);
  if (types === null) return true;
  return types.some((t) => {
    if (t.type !== 'identifier' && t.type !== 'attribute') return false;
    const q = ctx.qualifiedName(t);
    // Unbound `Exception` resolves to `builtins.Exception`; a local rebinding resolves elsewhere or to nothing.
    return !!q && BROAD.has(q);
  });
}

/** The single statement type of the clause's body, when the body is exactly one statement. */
export function onlyStatement(clause: Node): string | undefined {
  const block = clause.namedChildren.find((c) => c?.type === 'block');
  if (!block) return undefined;
  const stmts = block.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  return stmts.length === 1 ? stmts[0].type : undefined;
}

/** `except ...:` — from the keyword to the colon, so the range stays on the header line. */
export function headerRange(clause: Node): Range {
  const colon = clause.children.find((c) => c?.type === ':');
  const end = colon ?? clause;
  return {
    start: { line: clause.startPosition.row, character: clause.startPosition.column },
    end: { line: end.endPosition.row, character: end.endPosition.column },
  };
}
