import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { replaceNode } from '../fixes/edits';
import { argState, calleeNode } from './argState';
import type { Fix } from '../analysis/types';

/** Loaders that build only plain Python data (strings, numbers, lists, dicts). */
const SAFE_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);
const UNSAFE_LOADERS = new Set(['Loader', 'UnsafeLoader', 'FullLoader', 'CLoader', 'CUnsafeLoader', 'CFullLoader']);
/** Functions that construct arbitrary objects whatever the arguments, and their safe counterpart. */
const ALWAYS_UNSAFE: Record<string, string> = {
  'yaml.unsafe_load': 'safe_load',
  'yaml.full_load': 'safe_load',
  'yaml.unsafe_load_all': 'safe_load_all',
  'yaml.full_load_all': 'safe_load_all',
};
const WITH_LOADER: Record<string, string> = { 'yaml.load': 'safe_load', 'yaml.load_all': 'safe_load_all' };

/** `yaml.SafeLoader`, `yaml.loader.SafeLoader`, `yaml.cyaml.CSafeLoader` → `SafeLoader`; undefined outside yaml. */
function yamlLoaderName(qualified: string | null): string | undefined {
  if (!qualified || !qualified.startsWith('yaml.')) return undefined;
  return qualified.slice(qualified.lastIndexOf('.') + 1);
}

/**
 * The loader(s) an expression can be: one name, both branches of `A if cond else B`, or the attribute
 * and the default of the common `getattr(yaml, "CSafeLoader", yaml.SafeLoader)` idiom.
 */
function loaderCandidates(node: Node, ctx: RuleContext): (string | undefined)[] {
  if (node.type === 'conditional_expression') {
    const branches = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    return [...loaderCandidates(branches[0], ctx), ...loaderCandidates(branches[2] ?? branches[0], ctx)];
  }
  if (node.type === 'call' && ctx.calleeName(node) === 'builtins.getattr') {
    const args = ctx.args(node).positional;
    const attr = args[1] ? ctx.evaluate(args[1]) : undefined;
    if (args.length === 3 && ctx.qualifiedName(args[0]) === 'yaml' && attr?.kind === 'str') {
      return [attr.value, ...loaderCandidates(args[2], ctx)];
    }
    return [undefined];
  }
  return [yamlLoaderName(ctx.qualifiedName(node))];
}

/** A fix renaming `yaml.load` to `yaml.safe_load` — only for `module.attr` callees, where the new name needs no import. */
function renameFix(call: Node, ctx: RuleContext, newName: string): Fix[] {
  const fn = calleeNode(call);
  if (fn.type !== 'attribute') return [];
  const object = fn.childForFieldName('object');
  const attr = fn.childForFieldName('attribute');
  if (!object || !attr || ctx.qualifiedName(object) !== 'yaml') return [];
  return [{ title: `Use yaml.${newName}`, safety: 'unsafe', edits: [replaceNode(attr, newName)] }];
}

