import type { Node } from 'web-tree-sitter';
import { defineRule, RuleContext, cweUrl } from './rule';
import { hubCall, isLocalPath, HF_LIBRARIES } from './hf';
import { argState, calleeNode } from './argState';

const HF_ROOTS = new Set([...HF_LIBRARIES, 'huggingface_hub', 'datasets']);

export default defineRule({
  code: 'ML102',
  name: 'hf-trust-remote-code',
  summary: '`trust_remote_code=True` in Hugging Face calls',
  severity: 'error',
  confidence: 'high',
  cwe: 94,
  fix: 'none',
  fixSafety: 'none',
  match: { calls: [...HF_ROOTS].map((root) => `${root}.*`), words: ['trust_remote_code'] },
  docs: {
    whatItDoes:
      'Flags `trust_remote_code=True` (by keyword, through a `**` dictionary, or a name bound once to `True`) in calls of the Hugging Face libraries: `from_pretrained` of `AutoModel`, `AutoConfig`, `AutoTokenizer`, `AutoProcessor` and friends, `pipeline`, `datasets.load_dataset` and any other function or class of `transformers`, `diffusers`, `peft`, `sentence_transformers`, `timm`, `optimum`, `accelerate`, `huggingface_hub` or `datasets`.',
    whyBad:
      'With `trust_remote_code=True` the library downloads Python files from the model or dataset repository (`modeling_*.py`, a dataset loading script) and imports them. Whoever can push to that repository runs code on your machine, with your credentials and data, every time the code runs — and without a pinned `revision` (B615) you run whatever they pushed last.',
    example: 'from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained("org/model", trust_remote_code=True)',
    useInstead:
      'from transformers import AutoModel\n\n# an architecture that ships with transformers\nmodel = AutoModel.from_pretrained("org/model", revision="5d0f2e8a7f1b6f9e2c3d4a5b6c7d8e9f0a1b2c3d")\n# if remote code is unavoidable: review it at a pinned commit, then\n# model = AutoModel.from_pretrained("org/model", revision="<reviewed sha>", trust_remote_code=True)  # nosec ML102 # reviewed at <sha>',
    fixSafety:
      'No fix: removing the flag breaks loading for architectures that exist only as remote code. After reviewing the code at a pinned commit, silence the line with a justification: `# nosec ML102 # reviewed modeling code at <sha>`.',
    options:
      'A `trust_remote_code` value that cannot be evaluated statically (a command-line flag, a parameter) is given the benefit of the doubt. When the repository argument is a local path the finding has medium confidence: the code is on your disk, but usually it came from a download.',
    references: ['https://huggingface.co/docs/transformers/models#custom-models', 'https://huggingface.co/docs/datasets/loading#security', cweUrl(94)],
  },
  check(call: Node, ctx: RuleContext) {
    const callee = ctx.calleeName(call);
    if (!callee || !HF_ROOTS.has(callee.split('.')[0])) return;
    const state = argState(call, ctx, 'trust_remote_code');
    if ((state.kind !== 'keyword' && state.kind !== 'splat') || state.truth !== true) return;
    const hub = hubCall(call, ctx);
    const repoValue = hub?.repoArg ? ctx.evaluate(hub.repoArg) : undefined;
    const local = !!(hub?.repoArg && repoValue && isLocalPath(repoValue));
    const display = hub?.display ?? callee.split('.').slice(-2).join('.');
    ctx.report({
      message: `\`${display}\` with \`trust_remote_code=True\` imports and runs Python code from the ${local ? 'model folder' : 'repository'}; review it at a pinned commit or use a built-in architecture`,
      node: state.kind === 'keyword' ? state.kw.node : calleeNode(call),
      scopeNode: call,
      confidence: local ? 'medium' : 'high',
    });
  },
});
