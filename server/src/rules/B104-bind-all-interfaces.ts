import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { wholeLiteral } from './stringContext';

const ALL_INTERFACES = '0.0.0.0';
/** Names of parameters, variables and keys that hold an address to listen on. */
const ADDRESS_NAME = /(^|_)(host|hostname|bind|addr|address|listen|server_name|server_address|interface|ip)($|_)/i;
/** Calls whose first positional argument is the address to listen on. */
const LISTEN_CALLS = new Set(['bind', 'listen', 'serve', 'run', 'create_server', 'make_server', 'start_server', 'run_simple', 'launch']);

function lastName(expr: Node | null): string | undefined {
  if (!expr) return undefined;
  if (expr.type === 'identifier') return expr.text;
  if (expr.type === 'attribute') return expr.childForFieldName('attribute')?.text;
  if (expr.type === 'subscript') {
    const key = expr.childForFieldName('subscript');
    if (key?.type === 'string') return key.text.replace(/^[a-zA-Z]*["']+|["']+$/g, '');
  }
  return undefined;
}

/** Callees and enclosing classes/functions of a client: their address is where they connect, not where they listen. */
const CLIENT_NAME = /client|connect|connection|session|remote|proxy|upstream/i;
/** Where an environment variable's default is read: `os.getenv(name, default)`, `os.environ.get(name, default)`. */
const ENV_DEFAULT_CALLS = new Set(['getenv', 'get']);

/** The name of the callee of the call whose argument list holds `node` (`run` in `uvicorn.run(...)`). */
function enclosingCallName(argumentList: Node | null): string | undefined {
  return lastName(argumentList?.parent?.childForFieldName('function') ?? null);
}

/** The name of the nearest enclosing function or class (or undefined at module level). */
function enclosingDefinitionNames(node: Node): string[] {
  const names: string[] = [];
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'function_definition' || n.type === 'class_definition') {
      const name = n.childForFieldName('name')?.text;
      if (name) names.push(name);
    }
  }
  return names;
}

/**
 * `os.getenv("HOST", "0.0.0.0")` / `os.environ.get("HOST", "0.0.0.0")`: the default flows to wherever
 * the call's value goes, so the call stands in for the literal.
 */
function envDefaultCall(literal: Node): Node | undefined {
  const list = literal.parent;
  if (list?.type !== 'argument_list') return undefined;
  const call = list.parent;
  const fn = call?.childForFieldName('function');
  if (!call || !fn || fn.type !== 'attribute' || !ENV_DEFAULT_CALLS.has(lastName(fn) ?? '')) return undefined;
  const object = fn.childForFieldName('object')?.text ?? '';
  if (!/^(os|os\.environ|environ)$/.test(object)) return undefined;
  const positional = list.namedChildren.filter((c) => c && c.type !== 'comment' && c.type !== 'keyword_argument');
  return positional[1]?.id === literal.id ? call : undefined;
}

