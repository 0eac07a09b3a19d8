import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { quoteOf, replaceNode } from '../fixes/edits';
import { hubCall, isLocalPath, literalRepoId, FULL_SHA, SHORT_SHA, HUB_CALLS } from './hf';
import { argState } from './argState';
import type { Fix } from '../analysis/types';
import { REVISION_PLACEHOLDER } from './B615-hf-unpinned-download';

export default defineRule({
  code: 'ML101',
  name: 'hf-mutable-revision',
  summary: '`revision=` a branch, tag or `refs/pr/N` instead of a commit',
  severity: 'warning',
  confidence: 'high',
  cwe: 494,
  fix: 'sometimes',
  fixSafety: 'unsafe',
  match: { calls: HUB_CALLS },
  docs: {
    whatItDoes:
      'Flags Hugging Face downloads (the calls B615 checks) whose `revision=` (or `commit_id=`) is a string literal that is not a commit: a branch such as `"main"`, a tag such as `"v1.0"`, or a pull-request ref `"refs/pr/12"`.',
    whyBad:
      "A branch, a tag and a pull-request ref are names the repository owner can move. Passing one looks like pinning but still downloads whatever the name points at when the code runs; `refs/pr/N` even runs a stranger's unmerged change. Only a commit SHA names fixed content.",
    example: 'from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained("org/model", revision="main")',
    useInstead: 'from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained("org/model", revision="5d0f2e8a7f1b6f9e2c3d4a5b6c7d8e9f0a1b2c3d")',
    fixSafety:
      'The fix replaces the value with a commit SHA: the commit the local Hugging Face cache records for `main` when the revision is `"main"` and the repo id is a literal that is cached; otherwise a snippet with a placeholder to fill in. It is unsafe: review that the commit is the one you mean.',
    options:
      'Not reported: a 40-hex-character commit; 7 to 39 hex characters (an abbreviated commit, as B615 accepts); a revision that is not a string literal (a name bound once to a literal counts as that literal); `local_files_only=True`; a local path as the repo (see B615). A `refs/pr/N` revision has its own message.',
    references: ['https://huggingface.co/docs/huggingface_hub/guides/download#from-specific-version', cweUrl(494)],
  },
  check(call: Node, ctx: RuleContext) {
    const hub = hubCall(call, ctx);
    if (!hub) return;
    const local = argState(call, ctx, 'local_files_only');
    if ((local.kind === 'keyword' || local.kind === 'splat') && local.truth === true) return;
    const repoValue = hub.repoArg ? ctx.evaluate(hub.repoArg) : undefined;
    if (hub.repoArg && repoValue && isLocalPath(repoValue)) return;
    let state = argState(call, ctx, 'revision');
    if (state.kind === 'absent' || state.kind === 'unknown-splat') state = argState(call, ctx, 'commit_id');
    if (state.kind !== 'keyword' && state.kind !== 'splat') return;
    const value = state.value;
    if (!value || value.kind !== 'str') return;
    const rev = value.value;
    if (FULL_SHA.test(rev) || SHORT_SHA.test(rev)) return;
    const repoId = repoValue ? literalRepoId(repoValue) : undefined;
    const what = repoId ? `"${repoId}"` : 'the repository';
    const isPlaceholder = rev === REVISION_PLACEHOLDER;
    const message = isPlaceholder
      ? `\`${hub.display}\` still has the placeholder revision "${rev}" for ${what}: fill in the commit SHA to pin`
      : /^refs\/pr\/\d+$/.test(rev)
        ? `\`${hub.display}\` downloads the pull request "${rev}" of ${what}: unreviewed content that can change; pin a commit SHA`
        : `\`${hub.display}\` pins ${what} to "${rev}", a name that can be moved; pin a commit SHA`;
    if (state.kind === 'splat') {
      ctx.report({ message, node: call.childForFieldName('function') as Node, scopeNode: call });
      return;
    }
    const cached = repoId && rev === 'main' ? ctx.cachedCommit(repoId, hub.repoType) : undefined;
    const q = quoteOf(state.kw.value) ?? '"'; // keep the user's quote style
    // A placeholder left by the pin fix gets no second placeholder fix: it needs a real SHA.
    const fixes: Fix[] = isPlaceholder
      ? []
      : [
          cached && cached.ref === rev
            ? { title: `Pin revision to ${cached.sha.slice(0, 7)} (cached ${cached.ref})`, safety: 'unsafe', edits: [replaceNode(state.kw.value, `${q}${cached.sha}${q}`)] }
            : { title: 'Pin revision to a commit SHA', safety: 'unsafe', snippet: true, edits: [replaceNode(state.kw.value, `${q}\${1:${REVISION_PLACEHOLDER}}${q}`)] },
        ];
    ctx.report({
      message,
      node: state.kw.node,
      scopeNode: call,
      fixes,
      data: repoId ? { repoId, repoType: hub.repoType, ...(cached ? { cachedSha: cached.sha } : {}) } : { repoType: hub.repoType },
    });
  },
});