export default defineRule({
  code: 'B506',
  name: 'yaml-unsafe-load',
  summary: '`yaml.load` without a safe `Loader`, `yaml.unsafe_load`, `yaml.full_load`',
  severity: 'warning',
  confidence: 'high',
  cwe: 502,
  fix: 'sometimes',
  fixSafety: 'unsafe',
  match: { calls: [...Object.keys(ALWAYS_UNSAFE), ...Object.keys(WITH_LOADER)] },
  docs: {
    whatItDoes: 'Flags `yaml.load` and `yaml.load_all` without a safe `Loader` (keyword or second positional argument), and `yaml.unsafe_load`, `yaml.full_load` and their `_all` variants.',
    whyBad:
      "PyYAML's full and unsafe loaders honour tags such as `!!python/object/apply`, which import and call any Python function named in the document. A config file, an experiment spec or a model card parsed this way runs code chosen by whoever wrote it.",
    example: 'import yaml\n\nwith open("config.yaml") as f:\n    config = yaml.load(f)\n    other = yaml.load(f, Loader=yaml.FullLoader)',
    useInstead: 'import yaml\n\nwith open("config.yaml") as f:\n    config = yaml.safe_load(f)\n    other = yaml.load(f, Loader=yaml.SafeLoader)',
    fixSafety:
      'Every fix is unsafe (offered one at a time, never in fix-all or `--fix`): `yaml.safe_load` refuses the Python tags that the other loaders accept, so a document that uses them stops loading. That includes `yaml.load(x)` without a loader: PyYAML 6 rejects that call, but PyYAML 5.1–5.4 loads it with `FullLoader` and older releases with the unsafe `Loader`, and which PyYAML runs the code is not in the file. The fixes are offered only when the callee is written `yaml.<name>` (the new name needs no import).',
    options:
      'Safe loaders: `SafeLoader`, `CSafeLoader`, `BaseLoader`, `CBaseLoader` (the base loaders build only strings, lists and dicts), also as `A if cond else B` with both branches safe and as `getattr(yaml, "CSafeLoader", yaml.SafeLoader)`. A `Loader` that resolves to another PyYAML loader is reported at high confidence; one that cannot be resolved (a local subclass, a variable) at low confidence — subclass `yaml.SafeLoader` and silence the line with a justification if that is what it is.',
    differencesFromBandit:
      'Bandit reports `yaml.load(s, Loader=yaml.BaseLoader)` and a safe loader chosen by `getattr(yaml, "CSafeLoader", yaml.SafeLoader)` or a conditional; none of them constructs Python objects, so mlsec does not. ML904 never calls a `# nosec B506` unused.',
    references: [
      'https://pyyaml.org/wiki/PyYAMLDocumentation',
      'https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation',
      'https://bandit.readthedocs.io/en/latest/plugins/b506_yaml_load.html',
      cweUrl(502),
    ],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (!callee) return;
    const fn = calleeNode(call);
    if (callee in ALWAYS_UNSAFE) {
      const safeName = ALWAYS_UNSAFE[callee];
      ctx.report({
        message: `\`${callee}\` constructs arbitrary Python objects from the document; use \`yaml.${safeName}\``,
        node: fn,
        scopeNode: call,
        fixes: renameFix(call, ctx, safeName),
      });
      return;
    }
    if (!(callee in WITH_LOADER)) return;
    const safeName = WITH_LOADER[callee];
    const loader = argState(call, ctx, 'Loader', 1);
    if (loader.kind === 'absent') {
      ctx.report({
        message: `\`${callee}\` without a safe \`Loader\` can construct arbitrary Python objects; use \`yaml.${safeName}\``,
        node: fn,
        scopeNode: call,
        fixes: renameFix(call, ctx, safeName),
      });
      return;
    }
    if (loader.kind === 'unknown-splat') return;
    const loaderNode = loader.kind === 'keyword' ? loader.kw.value : loader.kind === 'positional' ? loader.node : undefined;
    const names = loaderNode ? loaderCandidates(loaderNode, ctx) : [loader.value?.kind === 'ref' ? yamlLoaderName(loader.value.name) : undefined];
    if (names.every((n) => n && SAFE_LOADERS.has(n))) return;
    const name = names.find((n) => n && UNSAFE_LOADERS.has(n));
    const known = !!name;
    ctx.report({
      message: known
        ? `\`${callee}\` with \`Loader=${name}\` can construct arbitrary Python objects; use \`yaml.SafeLoader\` or \`yaml.${safeName}\``
        : `\`${callee}\` with a Loader that is not known to be safe; use \`yaml.SafeLoader\` or \`yaml.${safeName}\``,
      node: loader.kind === 'keyword' ? loader.kw.node : loader.kind === 'positional' ? loader.node : fn,
      scopeNode: call,
      confidence: known ? 'high' : 'low',
    });
  },
});
