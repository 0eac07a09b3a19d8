import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { reportSilentExcept } from './exceptBody';

export default defineRule({
  code: 'B112',
  name: 'try-except-continue',
  summary: '`except` (broad) whose body is only `continue`',
  severity: 'information',
  confidence: 'high',
  cwe: 703,
  fix: 'none',
  fixSafety: 'none',
  match: { nodes: ['except_clause'], words: ['continue'] },
  docs: {
    whatItDoes: 'Flags an `except` clause whose whole body is `continue`.',
    whyBad:
      'Skipping to the next item on any error hides failures in bulk: a data loader that `continue`s past every exception can drop most of a dataset — or every file an attacker made unreadable — and training goes on without a word.',
    example: 'for path in files:\n    try:\n        rows.append(parse(path))\n    except Exception:\n        continue',
    useInstead:
      'for path in files:\n    try:\n        rows.append(parse(path))\n    except (ValueError, UnicodeDecodeError):\n        logger.warning("skipping unparsable %s", path)\n        skipped += 1\n        continue',
    fixSafety: 'No fix: only you know which exceptions are expected and what should happen when one occurs.',
    options:
      "`checkTypedException` in the analysis settings (Bandit's `check_typed_exception`): when true, `except SomeError: continue` is reported too. By default only a bare `except:` and handlers that name `Exception` or `BaseException` (alone or in a tuple) are reported, as Bandit does. A body with anything besides the single `continue` (a log call, a second statement) is not reported; comments do not count.",
    references: ['https://docs.python.org/3/tutorial/errors.html#handling-exceptions', 'https://bandit.readthedocs.io/en/latest/plugins/b112_try_except_continue.html', cweUrl(703)],
  },
  check(clause: Node, ctx: RuleContext) {
    reportSilentExcept(clause, ctx, 'continue_statement', '`except` with only `continue` silently skips errors; catch the specific exception, or log and count what is skipped');
  },
});
