// Some Bandit plugins ask whether a module is imported anywhere in the file before they judge a call
// on an unknown receiver (`app.run(debug=True)` only where flask is imported, `client.exec_command`
// only where paramiko is). These are the names Bandit's import set holds: `a.b` for `import a.b`,
// both `m` and `m.x` for `from m import x`. Rules using this set `readsWholeFile`.
import type { Node, Tree } from 'web-tree-sitter';
import type { RuleContext } from './rule';
import { importedModules } from './imports';
import { dotted } from '../analysis/bindings';

const cache = new WeakMap<Tree, readonly string[]>();

/** Every module name imported by a statement in `node`'s file (in any scope, as Bandit collects them). */
export function fileImports(node: Node, ctx: RuleContext): readonly string[] {
  const tree = node.tree;
  let names = cache.get(tree);
  if (!names) {
    const found = new Set<string>();
    for (const statement of tree.rootNode.descendantsOfType(['import_statement', 'import_from_statement'])) {
      if (!statement) continue;
      if (statement.type === 'import_from_statement') {
        const module = statement.childForFieldName('module_name');
        const moduleName = module?.type === 'relative_import' ? module.namedChildren.find((c) => c?.type === 'dotted_name') : module;
        if (moduleName) found.add(dotted(moduleName));
      }
      for (const m of importedModules(statement, ctx)) found.add(m.name);
    }
    names = [...found];
    cache.set(tree, names);
  }
  return names;
}

/** Bandit's `is_module_imported_like`: some imported name contains `fragment`. */
export function isImportedLike(node: Node, ctx: RuleContext, fragment: string): boolean {
  return fileImports(node, ctx).some((name) => name.includes(fragment));
}

/** Bandit's `is_module_imported_exact`: `module` itself is among the imported names. */
export function isImportedExact(node: Node, ctx: RuleContext, module: string): boolean {
  return fileImports(node, ctx).includes(module);
}

/** The last name of a callee, as Bandit's `call_function_name` reads it (`exec_command` in `c.exec_command()`). */
export function calleeLastName(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return fn.text;
  if (fn?.type === 'attribute') return fn.childForFieldName('attribute')?.text;
  return undefined;
}
