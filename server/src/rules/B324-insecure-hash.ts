import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { addKeywordArgument, replaceNode } from '../fixes/edits';
import { argState, calleeNode, argumentNode } from './argState';
import type { Fix } from '../analysis/types';

const WEAK = new Set(['md4', 'md5', 'sha1', 'sha', 'md5-sha1']);
const WEAK_CONSTRUCTORS = new Set(['hashlib.md4', 'hashlib.md5', 'hashlib.sha1', 'hashlib.sha']);

export default defineRule({
  code: 'B324',
  name: 'insecure-hash',
  summary: 'MD4/MD5/SHA-1 without `usedforsecurity=False`',
  severity: 'warning',
  confidence: 'high',
  cwe: 327,
  fix: 'sometimes',
  fixSafety: 'unsafe',
  match: { calls: [...WEAK_CONSTRUCTORS, 'hashlib.new'] },
  docs: {
    whatItDoes:
      'Flags `hashlib.md4`, `hashlib.md5`, `hashlib.sha1`, `hashlib.sha` and `hashlib.new("md5" | "sha1" | "md4" | "sha" | "md5-sha1")` (any letter case) unless `usedforsecurity=False` is passed.',
    whyBad:
      'MD5 and SHA-1 collisions can be computed: two different files — say, a benign and a backdoored checkpoint — can share a digest. Any integrity check, signature, deduplication of untrusted uploads or password hash built on them can be fooled.',
    example: 'import hashlib\n\ndigest = hashlib.md5(checkpoint_bytes).hexdigest()\nassert digest == EXPECTED',
    useInstead:
      'import hashlib\n\ndigest = hashlib.sha256(checkpoint_bytes).hexdigest()\nassert digest == EXPECTED\n# a cache key that protects nothing:\nkey = hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()',
    fixSafety:
      'Two fixes, both unsafe, so neither is applied by fix-all, on save or by `--fix`. Adding `usedforsecurity=False` leaves the digest unchanged but asserts that the hash protects nothing (a cache key, a shard index) — a fact only the author knows, and the finding is silenced by it: apply it one call at a time, only where that is true. Switching to `sha256` is unsafe: every stored digest changes. The second fix is offered when the callee is written `hashlib.<name>` or the algorithm is a string literal.',
    options: 'None. `usedforsecurity` with a value that cannot be evaluated statically is accepted. An algorithm name that is not a literal is not reported.',
    references: ['https://docs.python.org/3/library/hashlib.html#hashlib.new', 'https://bandit.readthedocs.io/en/latest/plugins/b324_hashlib.html', cweUrl(327)],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (!callee) return;
    let algorithm: string | undefined;
    let nameNode: Node | null = null;
    if (WEAK_CONSTRUCTORS.has(callee)) {
      algorithm = callee.slice('hashlib.'.length);
    } else if (callee === 'hashlib.new') {
      nameNode = argumentNode(call, ctx, 'name', 0);
      const v = nameNode ? ctx.evaluate(nameNode) : undefined;
      if (v?.kind !== 'str' || !WEAK.has(v.value.toLowerCase())) return;
      algorithm = v.value.toLowerCase();
    } else {
      return;
    }
    const state = argState(call, ctx, 'usedforsecurity');
    if (state.kind === 'keyword' || state.kind === 'splat') {
      if (state.truth !== true) return; // False, or unknown: benefit of the doubt
    }
    const fixes: Fix[] = [];
    const flagNode = state.kind === 'keyword' ? state.kw.node : calleeNode(call);
    if (state.kind === 'keyword') {
      fixes.push({ title: 'Mark as not used for security (usedforsecurity=False)', safety: 'unsafe', edits: [replaceNode(state.kw.value, 'False')] });
    } else if (state.kind !== 'splat') {
      fixes.push({ title: 'Mark as not used for security (usedforsecurity=False)', safety: 'unsafe', edits: addKeywordArgument(call, 'usedforsecurity=False', ctx.text) });
    }
    const fn = calleeNode(call);
    if (nameNode && nameNode.type === 'string') {
      fixes.push({ title: 'Use SHA-256', safety: 'unsafe', edits: [replaceNode(nameNode, '"sha256"')] });
    } else if (!nameNode && fn.type === 'attribute') {
      const attr = fn.childForFieldName('attribute');
      const object = fn.childForFieldName('object');
      if (attr && object && ctx.qualifiedName(object) === 'hashlib') fixes.push({ title: 'Use hashlib.sha256', safety: 'unsafe', edits: [replaceNode(attr, 'sha256')] });
    }
    ctx.report({
      message: `${algorithm.toUpperCase()} is broken for security use; use SHA-256, or pass \`usedforsecurity=False\` if this hash protects nothing`,
      node: flagNode,
      scopeNode: call,
      confidence: state.kind === 'unknown-splat' ? 'low' : 'high',
      fixes,
    });
  },
});
