// Bandit's blacklist checks (B3xx calls, B4xx imports) are tables: a list of qualified names and a
// message. Each rule file keeps its own table and docs; the reporting they share lives here, so the
// thirty of them stay a few lines of code each and report the same way.
import type { Node } from 'web-tree-sitter';
import type { Confidence } from '../analysis/types';
import type { RuleContext } from './rule';
import { calleeNode } from './argState';
import { importedModules } from './imports';
import { dotted } from '../analysis/bindings';

/** Bandit's documentation page of a blacklisted call or import, at the entry's anchor. */
export function banditBlacklistUrl(kind: 'calls' | 'imports', code: string, banditName: string): string {
  const anchor = `${code}-${banditName}`.toLowerCase().replace(/_/g, '-');
  return `https://bandit.readthedocs.io/en/latest/blacklists/blacklist_${kind}.html#${anchor}`;
}

/** The one place a blacklisted-call rule reports less than Bandit (scripts/parityDeviations.ts). */
export const SHADOWED_PARAMETER_DIFFERENCE =
  'Bandit matches the bare name of a call without asking what it is bound to, so a parameter that shadows an imported function (`def f(loads): return loads(x)`) is reported. mlsec resolves the name to the parameter and reports nothing: the call is whatever the caller passed, not the blacklisted function.';

/**
 * Reports a call the rule's `match.calls` handed to it: the range is the callee, a suppression on
 * any line of the call applies. `message` gets the callee's qualified name (`xml.sax.parse`, also
 * when written `sax.parse` or `parse`).
 */
export function reportBlacklistedCall(call: Node, ctx: RuleContext, message: (name: string) => string, confidence?: Confidence): void {
  const name = ctx.calleeName(call);
  if (!name) return;
  ctx.report({ message: message(name), node: calleeNode(call), scopeNode: call, confidence });
}

/**
 * The module of `modules` that `name` falls under, tested as Bandit does: a plain prefix of the
 * dotted name, so `pickletools` counts for `pickle` and `xml.sax.saxutils` for `xml.sax`.
 */
export function blacklistedPrefix(name: string, modules: readonly string[]): string | undefined {
  return modules.find((m) => name.startsWith(m));
}

/**
 * Reports what an import node (a rule with `match.imports`) imports from `modules`. `import a, b`
 * reports each name that matches; `from m import x, y` reports once, on `m`, when `m` itself matches,
 * else each `m.x` that does; `__import__("m")` / `importlib.import_module("m")` report on the string.
 * `message` gets the dotted name that matched. `calls`: the rule's `match.calls`, if it has any.
 */
export function reportBlacklistedImport(node: Node, ctx: RuleContext, modules: readonly string[], message: (name: string) => string, calls: readonly string[] = []): void {
  if (node.type === 'call' && calls.length > 0) {
    // A call the rule declares by name (match.calls next to match.imports), matched exactly.
    const callee = ctx.calleeName(node);
    if (callee && calls.includes(callee)) {
      ctx.report({ message: message(callee), node: calleeNode(node), scopeNode: node });
      return;
    }
  }
  if (node.type === 'import_from_statement') {
    const module = node.childForFieldName('module_name');
    const name = module && module.type !== 'relative_import' ? dotted(module) : undefined;
    if (module && name && blacklistedPrefix(name, modules)) {
      ctx.report({ message: message(name), node: module, scopeNode: node });
      return;
    }
  }
  for (const imported of importedModules(node, ctx)) {
    if (blacklistedPrefix(imported.name, modules)) ctx.report({ message: message(imported.name), node: imported.node, scopeNode: node });
  }
}
