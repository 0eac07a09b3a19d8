import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { reportDynamicCode } from './dynamicCode';

export default defineRule({
  code: 'B102',
  name: 'exec',
  summary: 'built-in `exec`',
  severity: 'warning',
  confidence: 'high',
  cwe: 94,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: ['builtins.exec'] },
  docs: {
    whatItDoes: 'Flags calls of the built-in `exec` (also as `builtins.exec`). Methods named `exec` (`cursor.exec(...)`) and local functions with that name are not flagged.',
    whyBad:
      '`exec` runs any Python statements. Code that execs a downloaded snippet, a config value or a notebook cell runs whatever the author of that text wrote, with the full rights of your process.',
    example: 'source = requests.get(url, timeout=10).text\nexec(source)',
    useInstead: '# ship the code as a reviewed, versioned module and import it\nfrom plugins import preprocess',
    fixSafety: 'No fix: what replaces dynamic code depends on what it does.',
    options: 'None. A call whose code argument is a string literal is reported at low confidence.',
    differencesFromBandit: 'Bandit also reports a call of a parameter that shadows the built-in (`def run(exec): exec(x)`); it is not the built-in.',
    references: ['https://docs.python.org/3/library/functions.html#exec', 'https://bandit.readthedocs.io/en/latest/plugins/b102_exec_used.html', cweUrl(94)],
  },
  check(call: Node, ctx: RuleContext) {
    reportDynamicCode(call, ctx, 'builtins.exec', {
      literal: '`exec` of a constant string: write the statements as code instead',
      dynamic: '`exec` runs arbitrary Python from its argument; import reviewed code instead',
    });
  },
});
