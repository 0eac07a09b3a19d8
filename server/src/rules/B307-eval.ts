import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { reportDynamicCode } from './dynamicCode';

export default defineRule({
  code: 'B307',
  name: 'eval',
  summary: 'built-in `eval`',
  severity: 'warning',
  confidence: 'high',
  cwe: 95,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: ['builtins.eval'] },
  docs: {
    whatItDoes:
      'Flags calls of the built-in `eval` (also as `builtins.eval`). Not `ast.literal_eval`, not methods that happen to be called `eval` (`model.eval()`), not a local function named `eval`.',
    whyBad:
      '`eval` runs a Python expression, and an expression can import modules and call anything (`__import__("os").system(...)`). Parsing hyper-parameters, command-line overrides or config values with `eval` turns whoever writes those strings into someone who runs code.',
    example: 'def parse_override(value: str):\n    return eval(value)',
    useInstead: 'import ast\n\ndef parse_override(value: str):\n    return ast.literal_eval(value)  # numbers, strings, tuples, lists, dicts only',
    fixSafety: 'No fix: `ast.literal_eval` accepts only literals, which may not be what the code needs.',
    options: 'None. A call whose code argument is a string literal is reported at low confidence: nothing from outside reaches it, but it is still code in a string.',
    differencesFromBandit: 'Bandit also reports a call of a parameter that shadows the built-in (`def f(eval): eval(x)`); it is not the built-in.',
    references: [
      'https://docs.python.org/3/library/functions.html#eval',
      'https://docs.python.org/3/library/ast.html#ast.literal_eval',
      'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b307-eval',
      cweUrl(95),
    ],
  },
  check(call: Node, ctx: RuleContext) {
    reportDynamicCode(call, ctx, 'builtins.eval', {
      literal: '`eval` of a constant string: replace it with the expression itself',
      dynamic: '`eval` runs arbitrary Python from its argument; parse the value with `ast.literal_eval`, `json` or an explicit parser',
    });
  },
});
