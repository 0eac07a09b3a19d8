import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { isBytesLiteral as isBytes, isFString } from './stringContext';

/** Bandit's shapes of an SQL statement, anywhere in the text, any case, across lines. */
const SQL_STATEMENT = /select\s.*from\s|delete\s+from\s|insert\s+into\s.*values[\s(]|update\s.*set\s/is;
/**
 * The statement's first keyword as SQL is written: lower case, upper case or capitalized. The file must
 * contain one of these for the rule to run (a mixed-case `sElEcT` is not SQL anyone writes).
 */
const SQL_KEYWORDS = ['select', 'delete', 'insert', 'update'].flatMap((w) => [w, w.toUpperCase(), w[0].toUpperCase() + w.slice(1)]);
const KEYWORD_WRITTEN = new RegExp(SQL_KEYWORDS.join('|'));

/** Calls whose name says they run a query: the query built in their argument gets medium confidence. */
const EXECUTE_NAMES = new Set(['execute', 'executemany']);

/** The expression around `node`, past parentheses (which Python's syntax tree does not keep). */
function outer(node: Node): Node | null {
  let p = node.parent;
  while (p && p.type === 'parenthesized_expression') p = p.parent;
  return p;
}

/** The expression inside any parentheses. */
function inner(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren.length === 1 && n.namedChildren[0]) n = n.namedChildren[0];
  return n;
}

/** The literal parts of an f-string, joined as Python joins them (no separator). */
function fStringText(node: Node): string {
  const parts: string[] = [];
  const visit = (n: Node): void => {
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'string_content') parts.push(c.text);
      else if (c.type === 'string' || c.type === 'concatenated_string') visit(c);
    }
  };
  if (node.type === 'string') visit(node);
  else visit(node);
  return parts.join('');
}

/** The plain string operands of a chain of binary operators (`"a" + b + "c"`, `"… %s" % x`), in order. */
function chainStrings(node: Node, out: Node[]): void {
  const n = inner(node);
  if (n.type === 'binary_operator') {
    for (const side of ['left', 'right']) {
      const c = n.childForFieldName(side);
      if (c) chainStrings(c, out);
    }
  } else if ((n.type === 'string' || n.type === 'concatenated_string') && !isFString(n) && !isBytes(n)) {
    out.push(n);
  }
}

/** Whether `wrapper` is the argument list of a call named `execute`/`executemany` (positional argument). */
function inExecuteCall(wrapper: Node | null): boolean {
  if (!wrapper || wrapper.type !== 'argument_list') return false;
  const fn = wrapper.parent?.childForFieldName('function');
  if (!fn) return false;
  const name = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn.type === 'identifier' ? fn.text : undefined;
  return !!name && EXECUTE_NAMES.has(name);
}

/** Whether two handles denote the same node (web-tree-sitter hands out a new object each time). */
function same(a: Node | null | undefined, b: Node): boolean {
  return !!a && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
}

interface Candidate {
  statement: string;
  /** The expression that builds the query: the operator chain, the `.format()` call or the f-string. */
  built: Node;
  execute: boolean;
}

function candidate(unit: Node, ctx: RuleContext): Candidate | undefined {
  if (isFString(unit)) return { statement: fStringText(unit), built: unit, execute: inExecuteCall(outer(unit)) };
  const parent = outer(unit);
  if (!parent) return undefined;
  if (parent.type === 'binary_operator') {
    let root = parent;
    for (let up = outer(root); up && up.type === 'binary_operator'; up = outer(root)) root = up;
    const strings: Node[] = [];
    chainStrings(root, strings);
    // One finding per chain, made from its first string.
    if (!same(strings[0], unit)) return undefined;
    const texts = strings.map((s) => {
      const v = ctx.evaluate(s);
      return v.kind === 'str' ? v.value : s.text;
    });
    return { statement: texts.join(' '), built: root, execute: inExecuteCall(outer(root)) };
  }
  if (parent.type === 'attribute' && same(inner(parent.childForFieldName('object') ?? parent), unit)) {
    const method = parent.childForFieldName('attribute')?.text;
    if (method !== 'format' && method !== 'replace') return undefined;
    const v = ctx.evaluate(unit);
    const call = parent.parent?.type === 'call' ? parent.parent : parent;
    // `.replace()` may be escaping, not building: low confidence, as in Bandit.
    return { statement: v.kind === 'str' ? v.value : unit.text, built: call, execute: method === 'format' && inExecuteCall(outer(call)) };
  }
  return undefined;
}

