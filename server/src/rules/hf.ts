// The Hugging Face download family shared by B615, ML101 and ML102: which calls fetch from the hub,
// which argument names the repo, and whether that argument is a local path instead.
import type { Node } from 'web-tree-sitter';
import type { StaticValue } from '../analysis/values';
import type { RepoType } from '../analysis/hfCache';
import type { RuleContext } from './rule';
import { argumentNode } from './argState';

export const HF_LIBRARIES = ['transformers', 'diffusers', 'peft', 'sentence_transformers', 'timm', 'optimum', 'accelerate'];
const HUB_FUNCTIONS = new Set(['hf_hub_download', 'snapshot_download', 'hf_hub_url']);
const HUB_CLASSES = ['SentenceTransformer', 'CrossEncoder'];
/** `datasets.load_dataset` builders that read local files rather than a hub repository. */
const PACKAGED_BUILDERS = new Set(['csv', 'json', 'parquet', 'text', 'arrow', 'pandas', 'imagefolder', 'audiofolder', 'videofolder', 'webdataset', 'sql', 'generator', 'xml', 'pdffolder']);

export interface HubCall {
  callee: string;
  /** Short form for messages: `AutoModel.from_pretrained`, `hf_hub_download`. */
  display: string;
  /** Expression naming the repo (or local path), when given. */
  repoArg: Node | null;
  repoType: RepoType;
  /** A packaged `load_dataset` builder whose data files are `hf://` URLs. */
  hubUrls?: boolean;
}

