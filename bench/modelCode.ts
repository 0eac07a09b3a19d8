// A deterministic generator of one class-heavy module in the shape of real model code: a few huge
// classes (a loader, a trainer, an nn.Module, an HTTP client), each with 40+ methods of 10–60 lines
// — docstrings, decorators, nested defs, `self.` attributes, torch / transformers / requests /
// subprocess / yaml calls — with a few small functions around them. This is the shape where the
// incremental unit matters: one keystroke inside a 2,000-line class.
// The risky calls are written safe except `unsafeSites` of them, chosen by position (evenly spread
// over the calls), never by the random stream: the same seed gives the same text around them for
// any number of unsafe sites, so the 100-finding file is the few-finding file with more holes.
import { rng } from './random';
import { ADJ, CodeWriter, COMMON_NOUNS, COMMON_VERBS } from './codeWriter';

const NOUNS = [
  ...COMMON_NOUNS,
  'vocab',
  'mask',
  'logit',
  'image',
  'chunk',
  'window',
  'checkpoint',
  'dataset',
  'prompt',
  'response',
  'cache',
  'result',
  'adapter',
  'head',
  'state',
  'artifact',
  'manifest',
];
const VERBS = [...COMMON_VERBS, 'fetch', 'sync', 'restore', 'register', 'resolve', 'warm', 'refresh', 'render', 'upload', 'download'];
const CLASS_ROLES = ['ModelLoader', 'Trainer', 'Backbone', 'InferenceClient'] as const;
const SHA = '5d0f2e8a7f1b6f9e2c3d4a5b6c7d8e9f0a1b2c3d';

export interface ModelFileOptions {
  /** Lines to reach (the file ends after the class being written reaches it). */
  lines: number;
  /** 3 or 4. */
  classes?: number;
  /** How many risky calls are written unsafe (evenly spread)… */
  unsafeSites?: number;
  /** …or which share of them (when unsafeSites is not given). */
  unsafeRate?: number;
  /** Methods per class at least (default 40; the lines are reached either way). */
  minMethods?: number;
}

class Writer extends CodeWriter {
  /** Index of every risky call written so far; the decision is made after the fact (see top). */
  riskySites = 0;
  constructor(
    seed: number,
    private readonly unsafe: (site: number) => boolean,
  ) {
    super(rng(seed), NOUNS);
  }
  /** The next risky call site: true when it is to be written unsafe. */
  risky(): boolean {
    return this.unsafe(this.riskySites++);
  }
}