export default defineRule({
  code: 'B608',
  name: 'hardcoded-sql-expressions',
  summary: 'an SQL statement built with `+`, `%`, `.format()` or an f-string',
  severity: 'warning',
  confidence: 'medium',
  cwe: 89,
  fix: 'none',
  fixSafety: 'none',
  // The statement `check` judges holds a keyword: in the string handed over or in a literal joined
  // to it (a `+`/`%` chain, an implicit concatenation, the receiver of `.format`), so only those
  // strings are candidates.
  match: { nodes: ['string'], text: SQL_KEYWORDS, textIn: 'node' },
  docs: {
    whatItDoes:
      'Flags a string that looks like an SQL statement (`SELECT … FROM`, `DELETE FROM`, `INSERT INTO … VALUES`, `UPDATE … SET`; one of those keywords written in lower case, upper case or capitalized, the rest in any case) when it is built at run time: an operand of `+` or `%` (the literal parts of the whole chain are read together), the object of `.format()` or `.replace()`, or an f-string. Confidence is medium when the result is passed straight to a call named `execute` or `executemany`, low otherwise.',
    whyBad:
      'A value pasted into the text of a query becomes part of the query. A run name, a dataset split or a label containing a quote can end the string and add its own SQL: reading other tables of an experiment-tracking database, or deleting them. Database drivers take the values separately (query parameters) and never mix them into the SQL text.',
    example: 'cursor.execute(f"SELECT * FROM runs WHERE name = \'{run_name}\'")',
    useInstead: 'cursor.execute("SELECT * FROM runs WHERE name = ?", (run_name,))\n# table or column names cannot be parameters: pick them from a fixed set',
    differencesFromBandit:
      'Bandit matches the SQL keywords in any mix of cases. mlsec needs one of `select`, `delete`, `insert`, `update` written in lower case, upper case or capitalized (`select`, `SELECT`, `Select`): a string such as `"sElEcT * fRoM t" % x` is not reported. This lets files without any SQL keyword skip the check entirely.',
    fixSafety: 'No fix: the placeholder style (`?`, `%s`, `:name`) depends on the database driver.',
    options: 'None. Like Bandit, the check reads the text, not the values: a query built only from constants is reported too, and a query assembled in several statements is not.',
    references: ['https://bandit.readthedocs.io/en/latest/plugins/b608_hardcoded_sql_expressions.html', 'https://owasp.org/www-community/attacks/SQL_Injection', cweUrl(89)],
  },
  check(str: Node, ctx: RuleContext) {
    // An implicit concatenation is one literal: judge it once, from its first part.
    let unit = str;
    if (str.parent?.type === 'concatenated_string') {
      // firstNamedChild, not namedChildren[0]: a literal of n parts (pydoc_data/topics.py) would cost n².
      if (!same(str.parent.firstNamedChild, str)) return;
      unit = str.parent;
    }
    // The literal parts of an f-string nested in another f-string are judged with the outer one.
    if (unit.parent?.type === 'interpolation' || unit.parent?.type === 'format_specifier') return;
    if (isBytes(unit)) return;
    const c = candidate(unit, ctx);
    if (!c || !SQL_STATEMENT.test(c.statement) || !KEYWORD_WRITTEN.test(c.statement)) return;
    ctx.report({
      message: 'SQL statement built from strings at run time: values pasted into it can inject SQL; pass them as query parameters',
      node: c.built,
      scopeNode: c.built,
      confidence: c.execute ? 'medium' : 'low',
    });
  },
});
