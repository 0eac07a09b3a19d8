import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { SECRET_TEXT, isSecretName, isStringLiteral } from './hardcodedPassword';

export default defineRule({
  code: 'B106',
  name: 'hardcoded-password-funcarg',
  summary: 'string literal passed as a password-like keyword argument',
  severity: 'information',
  confidence: 'medium',
  cwe: 259,
  fix: 'none',
  fixSafety: 'none',
  match: { nodes: ['keyword_argument'], text: SECRET_TEXT, textIn: 'node' },
  docs: {
    whatItDoes:
      'Flags a call that passes a string literal as a keyword argument whose name is, or has a `_`-separated part that is, `password`, `passwd`, `pwd`, `pass`, `passphrase`, `token`, `secret` or `secrete` (any case): `connect(password="…")`, `login(token="…")`, `Client(api_token="…")`.',
    whyBad:
      'A secret written in the source is in every clone, fork, wheel, container image and log of the repository, and it cannot be rotated without a commit. Credentials passed straight into a client constructor are among the most often leaked.',
    example: 'from huggingface_hub import login\n\nlogin(token="hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ")',
    useInstead: 'import os\nfrom huggingface_hub import login\n\nlogin(token=os.environ["HF_TOKEN"])',
    fixSafety: 'No fix: where the secret should come from (environment, a secrets manager, a keyring) is a decision for the project.',
    options:
      'None. The name test is Bandit\'s, so `tokenizer.add_special_tokens(pad_token="<pad>")` or `Tokenizer(unk_token="[UNK]")` are reported too, as Bandit reports them: silence those lines with `# nosec B106 # tokenizer special token`. Every such keyword of a call is reported (Bandit reports the first). Messages name the keyword, never the value.',
    references: ['https://bandit.readthedocs.io/en/latest/plugins/b106_hardcoded_password_funcarg.html', cweUrl(259)],
  },
  check(keyword: Node, ctx: RuleContext) {
    // Only keywords of calls: `class A(metaclass=M)` holds keyword arguments too.
    if (keyword.parent?.type !== 'argument_list' || keyword.parent.parent?.type !== 'call') return;
    const name = keyword.childForFieldName('name')?.text;
    const value = keyword.childForFieldName('value');
    if (name === undefined || !isSecretName(name) || !isStringLiteral(value, ctx)) return;
    ctx.report({ message: `Possible hardcoded password passed as \`${name}=\``, node: keyword, scopeNode: keyword.parent.parent });
  },
});