/** One statement block (2–9 lines) of a method body at `ind`, using `self` attributes. */
function block(w: Writer, ind: number, attrs: string[]): void {
  const a = w.pick(attrs);
  const v = w.name();
  switch (w.int(0, 13)) {
    case 0:
      w.line(ind, `${v} = self.${a}.get("${w.name()}", ${w.int(0, 64)})`);
      w.line(ind, `if ${v} is None or ${v} < ${w.int(1, 8)}:`);
      w.line(ind + 1, `logger.debug("%s: ${w.pick(ADJ)} ${w.pick(NOUNS)} missing, using defaults", type(self).__name__)`);
      w.line(ind + 1, `${v} = ${w.int(1, 512)}`);
      return;
    case 1:
      w.line(ind, `for index, ${v} in enumerate(self.${a}):`);
      w.line(ind + 1, `if index % ${w.int(2, 50)} == 0:`);
      w.line(ind + 2, `self.${w.pick(attrs)}[str(index)] = ${v}`);
      w.line(ind + 1, `total_${v} = sum(x for x in (${v}, index) if isinstance(x, (int, float)))`);
      return;
    case 2:
      w.line(ind, `${v} = torch.${w.pick(['cat', 'stack'])}([t.to(self.device) for t in self.${a}], dim=${w.int(0, 1)})`);
      w.line(ind, `${v} = F.${w.pick(['gelu', 'relu', 'silu', 'softmax'])}(${v}${w.chance(0.5) ? ', dim=-1' : ''})`);
      return;
    case 3:
      w.line(ind, 'try:');
      w.line(ind + 1, `${v} = json.loads(Path(self.${a}).read_text(encoding="utf-8"))`);
      w.line(ind, 'except (OSError, ValueError) as exc:');
      w.line(ind + 1, `logger.warning("could not read %s: %s", self.${a}, exc)`);
      w.line(ind + 1, `${v} = {}`);
      return;
    case 4: {
      const inner = `_${w.pick(VERBS)}_one`;
      w.line(ind, `def ${inner}(item: Any) -> Any:`);
      w.line(ind + 1, `"""Applies the ${w.pick(ADJ)} transform to one ${w.pick(NOUNS)}."""`);
      w.line(ind + 1, `return item * ${w.int(2, 9)} if isinstance(item, (int, float)) else item`);
      w.line(ind);
      w.line(ind, `${v} = [${inner}(x) for x in self.${a} if x is not None]`);
      return;
    }
    case 5:
      w.line(ind, `with open(os.path.join(self.root, "${w.name()}.json"), encoding="utf-8") as handle:`);
      w.line(ind + 1, `${v} = json.load(handle)`);
      w.line(ind, `self.${a}.update({k: v for k, v in ${v}.items() if not k.startswith("_")})`);
      return;
    case 6:
      if (w.risky()) w.line(ind, `${v} = torch.load(self.checkpoint_path, map_location=self.device)`);
      else w.line(ind, `${v} = torch.load(self.checkpoint_path, map_location=self.device, weights_only=True)`);
      w.line(ind, `self.model.load_state_dict(${v}, strict=${w.pick(['True', 'False'])})`);
      return;
    case 7: {
      const rev = w.risky() ? '' : `, revision="${SHA}"`;
      w.line(ind, `self.tokenizer = AutoTokenizer.from_pretrained(self.model_name${rev})`);
      w.line(ind, `self.model = AutoModel.from_pretrained(`);
      w.line(ind + 1, `self.model_name,`);
      w.line(ind + 1, `torch_dtype=torch.${w.pick(['float16', 'bfloat16', 'float32'])},`);
      w.line(ind + 1, `${rev ? `revision="${SHA}",` : 'cache_dir=self.cache_dir,'}`);
      w.line(ind, ')');
      return;
    }
    case 8: {
      const seconds = w.int(5, 60); // drawn either way: the random stream must not depend on the choice
      const timeout = w.risky() ? '' : `, timeout=${seconds}`;
      w.line(ind, `response = requests.${w.pick(['get', 'post'])}(f"{self.base_url}/${w.pick(NOUNS)}s/{${a}_id}", headers=self.headers${timeout})`);
      w.line(ind, 'response.raise_for_status()');
      w.line(ind, `${v} = response.json().get("${w.pick(NOUNS)}", [])`);
      return;
    }
    case 9:
      if (w.risky()) w.line(ind, `${v} = yaml.load(Path(self.config_path).read_text(), Loader=yaml.Loader)`);
      else w.line(ind, `${v} = yaml.safe_load(Path(self.config_path).read_text())`);
      w.line(ind, `self.${a}.update(${v} or {})`);
      return;
    case 10:
      if (w.risky()) w.line(ind, `subprocess.run(f"git -C {self.root} rev-parse HEAD > {self.root}/REVISION", shell=True, check=False)`);
      else w.line(ind, `${v} = self.${a}.copy() if hasattr(self.${a}, "copy") else self.${a}`);
      return;
    case 11:
      w.line(ind, `# ${w.pick(VERBS)} the ${w.pick(ADJ)} ${w.pick(NOUNS)}s before the next step; the order matters for`);
      w.line(ind, `# reproducibility (see the ${w.pick(NOUNS)} notes in the README).`);
      w.line(ind, `${v} = np.asarray(self.${a}, dtype=np.float${w.pick(['32', '64'])})`);
      return;
    case 12:
      w.line(ind, `self.${a}_history.append({`);
      w.line(ind + 1, `"step": self.global_step,`);
      w.line(ind + 1, `"${w.name()}": float(${w.chance(0.5) ? 'np.mean' : 'np.max'}(self.${a})) if self.${a} else 0.0,`);
      w.line(ind + 1, `"elapsed": time.monotonic() - self.started_at,`);
      w.line(ind, '})');
      return;
    default:
      w.line(ind, `if self.${a} and len(self.${a}) > ${w.int(1, 1000)}:`);
      w.line(ind + 1, `self.${a} = self.${a}[-${w.int(10, 100)}:]`);
      w.line(ind, 'elif not self.training:');
      w.line(ind + 1, `return ${w.chance(0.5) ? 'None' : `self.${a}`}`);
  }
}

