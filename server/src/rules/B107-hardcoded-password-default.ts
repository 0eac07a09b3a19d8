import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { SECRET_TEXT, isSecretName, isStringLiteral } from './hardcodedPassword';

const DEFAULT_PARAMETERS = new Set(['default_parameter', 'typed_default_parameter']);

export default defineRule({
  code: 'B107',
  name: 'hardcoded-password-default',
  summary: 'password-like function parameter with a string literal default',
  severity: 'information',
  confidence: 'medium',
  cwe: 259,
  fix: 'none',
  fixSafety: 'none',
  match: { nodes: ['function_definition'], text: SECRET_TEXT, textIn: 'node' },
  docs: {
    whatItDoes:
      'Flags a function parameter whose name is, or has a `_`-separated part that is, `password`, `passwd`, `pwd`, `pass`, `passphrase`, `token`, `secret` or `secrete` (any case) and whose default is a string literal: `def connect(user, password="admin")`.',
    whyBad:
      'A default secret is used whenever a caller forgets to pass one, so the code quietly runs with a credential everybody who reads the source knows — and the credential is in every copy of the repository.',
    example: 'def connect(host, user="train", password="changeme"):\n    ...',
    useInstead: 'def connect(host, user="train", password=None):\n    password = password or os.environ["DB_PASSWORD"]\n    ...',
    fixSafety: 'No fix: changing a default changes what callers that rely on it get.',
    options:
      'None. A default of `None` is not reported. The name test is Bandit\'s, so `def build(pad_token="<pad>")` is reported too, as Bandit reports it: silence it with `# nosec B107 # tokenizer special token` on the `def` line. Every such parameter is reported (Bandit reports the first), keyword-only ones included (Bandit looks only at the parameters before `*`). Messages name the parameter, never the value.',
    references: ['https://bandit.readthedocs.io/en/latest/plugins/b107_hardcoded_password_default.html', cweUrl(259)],
  },
  check(def: Node, ctx: RuleContext) {
    const parameters = def.childForFieldName('parameters');
    if (!parameters) return;
    for (const parameter of parameters.namedChildren) {
      if (!parameter || !DEFAULT_PARAMETERS.has(parameter.type)) continue;
      const name = parameter.childForFieldName('name');
      const value = parameter.childForFieldName('value');
      if (name?.type !== 'identifier' || !isSecretName(name.text) || !isStringLiteral(value, ctx)) continue;
      // Scope: the signature (Bandit reads a `# nosec` on the `def` line), not the whole body.
      ctx.report({ message: `Possible hardcoded password as the default of \`${name.text}\``, node: parameter, scopeNode: parameters });
    }
  },
});
