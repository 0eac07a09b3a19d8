// Shared by B105–B107 (Bandit's general_hardcoded_password plugin): which names look like they hold a
// secret, and which expressions are a hard-coded string.
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from './rule';

/**
 * Bandit 1.9.4's test, restated: one of the secret words (`password`, `passwd`, `pwd`, `pass`,
 * `passphrase`, `token`, `secret`, `secrete`, with `pas+wo?r?d` spellings) as the whole name, or as
 * a `_`-separated part of it (`db_password`, `pad_token`, `token_id`), in any case.
 */
const SECRET_WORD = '(?:pas+wo?r?d|pass(?:phrase)?|pwd|token|secrete?)';
const SECRET_NAME = new RegExp(`(?:^${SECRET_WORD}$|_${SECRET_WORD}_|^${SECRET_WORD}_|_${SECRET_WORD}$)`, 'i');

/**
 * Every name the test accepts holds one of `pas`, `pwd`, `token`, `secret` in some mix of case; the
 * pre-filter's substrings are case-sensitive, so all spellings are listed (112 in all). Files without
 * any are skipped, which keeps the three rules from walking every file.
 */
export const SECRET_TEXT: readonly string[] = ['pas', 'pwd', 'token', 'secret'].flatMap(caseVariants);

function caseVariants(word: string): string[] {
  let variants = [''];
  for (const ch of word) variants = variants.flatMap((v) => [v + ch.toLowerCase(), v + ch.toUpperCase()]);
  return variants;
}

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Whether `node` is written as a plain (non-bytes, non-interpolating) string literal. */
export function isStringLiteral(node: Node | null | undefined, ctx: RuleContext): node is Node {
  node = unparenthesized(node);
  if (!node || (node.type !== 'string' && node.type !== 'concatenated_string')) return false;
  return ctx.evaluate(node).kind === 'str';
}

/** Whether `node` is a literal constant of any kind (Bandit's `ast.Constant`: strings, bytes, numbers, True/False/None). */
export function isConstant(node: Node | null | undefined): boolean {
  node = unparenthesized(node);
  if (!node) return false;
  if (['integer', 'float', 'true', 'false', 'none', 'ellipsis'].includes(node.type)) return true;
  if (node.type === 'concatenated_string') return node.namedChildren.every((c) => !c || c.type === 'comment' || isConstant(c));
  if (node.type === 'string') return !node.namedChildren.some((c) => c?.type === 'interpolation');
  return false;
}

/** The name a target or operand spells: an identifier, or the attribute of `obj.attr`. */
export function targetName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text;
  return undefined;
}

/** `("a" "b")` is the literal itself for Python's parser: look through the parentheses. */
function unparenthesized(node: Node | null | undefined): Node | null | undefined {
  let n = node;
  for (let depth = 0; n?.type === 'parenthesized_expression' && depth < 50; depth++) {
    n = n.namedChildren.find((c) => c?.type !== 'comment');
  }
  return n;
}