function method(w: Writer, attrs: string[]): void {
  const name = `${w.pick(VERBS)}_${w.pick(NOUNS)}${w.chance(0.2) ? `_${w.int(2, 9)}` : ''}`;
  const deco = w.r();
  w.line(1);
  if (deco < 0.1) w.line(1, '@property');
  else if (deco < 0.16) w.line(1, '@torch.no_grad()');
  else if (deco < 0.2) w.line(1, `@functools.lru_cache(maxsize=${w.int(8, 256)})`);
  else if (deco < 0.24) w.line(1, '@staticmethod');
  const stat = deco >= 0.2 && deco < 0.24;
  const args = deco < 0.1 ? '' : `, ${w.name()}_id: int = ${w.int(0, 9)}, *, strict: bool = ${w.pick(['True', 'False'])}`;
  w.line(1, `def ${name}(${stat ? args.slice(2) : `self${args}`}) -> ${w.pick(['None', 'Dict[str, Any]', 'Optional[torch.Tensor]', 'List[int]'])}:`);
  w.line(2, `"""${name[0].toUpperCase()}${name.slice(1).replace(/_/g, ' ')} for the ${w.pick(ADJ)} ${w.pick(NOUNS)}.`);
  if (w.chance(0.5)) {
    w.line(2);
    w.line(2, `Called once per ${w.pick(NOUNS)}; safe to call again after \`reset\`.`);
  }
  w.line(2, '"""');
  if (stat) {
    w.line(2, `return {"${w.name()}": ${w.int(0, 99)}}`);
    return;
  }
  // 10–60 lines: blocks until the body is long enough.
  const target = w.int(8, 55);
  const start = w.out.length;
  while (w.out.length - start < target) block(w, 2, attrs);
  w.line(2, `return ${w.pick(['None', `self.${w.pick(attrs)}`, '{}', '[]'])}`);
}

function classDef(w: Writer, role: (typeof CLASS_ROLES)[number], methods: number, perClassLines: number): void {
  const adj = w.pick(ADJ);
  const prefix = `${adj[0].toUpperCase()}${adj.slice(1)}`;
  const attrs = Array.from({ length: 12 }, (_, i) => `${w.pick(NOUNS)}s_${i}`);
  const base = role === 'Backbone' ? '(nn.Module)' : '';
  w.line(0);
  w.line(0);
  if (role !== 'Backbone' && w.chance(0.5)) w.line(0, '@dataclass(eq=False)');
  w.line(0, `class ${prefix}${role}${base}:`);
  w.line(1, `"""The ${role.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} of the ${w.pick(NOUNS)} pipeline.`);
  w.line(1);
  w.line(1, 'It owns its state; every method may be called from the training loop or from the CLI.');
  w.line(1, '"""');
  w.line(1);
  w.line(1, `def __init__(self, root: str = ".", model_name: str = "org/${w.pick(NOUNS)}-base", device: str = "cpu") -> None:`);
  if (base) w.line(2, 'super().__init__()');
  w.line(2, 'self.root = root');
  w.line(2, 'self.model_name = model_name');
  w.line(2, 'self.device = torch.device(device)');
  w.line(2, 'self.checkpoint_path = os.path.join(root, "checkpoints", "last.pt")');
  w.line(2, 'self.config_path = os.path.join(root, "config.yaml")');
  w.line(2, 'self.cache_dir = os.environ.get("HF_HOME", os.path.join(root, ".cache"))');
  w.line(2, `self.base_url = os.environ.get("METRICS_URL", "https://metrics.internal/${w.pick(NOUNS)}")`);
  w.line(2, 'self.headers = {"Accept": "application/json"}');
  w.line(2, 'self.global_step = 0');
  w.line(2, 'self.training = True');
  w.line(2, 'self.started_at = time.monotonic()');
  for (const a of attrs) {
    w.line(2, `self.${a}: Dict[str, Any] = {}`);
    w.line(2, `self.${a}_history: List[Dict[str, Any]] = []`);
  }
  const start = w.out.length;
  for (let i = 0; i < methods || w.out.length - start < perClassLines; i++) method(w, attrs);
}

