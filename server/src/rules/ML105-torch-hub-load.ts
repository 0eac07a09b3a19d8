import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { argState, calleeNode, argumentNode } from './argState';

const HUB_LOADERS = new Set(['torch.hub.load', 'torch.hub.list', 'torch.hub.help']);

export default defineRule({
  code: 'ML105',
  name: 'torch-hub-load',
  summary: '`torch.hub.load` from GitHub (error without a `:ref` or with `trust_repo=True`)',
  severity: 'error',
  confidence: 'high',
  cwe: 494,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: [...HUB_LOADERS] },
  docs: {
    whatItDoes:
      'Flags `torch.hub.load` (and `torch.hub.list` / `torch.hub.help`, which import the same file) from a GitHub repository. It is an error when the repository reference has no `:ref` (a tag, branch or commit after a colon) or when `trust_repo=True` skips the trust prompt; with a `:ref` and without `trust_repo=True` it is a warning.',
    whyBad:
      '`torch.hub.load("owner/repo", ...)` downloads the repository and imports its `hubconf.py`: that is running someone else\'s Python code. Without a ref it runs whatever the default branch holds today, and `trust_repo=True` removes the one question PyTorch asks before doing so. The weights it then fetches are usually unpickled as well.',
    example: 'import torch\n\nmodel = torch.hub.load("pytorch/vision", "resnet50", trust_repo=True)',
    useInstead:
      'import torch\nimport torchvision\n\n# a package you install and pin instead of code fetched at run time\nmodel = torchvision.models.resnet50(weights="IMAGENET1K_V2")\n# or, if hub is needed: a reviewed repo at a commit\nmodel = torch.hub.load("pytorch/vision:6db1569c89094cf23f3bc41f79275c45e9fcb3f3", "resnet50")',
    fixSafety: 'No fix: pinning needs a ref you have reviewed.',
    options:
      'Not reported: `source="local"` (the `hubconf.py` of a directory you already have). A repository argument that is not a string literal is reported as an error at medium confidence. A `:ref` is accepted whatever it names; a commit SHA is the only immutable choice.',
    references: ['https://pytorch.org/docs/stable/hub.html#torch.hub.load', cweUrl(494)],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (!callee || !HUB_LOADERS.has(callee)) return;
    const source = argState(call, ctx, 'source');
    if (source.kind === 'keyword' && source.value.kind === 'str' && source.value.value === 'local') return;
    const repoNode = argumentNode(call, ctx, callee === 'torch.hub.load' ? 'repo_or_dir' : 'github', 0);
    const repo = repoNode ? ctx.evaluate(repoNode) : undefined;
    const trust = argState(call, ctx, 'trust_repo');
    const trusted = (trust.kind === 'keyword' || trust.kind === 'splat') && trust.value?.kind === 'bool' && trust.value.value === true;
    if (repo?.kind === 'str') {
      const pinned = repo.value.includes(':');
      ctx.report({
        message: !pinned
          ? `\`${callee}("${repo.value}")\` imports the repository's hubconf.py from its default branch; pin a reviewed commit with "owner/repo:<sha>"`
          : trusted
            ? `\`${callee}\` with \`trust_repo=True\` imports "${repo.value}"'s hubconf.py without asking; review the code at that ref`
            : `\`${callee}\` imports "${repo.value}"'s hubconf.py: it runs code from that repository`,
        node: calleeNode(call),
        scopeNode: call,
        severity: !pinned || trusted ? 'error' : 'warning',
      });
      return;
    }
    ctx.report({
      message: `\`${callee}\` imports a repository's hubconf.py: it runs code fetched at run time`,
      node: calleeNode(call),
      scopeNode: call,
      confidence: 'medium',
    });
  },
});
