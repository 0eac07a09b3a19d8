import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { SECRET_TEXT, isConstant, isSecretName, isStringLiteral, targetName } from './hardcodedPassword';

const NAME_RULE = 'a name that is, or has a `_`-separated part that is, `password`, `passwd`, `pwd`, `pass`, `passphrase`, `token`, `secret` or `secrete` (any case)';

/** `a = b = "x"`: the targets of an assignment chain and the value at its end (only from the outermost link). */
function assignmentChain(node: Node): { targets: Node[]; value: Node | null } | undefined {
  if (node.parent?.type === 'assignment' && node.parent.childForFieldName('right')?.id === node.id) return undefined;
  const targets: Node[] = [];
  let link: Node | null = node;
  while (link?.type === 'assignment') {
    const left = link.childForFieldName('left');
    if (left) targets.push(left);
    link = link.childForFieldName('right');
  }
  return { targets, value: link };
}

/** The key of `d["password"]` when it is a plain string literal. */
function subscriptKey(target: Node, ctx: RuleContext): string | undefined {
  if (target.type !== 'subscript') return undefined;
  const keys = target.childrenForFieldName('subscript').filter((k): k is Node => !!k);
  if (keys.length !== 1 || !isStringLiteral(keys[0], ctx)) return undefined;
  const v = ctx.evaluate(keys[0]);
  return v.kind === 'str' ? v.value : undefined;
}

export default defineRule({
  code: 'B105',
  name: 'hardcoded-password-string',
  summary: 'string literal assigned to, stored under or compared with a password-like name',
  severity: 'information',
  confidence: 'medium',
  cwe: 259,
  fix: 'none',
  fixSafety: 'none',
  match: { nodes: ['assignment', 'pair', 'comparison_operator'], text: SECRET_TEXT, textIn: 'node' },
  docs: {
    whatItDoes: `Flags a string literal assigned to ${NAME_RULE} (\`password = "…"\`, \`self.api_token = "…"\`, \`cfg["secret"] = "…"\`), a dictionary entry whose key is such a name and whose value is a literal (\`{"password": "…"}\`), and a comparison of such a name with a string literal (\`if token == "…"\`).`,
    whyBad:
      'A secret written in the source is in every clone, fork, wheel, container image and log of the repository, and it cannot be rotated without a commit. Leaked tokens for model hubs, experiment trackers and cloud storage are a common way into ML infrastructure.',
    example: 'HF_TOKEN = "hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ"\ndb = {"user": "train", "password": "hunter2"}',
    useInstead: 'import os\n\nHF_TOKEN = os.environ["HF_TOKEN"]\ndb = {"user": "train", "password": os.environ["DB_PASSWORD"]}',
    fixSafety: 'No fix: where the secret should come from (environment, a secrets manager, a keyring) is a decision for the project.',
    options:
      'None. The name test is Bandit\'s, so tokenizer settings match too: `pad_token = "<pad>"`, `eos_token = "</s>"`, `{"unk_token": "<unk>"}` are reported, as Bandit reports them. They are not secrets: ignore B105 for those lines with `# nosec B105 # tokenizer special token`, or for the files that define tokenizers in `[tool.mlsec]`. Messages name the variable or key, never the value, so a real secret is not copied into editor panels, CI logs or SARIF files.',
    references: ['https://bandit.readthedocs.io/en/latest/plugins/b105_hardcoded_password_string.html', cweUrl(259)],
  },
  check(node: Node, ctx: RuleContext) {
    if (node.type === 'assignment') {
      const chain = assignmentChain(node);
      if (!chain || !isStringLiteral(chain.value, ctx)) return;
      for (const target of chain.targets) {
        const name = targetName(target);
        if (name !== undefined && isSecretName(name)) {
          ctx.report({ message: `Possible hardcoded password assigned to \`${name}\``, node: chain.value, scopeNode: node });
          return;
        }
        const key = subscriptKey(target, ctx);
        if (key !== undefined && isSecretName(key)) {
          ctx.report({ message: `Possible hardcoded password stored under the key "${key}"`, node: chain.value, scopeNode: node });
          return;
        }
      }
      return;
    }
    if (node.type === 'pair') {
      // Bandit: the key names a secret and the value is any constant (a string, a number, None).
      const key = node.childForFieldName('key');
      const value = node.childForFieldName('value');
      if (!isStringLiteral(key, ctx) || !isConstant(value)) return;
      const k = ctx.evaluate(key);
      if (k.kind === 'str' && isSecretName(k.value)) {
        ctx.report({ message: `Possible hardcoded password in the dictionary entry "${k.value}"`, node: value ?? node, scopeNode: node });
      }
      return;
    }
    // comparison_operator: `password == "x"` — the left operand is the name, the first right one the literal.
    const operands = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    const name = targetName(operands[0]);
    if (name === undefined || !isSecretName(name) || !isStringLiteral(operands[1], ctx)) return;
    ctx.report({ message: `Possible hardcoded password: \`${name}\` is compared with a string literal`, node: operands[1], scopeNode: node });
  },
});
