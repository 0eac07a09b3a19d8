import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { banditBlacklistUrl, reportBlacklistedCall } from './blacklist';

// Bandit 1.9.4's B311 list. Not `random.SystemRandom` (it reads the OS's secure source), not
// `numpy.random` (Bandit does not list it), not `random.seed`/`random.shuffle`.
const CALLS = [
  'random.Random',
  'random.random',
  'random.randrange',
  'random.randint',
  'random.choice',
  'random.choices',
  'random.uniform',
  'random.triangular',
  'random.randbytes',
  'random.sample',
  'random.getrandbits',
];

export default defineRule({
  code: 'B311',
  name: 'random',
  summary: 'the `random` module (not for secrets)',
  severity: 'information',
  confidence: 'high',
  cwe: 330,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: CALLS },
  docs: {
    whatItDoes:
      'Flags the generators and functions of the standard `random` module: `random.random`, `randint`, `randrange`, `choice`, `choices`, `sample`, `uniform`, `triangular`, `randbytes`, `getrandbits` and `random.Random`. Off in the default profile: ML code uses `random` for sampling and augmentation all the time; select `B311` (or use `profile = "bandit"`) to audit for secrets made with it.',
    whyBad: '`random` is a Mersenne Twister: after seeing 624 outputs anyone can predict every later one. Tokens, passwords, API keys, password-reset links or nonces made with it can be guessed.',
    example: 'import random\nimport string\n\ntoken = "".join(random.choices(string.ascii_letters, k=32))',
    useInstead: 'import secrets\n\ntoken = secrets.token_urlsafe(32)',
    fixSafety: 'No fix: most uses (shuffling data, sampling augmentations) are fine and must stay reproducible from a seed.',
    options: 'None.',
    references: ['https://docs.python.org/3/library/random.html', 'https://docs.python.org/3/library/secrets.html', banditBlacklistUrl('calls', 'B311', 'random'), cweUrl(330)],
  },
  check(call: Node, ctx: RuleContext) {
    reportBlacklistedCall(call, ctx, (name) => `\`${name}\` is predictable; use \`secrets\` for tokens, passwords and keys`);
  },
});
