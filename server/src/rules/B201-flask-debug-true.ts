import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { calleeLastName, isImportedLike } from './fileImports';

export default defineRule({
  code: 'B201',
  name: 'flask-debug-true',
  summary: '`app.run(debug=True)` in a file that imports flask',
  severity: 'error',
  confidence: 'medium',
  cwe: 94,
  fix: 'none',
  fixSafety: 'none',
  readsWholeFile: true,
  match: { nodes: ['call'], words: ['debug'], text: ['flask'] },
  docs: {
    whatItDoes:
      'Flags a `.run(...)` call with `debug=True` in a file that imports flask (any module whose name contains `flask`), as Bandit does: the receiver is usually a Flask app held in a variable whose type cannot be known statically.',
    whyBad:
      "Flask's debug mode serves the Werkzeug debugger: an exception page with an interactive Python console. Anyone who can reach the server — a demo or model-serving endpoint bound to a shared network, a notebook port forwarded to a laptop — can run code as the server's user once the PIN is guessed or leaked.",
    example: 'from flask import Flask\n\napp = Flask(__name__)\napp.run(host="0.0.0.0", debug=True)',
    useInstead: 'import os\nfrom flask import Flask\n\napp = Flask(__name__)\napp.run(debug=os.environ.get("FLASK_DEBUG") == "1")  # or use `flask run --debug` locally',
    fixSafety: "No fix: whether the debugger is wanted (on a developer's machine) is for the project to decide.",
    options: 'None. `debug=True` is read as a literal (also the string `"True"`, as Bandit reads it) or a name bound once to `True`.',
    references: ['https://flask.palletsprojects.com/en/latest/debugging/', 'https://bandit.readthedocs.io/en/latest/plugins/b201_flask_debug_true.html', cweUrl(94)],
  },
  check(call: Node, ctx: RuleContext) {
    const fn = call.childForFieldName('function');
    const isRun = (fn?.type === 'attribute' && calleeLastName(call) === 'run') || (ctx.calleeName(call)?.endsWith('.run') ?? false);
    if (!isRun) return;
    const debug = ctx.args(call).keywords.get('debug');
    if (!debug) return;
    const v = ctx.evaluate(debug.value);
    const isTrue = (v.kind === 'bool' && v.value) || (debug.value.type !== 'identifier' && v.kind === 'str' && v.value === 'True');
    if (!isTrue || !isImportedLike(call, ctx, 'flask')) return;
    ctx.report({
      message: 'A Flask app run with `debug=True` serves the Werkzeug debugger, which lets anyone who reaches it run code',
      node: debug.node,
      scopeNode: call,
    });
  },
});
