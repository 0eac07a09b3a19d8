// What an import rule (RuleMatch.imports) is handed: import statements and calls that import a
// module by name. `importedModules` says which dotted names a node imports, the way Bandit's import
// checks read them, so each rule only decides which names count.
import type { Node } from 'web-tree-sitter';
import { dotted } from '../analysis/bindings';
import type { RuleContext } from './rule';
import { argumentNode } from './argState';
import { IMPORT_CALLS } from './prefilter';

export interface ImportedModule {
  /**
   * The dotted name: `a.b` for `import a.b as c`; `m.x` for `from m import x` (`x` alone for
   * `from . import x`, `m.x` for `from ..m import x`, as Bandit drops the dots); `m.*` for
   * `from m import *`; the string for `__import__("a.b")` / `importlib.import_module("a.b")`.
   */
  name: string;
  /** Where a finding about it points: the name as written, or the call's module argument. */
  node: Node;
}

/**
 * The modules `node` imports: an `import_statement`, an `import_from_statement`, or a call of
 * `__import__` / `importlib.import_module` / `importlib.__import__` whose module argument is a
 * string known statically. Anything else imports nothing.
 */
export function importedModules(node: Node, ctx: RuleContext): ImportedModule[] {
  if (node.type === 'import_statement') {
    return node.childrenForFieldName('name').flatMap((child) => {
      const name = child?.type === 'aliased_import' ? child.childForFieldName('name') : child;
      return name ? [{ name: dotted(name), node: name }] : [];
    });
  }
  if (node.type === 'import_from_statement') {
    const module = node.childForFieldName('module_name');
    const moduleName = module?.type === 'relative_import' ? module.namedChildren.find((c) => c?.type === 'dotted_name') : module;
    const prefix = moduleName ? `${dotted(moduleName)}.` : '';
    const wildcard = node.namedChildren.find((c) => c?.type === 'wildcard_import');
    if (wildcard) return [{ name: `${prefix}*`, node: wildcard }];
    return node.childrenForFieldName('name').flatMap((child) => {
      const name = child?.type === 'aliased_import' ? child.childForFieldName('name') : child;
      return name ? [{ name: `${prefix}${dotted(name)}`, node: name }] : [];
    });
  }
  if (node.type === 'call' && IMPORT_CALLS.includes(ctx.calleeName(node) ?? '')) {
    const arg = argumentNode(node, ctx, 'name', 0);
    const value = arg ? ctx.evaluate(arg) : undefined;
    return arg && value?.kind === 'str' ? [{ name: value.value, node: arg }] : [];
  }
  return [];
}