/** Why the literal is a bind address, or undefined when it is just a string that happens to say 0.0.0.0. */
function bindContext(literal: Node): string | undefined {
  const fromEnv = envDefaultCall(literal);
  if (fromEnv) {
    const why = bindContext(fromEnv);
    return why ? `${why}, as the environment variable's default` : undefined;
  }
  const parent = literal.parent;
  if (!parent) return undefined;
  switch (parent.type) {
    case 'keyword_argument': {
      const name = parent.childForFieldName('name')?.text ?? '';
      // A client's address is where it connects: `VLLMClient(host="0.0.0.0")` listens on nothing.
      if (CLIENT_NAME.test(enclosingCallName(parent.parent) ?? '')) return undefined;
      if (ADDRESS_NAME.test(name)) return `\`${name}=\``;
      // argparse / click: add_argument("--host", default="0.0.0.0")
      if (name === 'default') {
        const call = parent.parent?.parent;
        const first = call?.childForFieldName('arguments')?.namedChildren.find((c) => c?.type === 'string');
        if (first && ADDRESS_NAME.test(first.text.replace(/[^A-Za-z_]/g, (c) => (c === '-' ? '_' : '')))) return 'the default of an address option';
      }
      return undefined;
    }
    case 'default_parameter':
    case 'typed_default_parameter': {
      const name = parent.childForFieldName('name')?.text ?? '';
      if (enclosingDefinitionNames(parent).some((n) => CLIENT_NAME.test(n))) return undefined;
      return ADDRESS_NAME.test(name) ? `the default of \`${name}\`` : undefined;
    }
    case 'assignment': {
      if (parent.childForFieldName('right')?.id !== literal.id) return undefined;
      if (enclosingDefinitionNames(parent).some((n) => CLIENT_NAME.test(n))) return undefined;
      const name = lastName(parent.childForFieldName('left'));
      return name && ADDRESS_NAME.test(name) && !CLIENT_NAME.test(name) ? `\`${name}\`` : undefined;
    }
    case 'pair': {
      if (parent.childForFieldName('value')?.id !== literal.id) return undefined;
      const key = parent.childForFieldName('key');
      const name = key?.type === 'string' ? key.text.replace(/^[a-zA-Z]*["']+|["']+$/g, '') : undefined;
      return name && ADDRESS_NAME.test(name) ? `the "${name}" entry` : undefined;
    }
    case 'tuple': {
      // ("0.0.0.0", port): a socket address — the port is not a string, and the tuple is not the
      // right-hand side of `in` (`host in ("0.0.0.0", "::")` is a comparison).
      const items = parent.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      if (items.length !== 2 || items[0].id !== literal.id) return undefined;
      if (items[1].type === 'string' || items[1].type === 'concatenated_string') return undefined;
      if (parent.parent?.type === 'comparison_operator') return undefined;
      return 'a socket address';
    }
    case 'argument_list': {
      const positional = parent.namedChildren.filter((c) => c && c.type !== 'comment' && c.type !== 'keyword_argument');
      if (positional[0]?.id !== literal.id) return undefined;
      const fn = enclosingCallName(parent);
      return fn && LISTEN_CALLS.has(fn) ? `the address given to \`${fn}\`` : undefined;
    }
    default:
      return undefined;
  }
}

export default defineRule({
  code: 'B104',
  name: 'bind-all-interfaces',
  summary: '`"0.0.0.0"` as a listen address',
  severity: 'warning',
  confidence: 'medium',
  cwe: 605,
  fix: 'none',
  fixSafety: 'none',
  match: { strings: [ALL_INTERFACES] },
  docs: {
    whatItDoes:
      'Flags the literal `"0.0.0.0"` where it is used as an address to listen on (also as the default of `os.getenv("HOST", "0.0.0.0")` / `os.environ.get(…)` in such a place): a keyword argument or parameter default named like an address (`host=`, `bind=`, `listen=`, `server_name=`, `ip=`, …), an assignment to such a name or dictionary key (`HOST = "0.0.0.0"`, `{"host": "0.0.0.0"}`), the first element of a `(host, port)` socket address, the first argument of `bind` / `listen` / `run` / `serve` / `launch` / `create_server` / `make_server`, and the `default=` of a command-line option named like an address (`add_argument("--host", default="0.0.0.0")`).',
    whyBad:
      'Listening on 0.0.0.0 accepts connections on every network interface — the office network, the cloud VPC, a public IP — not just the machine itself. Model servers, notebooks, TensorBoard and debugging endpoints started this way are reachable, and usually unauthenticated, from anywhere that can route to the host.',
    example: 'import uvicorn\n\nuvicorn.run(app, host="0.0.0.0", port=8000)',
    useInstead: 'import os\nimport uvicorn\n\n# loopback by default; opt in to exposure where it is needed (a container)\nuvicorn.run(app, host=os.environ.get("HOST", "127.0.0.1"), port=8000)',
    fixSafety: 'No fix: inside a container, binding all interfaces is often what you want; choose per deployment.',
    options:
      'None. A `"0.0.0.0"` elsewhere — a comparison, a log message, an allow-list entry — is not reported: Bandit reports every such string, we report the ones that configure a listener. Not reported either: the address a client connects to — a keyword of a call whose name says client, connection, session, proxy or remote (`VLLMClient(host="0.0.0.0")`), and defaults and assignments inside a class or function named so, or to a name that says so (`client_host`).',
    differencesFromBandit:
      'Bandit reports every string equal to `"0.0.0.0"`, wherever it is. Because mlsec reports fewer, ML904 never calls a `# nosec B104` unused: Bandit may still need it. In a container image where exposure is intended, silence with `# nosec B104 # container port, published by compose`.',
    references: ['https://bandit.readthedocs.io/en/latest/plugins/b104_hardcoded_bind_all_interfaces.html', cweUrl(605)],
  },
  check(node: Node, ctx: RuleContext) {
    const literal = wholeLiteral(node);
    if (!literal || !literal.text.includes(ALL_INTERFACES)) return;
    const v = ctx.evaluate(literal);
    if (v.kind !== 'str' || v.value !== ALL_INTERFACES) return;
    const why = bindContext(literal);
    if (!why) return;
    ctx.report({
      message: `Binding to 0.0.0.0 (${why}) listens on every network interface; bind to 127.0.0.1 unless the service must be reachable from other hosts`,
      node: literal,
      scopeNode: literal,
    });
  },
});