/** Whether an expression holds a string literal that is an `hf://` URL (in a list or dict too). */
function holdsHubUrl(node: Node): boolean {
  if (node.type === 'string') return /^[A-Za-z]*["']+hf:\/\//.test(node.text);
  return node.namedChildren.some((c) => !!c && holdsHubUrl(c));
}

function lastSegments(name: string, n: number): string {
  return name.split('.').slice(-n).join('.');
}

/** Recognises a Hugging Face download call; `null` for everything else. */
export function hubCall(call: Node, ctx: RuleContext): HubCall | null {
  const callee = ctx.calleeName(call);
  if (!callee) return null;
  const root = callee.split('.')[0];
  const last = callee.slice(callee.lastIndexOf('.') + 1);
  if (last === 'from_pretrained' && HF_LIBRARIES.includes(root)) {
    const cls = callee.split('.').slice(-2)[0];
    // peft's PeftModel.from_pretrained(base_model, model_id): the adapter repo is the second argument.
    const isPeftAdapter = root === 'peft' && /^PeftModel/.test(cls);
    const repoArg = isPeftAdapter ? argumentNode(call, ctx, 'model_id', 1) : argumentNode(call, ctx, 'pretrained_model_name_or_path', 0);
    return { callee, display: lastSegments(callee, 2), repoArg, repoType: 'model' };
  }
  if (root === 'huggingface_hub' && HUB_FUNCTIONS.has(last)) {
    const typeArg = argumentNode(call, ctx, 'repo_type');
    const typeValue = typeArg ? ctx.evaluate(typeArg) : undefined;
    const repoType: RepoType = typeValue?.kind === 'str' && (typeValue.value === 'dataset' || typeValue.value === 'space') ? typeValue.value : 'model';
    return { callee, display: last, repoArg: argumentNode(call, ctx, 'repo_id', 0), repoType };
  }
  if (callee === 'datasets.load_dataset') {
    const repoArg = argumentNode(call, ctx, 'path', 0);
    if (repoArg) {
      const v = ctx.evaluate(repoArg);
      // A packaged builder reads the files it is given; it downloads from the Hub only when they
      // are `hf://` URLs (then the repo is in the URL and the revision applies to it).
      if (v.kind === 'str' && PACKAGED_BUILDERS.has(v.value)) {
        const files = [argumentNode(call, ctx, 'data_dir', 2), argumentNode(call, ctx, 'data_files', 3)];
        if (!files.some((f) => f && holdsHubUrl(f))) return null;
        return { callee, display: 'load_dataset', repoArg: null, repoType: 'dataset', hubUrls: true };
      }
    }
    return { callee, display: 'load_dataset', repoArg, repoType: 'dataset' };
  }
  if (callee === 'transformers.pipeline') {
    const repoArg = argumentNode(call, ctx, 'model', 1);
    if (!repoArg) return null; // without a model the task's default model is used: see the docs
    return { callee, display: 'pipeline', repoArg, repoType: 'model' };
  }
  if (root === 'sentence_transformers' && HUB_CLASSES.includes(last)) {
    const repoArg = argumentNode(call, ctx, last === 'CrossEncoder' ? 'model_name_or_path' : 'model_name_or_path', 0) ?? argumentNode(call, ctx, 'model_name', 0);
    if (!repoArg) return null;
    return { callee, display: last, repoArg, repoType: 'model' };
  }
  return null;
}

/** Every callee hubCall recognises, as call patterns (RuleMatch.calls). */
export const HUB_CALLS: readonly string[] = [
  ...HF_LIBRARIES.map((library) => `${library}.*.from_pretrained`),
  ...[...HUB_FUNCTIONS].map((f) => `huggingface_hub.*.${f}`),
  'datasets.load_dataset',
  'transformers.pipeline',
  ...HUB_CLASSES.map((cls) => `sentence_transformers.*.${cls}`),
];

const LOCAL_PREFIXES = ['./', '../', '/', '~', '.\\', '..\\'];
/** Names that say they hold a directory (`output_dir`, `cache_folder`): a repo id there is unlikely. */
const DIRECTORY_NAME = /(dir|directory|folder)$/i;

/** A string that is a local filesystem path rather than a hub repo id. */
export function isLocalPathText(s: string): boolean {
  return s === '.' || s === '..' || LOCAL_PREFIXES.some((p) => s.startsWith(p)) || /^[A-Za-z]:[\\/]/.test(s);
}

/**
 * Whether the repo argument is provably a local path: a string starting `./ ../ / ~` or a drive
 * letter, or an `os.path` / `pathlib` expression. A name is never proof: `model_name_or_path` is the
 * Hub's own name for a repo id, and `model_path` often holds one.
 */
export function isLocalPath(value: StaticValue): boolean {
  if (value.kind === 'path') return true;
  if (value.kind === 'str' || value.kind === 'fstring') {
    const text = value.kind === 'str' ? value.value : value.prefix;
    return isLocalPathText(text);
  }
  return false;
}

/** Whether the repo argument's name says it is a directory (`output_dir`, `self.cache_folder`, `str(x_dir)`). */
export function namesDirectory(node: Node): boolean {
  let n: Node | null = node;
  // str(x) / os.fspath(x) wrappers: look at x.
  while (n && n.type === 'call') {
    const fn = n.childForFieldName('function');
    const args = n.childForFieldName('arguments');
    if (!fn || !args || !['str', 'os.fspath', 'fspath'].includes(fn.text)) break;
    n = args.namedChildren.find((c) => c?.type !== 'comment') ?? null;
  }
  if (!n) return false;
  if (n.type === 'identifier') return DIRECTORY_NAME.test(n.text);
  if (n.type === 'attribute') {
    const attr = n.childForFieldName('attribute');
    return !!attr && DIRECTORY_NAME.test(attr.text);
  }
  return false;
}

export const FULL_SHA = /^[0-9a-f]{40}$/;
export const SHORT_SHA = /^[0-9a-f]{7,39}$/;

/** The repo id when the argument is a literal hub id (`org/name`, `gpt2`). */
export function literalRepoId(value: StaticValue): string | undefined {
  if (value.kind !== 'str' || isLocalPathText(value.value)) return undefined;
  return /^[\w.-]+(\/[\w.-]+)?$/.test(value.value) ? value.value : undefined;
}