/** The module: header, 3–4 classes of 40+ methods, a few functions, a `__main__` block. */
export function generateModelFile(seed: number, options: ModelFileOptions): string {
  const classes = options.classes ?? 4;
  const minMethods = options.minMethods ?? 40;
  // First pass: count the risky sites (the text around them does not depend on the choice).
  const draft = write(seed, classes, options.lines, minMethods, () => false);
  const unsafeSites = options.unsafeSites ?? Math.round((options.unsafeRate ?? 0) * draft.riskySites);
  const spread = new Set<number>();
  for (let k = 0; k < Math.min(unsafeSites, draft.riskySites); k++) spread.add(Math.floor(((k + 0.5) * draft.riskySites) / unsafeSites));
  return write(seed, classes, options.lines, minMethods, (i) => spread.has(i)).out.join('\n') + '\n';
}

function write(seed: number, classes: number, lines: number, minMethods: number, unsafe: (site: number) => boolean): Writer {
  const w = new Writer(seed, unsafe);
  w.line(0, '"""Loading, training and serving for the ranking models.');
  w.line(0);
  w.line(0, 'Everything the pipeline needs between a checkpoint on disk and a response on the wire.');
  w.line(0, '"""');
  w.line(0, 'from __future__ import annotations');
  w.line(0);
  for (const m of ['functools', 'json', 'logging', 'os', 'subprocess', 'sys', 'time']) w.line(0, `import ${m}`);
  w.line(0, 'from dataclasses import dataclass, field');
  w.line(0, 'from pathlib import Path');
  w.line(0, 'from typing import Any, Dict, Iterable, List, Optional, Tuple');
  w.line(0);
  for (const m of [
    'import numpy as np',
    'import requests',
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    'import yaml',
    'from transformers import AutoModel, AutoTokenizer',
  ])
    w.line(0, m);
  w.line(0);
  w.line(0, 'logger = logging.getLogger(__name__)');
  w.line(0, `DEFAULT_BATCH_SIZE = ${w.int(8, 512)}`);
  const perClass = Math.max(20, Math.floor((lines - 60) / classes));
  for (let c = 0; c < classes; c++) {
    classDef(w, CLASS_ROLES[c % CLASS_ROLES.length], minMethods, perClass - 20);
    w.line(0);
    w.line(0);
    w.line(0, `def ${w.pick(VERBS)}_${w.pick(NOUNS)}(path: str) -> Dict[str, Any]:`);
    w.line(1, '"""A helper kept at module level for the CLI."""');
    w.line(1, 'with open(path, encoding="utf-8") as handle:');
    w.line(2, 'return json.load(handle)');
  }
  w.line(0);
  w.line(0);
  w.line(0, 'if __name__ == "__main__":');
  w.line(1, 'logging.basicConfig(level=logging.INFO)');
  w.line(1, 'sys.exit(0)');
  return w;
}
