import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext } from './rule';
import { addKeywordArgument, quoteOf, replaceNode } from '../fixes/edits';
import { argState, calleeNode } from './argState';
import { hubCall, isLocalPath, namesDirectory, literalRepoId, FULL_SHA, SHORT_SHA, HUB_CALLS } from './hf';
import { truthiness, StaticValue } from '../analysis/values';
import type { Fix } from '../analysis/types';

export const REVISION_PLACEHOLDER = 'COMMIT_SHA';

/**
 * Whether a revision value leaves the download unpinned for B615: only `None` does. A commit is
 * pinned, a branch or tag name is ML101's finding, anything not literal gets the benefit of the doubt.
 */
function pinsCommit(v: StaticValue): boolean | undefined {
  if (v.kind === 'none') return false;
  if (v.kind !== 'str') return undefined;
  return FULL_SHA.test(v.value) || SHORT_SHA.test(v.value) ? true : undefined;
}

export default defineRule({
  code: 'B615',
  name: 'hf-unpinned-download',
  summary: 'Hugging Face downloads without a pinned commit `revision`',
  severity: 'warning',
  confidence: 'high',
  cwe: 494,
  fix: 'always',
  fixSafety: 'unsafe',
  match: { calls: HUB_CALLS },
  docs: {
    whatItDoes:
      'Flags downloads from the Hugging Face Hub that are not pinned to a commit: `from_pretrained` on any class imported from `transformers`, `diffusers`, `peft`, `sentence_transformers`, `timm`, `optimum` or `accelerate`; `huggingface_hub.hf_hub_download`, `snapshot_download` and `hf_hub_url`; `datasets.load_dataset`; `transformers.pipeline(model=...)`; and `SentenceTransformer(...)` / `CrossEncoder(...)` — when no `revision=` (or `commit_id=`) is given, or it is `None`.',
    whyBad:
      "Without a pinned revision the call fetches whatever the repository's `main` branch holds at run time. Whoever controls the repository — its owner, or anyone who takes over the account — can replace the weights, the tokenizer or the remote code you load, and your training and inference change silently. A commit SHA is immutable.",
    example: 'from transformers import AutoModel\nfrom huggingface_hub import hf_hub_download\n\nmodel = AutoModel.from_pretrained("org/model")\npath = hf_hub_download("org/model", "config.json")',
    useInstead:
      'from transformers import AutoModel\nfrom huggingface_hub import hf_hub_download\n\nmodel = AutoModel.from_pretrained("org/model", revision="5d0f2e8a7f1b6f9e2c3d4a5b6c7d8e9f0a1b2c3d")\npath = hf_hub_download("org/model", "config.json", revision="5d0f2e8a7f1b6f9e2c3d4a5b6c7d8e9f0a1b2c3d")',
    fixSafety:
      'The fix inserts `revision="<sha>"`. When the repo id is a string literal and the repo is in the local Hugging Face cache (`$HF_HUB_CACHE`, else `$HF_HOME/hub`, else `~/.cache/huggingface/hub`), the SHA is the commit its cached `main` points at; otherwise a placeholder is inserted for you to fill in. It is unsafe: a pinned commit stops future updates of the model, which is the point, but review the SHA.',
    options:
      'Not reported: a literal `revision` of 40 hex characters; 7 to 39 hex characters (an abbreviated commit, accepted as Bandit does); a revision that cannot be evaluated statically (a variable: benefit of the doubt); a branch or tag name (reported by ML101 instead); `local_files_only=True`; a repo argument that is provably local — a string starting `./`, `../`, `/`, `~` or a drive letter, or an `os.path` or `pathlib` expression; `load_dataset` of a packaged builder (`"csv"`, `"json"`, `"parquet"`, …) unless its `data_files` or `data_dir` hold `hf://` URLs; `pipeline(task)` without a model. A repo id held in a variable is reported: `model_name_or_path` is the Hub\'s own name for a repo id, and `model_path` often holds one — with medium confidence, low when the name says it is a directory (`output_dir`, `self.model_dir`); with an unknown `**kwargs` that might carry the revision, low. `PeftModel.from_pretrained(model, model_id)` is judged by its second argument, the adapter repo.',
    differencesFromBandit:
      'Bandit also reports `~` paths, `os.path`/`pathlib` expressions, `local_files_only=True` and packaged builders over local files (none downloads anything), and a revision passed through `**kwargs` (mlsec evaluates it). Bandit looks only at `transformers`, `datasets` and `huggingface_hub`; mlsec also at `diffusers`, `peft`, `sentence_transformers`, `timm`, `optimum`, `accelerate` and `transformers.pipeline`. A branch or tag name (`revision="main"`) is B615 for Bandit and ML101 for mlsec; `# nosec B615` silences both.',
    references: [
      'https://huggingface.co/docs/huggingface_hub/guides/download#from-specific-version',
      'https://bandit.readthedocs.io/en/latest/plugins/b615_huggingface_unsafe_download.html',
      'https://cwe.mitre.org/data/definitions/494.html',
    ],
  },
  check(call: Node, ctx: RuleContext) {
    const hub = hubCall(call, ctx);
    if (!hub) return;
    const fn = calleeNode(call);

    const localOnly = argState(call, ctx, 'local_files_only');
    if (localOnly.kind === 'keyword' && truthiness(localOnly.value) === true) return;
    const repoValue = hub.repoArg ? ctx.evaluate(hub.repoArg) : undefined;
    if (repoValue && isLocalPath(repoValue)) return;

    const revision = argState(call, ctx, 'revision');
    const commitId = revision.kind === 'keyword' ? revision : argState(call, ctx, 'commit_id');
    const revisionKw = revision.kind === 'keyword' ? revision.kw : commitId.kind === 'keyword' ? commitId.kw : undefined;
    let flagNode: Node = fn;
    // A literal repo id (or hf:// data files): high. A variable may hold a repo id or a folder: medium,
    // low when its name says it is a directory (`output_dir`).
    let confidence: 'high' | 'medium' | 'low' = (repoValue && literalRepoId(repoValue)) || hub.hubUrls ? 'high' : hub.repoArg && namesDirectory(hub.repoArg) ? 'low' : 'medium';
    if (revisionKw) {
      const pinned = pinsCommit(ctx.evaluate(revisionKw.value));
      if (pinned !== false) return; // a commit, a branch name (ML101) or a variable
      flagNode = revisionKw.node;
    } else {
      if (revision.kind === 'splat') {
        if (!revision.value || pinsCommit(revision.value) !== false) return;
      } else if (revision.kind === 'unknown-splat') {
        confidence = 'low';
      }
      if (localOnly.kind === 'splat' && localOnly.value && truthiness(localOnly.value) === true) return;
    }

    const repoId = repoValue ? literalRepoId(repoValue) : undefined;
    const cached = repoId ? ctx.cachedCommit(repoId, hub.repoType) : undefined;
    // The SHA is written with the quote the repo id uses (`'org/name'` → `'<sha>'`): it also keeps an
    // f-string interpolation valid on Pythons before 3.12.
    const q = quoteOf(hub.repoArg) ?? '"';
    const sha = cached ? `${q}${cached.sha}${q}` : `${q}\${1:${REVISION_PLACEHOLDER}}${q}`;
    const title = cached ? `Pin revision to ${cached.sha.slice(0, 7)} (cached ${cached.ref})` : 'Pin revision to a commit SHA';
    const edits = revisionKw ? [replaceNode(revisionKw.value, sha)] : addKeywordArgument(call, `revision=${sha}`, ctx.text);
    const fix: Fix = cached ? { title, safety: 'unsafe', edits } : { title, safety: 'unsafe', snippet: true, edits };
    const what = repoId ? `"${repoId}"` : 'the repository';
    ctx.report({
      message: revisionKw
        ? `\`${hub.display}\` with \`revision=None\` downloads whatever ${what} holds now; pin \`revision\` to a commit SHA`
        : `\`${hub.display}\` downloads ${what} without a pinned revision; pass \`revision="<commit sha>"\``,
      node: flagNode,
      scopeNode: call,
      confidence,
      fixes: [fix],
      data: repoId ? { repoId, repoType: hub.repoType, ...(cached ? { cachedSha: cached.sha } : {}) } : { repoType: hub.repoType },
    });
  },
});
