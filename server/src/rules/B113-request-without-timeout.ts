import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { addKeywordArgument, replaceNode } from '../fixes/edits';
import { argState, calleeNode } from './argState';

const REQUESTS_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);
const HTTPX_CALLS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream', 'Client', 'AsyncClient']);

/** `requests.get` / `requests.api.get` → the verb; undefined for other names. */
function requestsVerb(callee: string): string | undefined {
  const m = /^requests(?:\.api)?\.(\w+)$/.exec(callee);
  return m && REQUESTS_VERBS.has(m[1]) ? m[1] : undefined;
}

function isHttpxCall(callee: string): boolean {
  const m = /^httpx\.(\w+)$/.exec(callee);
  return !!m && HTTPX_CALLS.has(m[1]);
}

export default defineRule({
  code: 'B113',
  name: 'request-without-timeout',
  summary: '`requests` calls without `timeout`, `timeout=None` on requests/httpx',
  severity: 'warning',
  confidence: 'high',
  cwe: 400,
  fix: 'always',
  fixSafety: 'mixed',
  match: { calls: ['requests.*', 'httpx.*'] },
  docs: {
    whatItDoes:
      'Flags `requests.get/post/put/patch/delete/head/options/request` calls without a `timeout`, and any `requests` or `httpx` call — including `httpx.Client(...)` and `httpx.AsyncClient(...)` — that passes `timeout=None`.',
    whyBad:
      '`requests` waits forever by default. A server that accepts the connection and never answers — or a network that drops packets — hangs the data loader, the training job or the web worker that made the call, and nothing reports why. `httpx` has a default timeout, but `timeout=None` switches it off.',
    example: 'import requests\nimport httpx\n\nr = requests.get(url)\nclient = httpx.Client(timeout=None)',
    useInstead: 'import requests\nimport httpx\n\nr = requests.get(url, timeout=30)\nclient = httpx.Client(timeout=30)',
    fixSafety:
      'Safe, except next to `**kwargs`. The fix inserts `timeout=<default>` or replaces `None` with it; the default is 30 seconds, set by `mlsec.defaultTimeout` or `default-timeout` in `[tool.mlsec]`. When the call also passes `**kwargs` whose keys mlsec cannot see, the inserted keyword is unsafe: a caller that already puts `timeout` in those `kwargs` would get a `TypeError` (keyword given twice), so it is offered one click at a time and never applied by fix-all, on save or by `--fix`.',
    options:
      '`default-timeout` (`[tool.mlsec]`) / `mlsec.defaultTimeout`: the number of seconds the fix inserts. A `timeout` that cannot be evaluated statically is accepted. When an unknown `**kwargs` might carry the timeout, the finding has low confidence. Calls on a `requests.Session` object are not tracked.',
    differencesFromBandit:
      'mlsec reads a `timeout` carried in a `**` dictionary it can evaluate (`opts = {"timeout": 5}; requests.get(u, **opts)`); Bandit reports the call. mlsec resolves `requests` through the file\'s imports; Bandit matches the spelling, so a `requests.get` of a name never imported is reported by Bandit only.',
    references: [
      'https://requests.readthedocs.io/en/latest/user/advanced/#timeouts',
      'https://www.python-httpx.org/advanced/timeouts/',
      'https://bandit.readthedocs.io/en/latest/plugins/b113_request_without_timeout.html',
      cweUrl(400),
    ],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (!callee) return;
    const verb = requestsVerb(callee);
    const isRequests = callee.startsWith('requests.');
    if (!verb && !isRequests && !isHttpxCall(callee)) return;
    const fn = calleeNode(call);
    const display = callee.replace(/^requests\.api\./, 'requests.');
    const seconds = String(ctx.config.defaultTimeout);
    const state = argState(call, ctx, 'timeout');
    if (state.kind === 'keyword') {
      if (state.value.kind === 'none') {
        ctx.report({
          message: `\`${display}\` with \`timeout=None\` can wait forever; set a timeout in seconds`,
          node: state.kw.node,
          scopeNode: call,
          fixes: [{ title: `Set timeout=${seconds}`, safety: 'safe', edits: [replaceNode(state.kw.value, seconds)] }],
        });
      }
      return;
    }
    if (!verb) return; // httpx has a default timeout; other requests functions take none
    if (state.kind === 'splat') {
      if (state.value?.kind === 'none') {
        ctx.report({ message: `\`${display}\` gets \`timeout=None\` through \`**\` arguments and can wait forever; set a timeout in seconds`, node: fn, scopeNode: call });
      }
      return;
    }
    ctx.report({
      message:
        state.kind === 'unknown-splat'
          ? `\`${display}\` may be called without a timeout (it is not among the visible \`**\` arguments); pass \`timeout=\` explicitly`
          : `\`${display}\` without a timeout can wait forever; pass \`timeout=${seconds}\` (seconds)`,
      node: fn,
      scopeNode: call,
      confidence: state.kind === 'unknown-splat' ? 'low' : 'high',
      // With `**kwargs` whose keys are unknown, a caller that passes `timeout` in them would get a
      // TypeError (keyword given twice): the fix can break working code, so it is offered, not applied.
      fixes: [{ title: `Add timeout=${seconds}`, safety: state.kind === 'unknown-splat' ? 'unsafe' : 'safe', edits: addKeywordArgument(call, `timeout=${seconds}`, ctx.text) }],
    });
  },
});
