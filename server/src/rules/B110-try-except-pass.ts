import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { reportSilentExcept } from './exceptBody';

export default defineRule({
  code: 'B110',
  name: 'try-except-pass',
  summary: '`except` (broad) whose body is only `pass`',
  severity: 'information',
  confidence: 'high',
  cwe: 703,
  fix: 'none',
  fixSafety: 'none',
  match: { nodes: ['except_clause'], words: ['pass'] },
  docs: {
    whatItDoes: 'Flags an `except` clause whose whole body is `pass`.',
    whyBad:
      'A handler that passes swallows every error it catches, including the ones nobody expected: a corrupt checkpoint, a failed upload, a permission error, an interrupted download. The job continues on bad state and the evidence is gone. In security code it also hides the failure of a check.',
    example: 'try:\n    os.remove(path)\nexcept Exception:\n    pass',
    useInstead: 'import contextlib\n\nwith contextlib.suppress(FileNotFoundError):\n    os.remove(path)\n# or: except Exception: logger.exception("cleanup of %s failed", path)',
    fixSafety: 'No fix: only you know which exceptions are expected and what should happen when one occurs.',
    options:
      "`checkTypedException` in the analysis settings (Bandit's `check_typed_exception`): when true, `except SomeError: pass` is reported too. By default only a bare `except:` and handlers that name `Exception` or `BaseException` (alone or in a tuple) are reported, as Bandit does. A body with anything besides the single `pass` (a log call, a second statement) is not reported; comments do not count.",
    references: ['https://docs.python.org/3/tutorial/errors.html#handling-exceptions', 'https://bandit.readthedocs.io/en/latest/plugins/b110_try_except_pass.html', cweUrl(703)],
  },
  check(clause: Node, ctx: RuleContext) {
    reportSilentExcept(clause, ctx, 'pass_statement', '`except` with only `pass` silently swallows errors; catch the specific exception, or log it');
  },
});
