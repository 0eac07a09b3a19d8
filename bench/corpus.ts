// A deterministic generator of realistic ML-flavoured Python: packages of modules with imports,
// dataclass configs, nn.Module subclasses, training loops, data loading, HTTP helpers, utilities,
// docstrings and comments. About a third of the files use no library any rule looks for (plain
// utilities), so the pre-filter has something to skip, and a few percent contain real findings.
// Same seed → byte-identical output, so every machine benchmarks the same text.
import * as fs from 'fs';
import * as path from 'path';
import { rng } from './random';
import { generateModelFile } from './modelCode';
import { ADJ, CodeWriter, COMMON_NOUNS, COMMON_VERBS } from './codeWriter';

export { rng };

const NOUNS = [
  ...COMMON_NOUNS,
  'config',
  'vocab',
  'mask',
  'logit',
  'image',
  'audio',
  'chunk',
  'window',
  'schedule',
  'optimizer',
  'gradient',
  'checkpoint',
  'dataset',
  'split',
  'prompt',
  'response',
  'cache',
  'result',
];
const VERBS = [...COMMON_VERBS, 'score'];

class Gen extends CodeWriter {
  constructor(r: () => number) {
    super(r, NOUNS);
  }
  fn(): string {
    return `${this.pick(VERBS)}_${this.pick(NOUNS)}${this.chance(0.3) ? `_${this.int(1, 9)}` : ''}`;
  }
  cls(): string {
    const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
    return `${cap(this.pick(ADJ))}${cap(this.pick(NOUNS))}${this.pick(['Model', 'Dataset', 'Trainer', 'Encoder', 'Head', 'Loader', 'Config'])}`;
  }
  take(): string {
    const text = this.out.join('\n') + '\n';
    this.out.length = 0;
    return text;
  }
  lineCount(): number {
    return this.out.length;
  }
}

/** 'model': a class-heavy module (modelCode.ts): a few big classes of many methods. */
export type FileKind = 'torch' | 'hf' | 'http' | 'data' | 'util' | 'model';

function header(g: Gen, kind: FileKind): void {
  const verb = g.pick(VERBS);
  g.line(0, `"""${verb[0].toUpperCase()}${verb.slice(1)} helpers for the ${g.name().replace('_', ' ')} pipeline.`);
  g.line(0, '');
  g.line(0, `This module is part of the ${g.pick(NOUNS)} package; see the project README for the overall layout.`);
  g.line(0, '"""');
  g.line(0, 'from __future__ import annotations');
  g.line(0, '');
  g.line(0, 'import json');
  g.line(0, 'import logging');
  g.line(0, 'import math');
  g.line(0, 'import os');
  g.line(0, 'from dataclasses import dataclass, field');
  g.line(0, 'from pathlib import Path');
  g.line(0, 'from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple');
  if (kind === 'torch' || kind === 'hf') {
    g.line(0, '');
    g.line(0, 'import numpy as np');
    g.line(0, 'import torch');
    g.line(0, 'import torch.nn as nn');
    g.line(0, 'import torch.nn.functional as F');
    g.line(0, 'from torch.utils.data import DataLoader, Dataset');
  }
  if (kind === 'hf') g.line(0, 'from transformers import AutoModel, AutoTokenizer');
  if (kind === 'http') g.line(0, 'import requests');
  if (kind === 'data') {
    g.line(0, '');
    g.line(0, 'import numpy as np');
    g.line(0, 'import pandas as pd');
  }
  g.line(0, '');
  g.line(0, 'logger = logging.getLogger(__name__)');
  g.line(0, '');
  g.line(0, `DEFAULT_${g.pick(NOUNS).toUpperCase()}_SIZE = ${g.int(8, 4096)}`);
  g.line(0, `${g.pick(NOUNS).toUpperCase()}_KEYS = (${[g.name(), g.name(), g.name()].map((s) => `"${s}"`).join(', ')})`);
  g.line(0, '');
}

function configClass(g: Gen): void {
  g.line(0, '');
  g.line(0, '@dataclass');
  g.line(0, `class ${g.cls()}:`);
  g.line(1, `"""Settings for one ${g.pick(NOUNS)} run."""`);
  g.line(0, '');
  const n = g.int(4, 10);
  for (let i = 0; i < n; i++) {
    const t = g.pick(['int', 'float', 'str', 'bool', 'Optional[str]', 'List[int]']);
    const v =
      t === 'int'
        ? String(g.int(1, 512))
        : t === 'float'
          ? `${g.int(1, 9)}e-${g.int(1, 5)}`
          : t === 'str'
            ? `"${g.name()}"`
            : t === 'bool'
              ? g.pick(['True', 'False'])
              : t === 'Optional[str]'
                ? 'None'
                : 'field(default_factory=list)';
    g.line(1, `${g.name()}_${i}: ${t} = ${v}`);
  }
  g.line(0, '');
  g.line(1, 'def to_dict(self) -> Dict[str, Any]:');
  g.line(2, 'return {k: getattr(self, k) for k in self.__dataclass_fields__}');
  g.line(0, '');
}

function moduleClass(g: Gen): void {
  const dim = g.int(16, 1024);
  g.line(0, '');
  g.line(0, `class ${g.cls()}(nn.Module):`);
  g.line(1, `"""A ${g.pick(ADJ)} ${g.pick(NOUNS)} block with ${g.int(1, 8)} layers."""`);
  g.line(0, '');
  g.line(1, `def __init__(self, hidden: int = ${dim}, dropout: float = 0.${g.int(0, 5)}) -> None:`);
  g.line(2, 'super().__init__()');
  const layers = g.int(2, 5);
  for (let i = 0; i < layers; i++) g.line(2, `self.layer_${i} = nn.Linear(hidden, hidden)`);
  g.line(2, 'self.norm = nn.LayerNorm(hidden)');
  g.line(2, 'self.dropout = nn.Dropout(dropout)');
  g.line(0, '');
  g.line(1, 'def forward(self, x: torch.Tensor, mask: Optional[torch.Tensor] = None) -> torch.Tensor:');
  for (let i = 0; i < layers; i++) {
    g.line(2, `x = F.${g.pick(['gelu', 'relu', 'silu'])}(self.layer_${i}(x))`);
    if (g.chance(0.4)) g.line(2, `# residual connections are added every ${g.int(2, 4)} layers`);
  }
  g.line(2, 'if mask is not None:');
  g.line(3, 'x = x.masked_fill(~mask.unsqueeze(-1), 0.0)');
  g.line(2, 'return self.dropout(self.norm(x))');
  g.line(0, '');
}

function trainLoop(g: Gen, unsafe: boolean): void {
  const f = g.fn();
  g.line(0, '');
  g.line(0, `def ${f}(model: nn.Module, loader: DataLoader, epochs: int = ${g.int(1, 50)}, lr: float = ${g.int(1, 9)}e-4) -> Dict[str, float]:`);
  g.line(1, '"""Runs the optimisation loop and returns the last metrics."""');
  g.line(1, 'optimizer = torch.optim.AdamW(model.parameters(), lr=lr)');
  g.line(1, `history: Dict[str, float] = {}`);
  g.line(1, 'for epoch in range(epochs):');
  g.line(2, 'model.train()');
  g.line(2, 'total = 0.0');
  g.line(2, 'for step, (inputs, targets) in enumerate(loader):');
  g.line(3, 'optimizer.zero_grad()');
  g.line(3, 'outputs = model(inputs)');
  g.line(3, `loss = F.${g.pick(['cross_entropy', 'mse_loss', 'l1_loss'])}(outputs, targets)`);
  g.line(3, 'loss.backward()');
  g.line(3, `torch.nn.utils.clip_grad_norm_(model.parameters(), ${g.int(1, 5)}.0)`);
  g.line(3, 'optimizer.step()');
  g.line(3, 'total += float(loss.item())');
  g.line(3, `if step % ${g.int(10, 500)} == 0:`);
  g.line(4, 'logger.info("epoch %d step %d loss %.4f", epoch, step, loss.item())');
  g.line(2, 'history[f"epoch_{epoch}"] = total / max(1, len(loader))');
  g.line(1, `ckpt = Path(os.environ.get("CKPT_DIR", "checkpoints")) / "${g.name()}.pt"`);
  g.line(1, 'torch.save(model.state_dict(), ckpt)');
  if (unsafe) g.line(1, 'state = torch.load(ckpt)');
  else g.line(1, 'state = torch.load(ckpt, weights_only=True)');
  g.line(1, 'model.load_state_dict(state)');
  g.line(1, 'return history');
  g.line(0, '');
}

function hfLoader(g: Gen, unsafe: boolean): void {
  g.line(0, '');
  g.line(0, `def ${g.fn()}(name: str = "${g.pick(['bert-base-uncased', 'gpt2', 'roberta-base', 'org/encoder'])}") -> Tuple[Any, Any]:`);
  g.line(1, '"""Loads the tokenizer and the encoder for `name`."""');
  const rev = unsafe ? '' : ', revision="5d0f2e8a7f1b6f9e2c3d4a5b6c7d8e9f0a1b2c3d"';
  g.line(1, `tokenizer = AutoTokenizer.from_pretrained(name${rev})`);
  g.line(1, `model = AutoModel.from_pretrained(name${rev})`);
  g.line(1, 'model.eval()');
  g.line(1, 'return tokenizer, model');
  g.line(0, '');
}

function httpClient(g: Gen, unsafe: boolean): void {
  g.line(0, '');
  g.line(0, `def ${g.fn()}(url: str, payload: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:`);
  g.line(1, '"""Fetches JSON from the metrics service."""');
  g.line(1, `headers = {"Accept": "application/json", "X-Client": "${g.name()}"}`);
  g.line(1, `response = requests.${g.pick(['get', 'post'])}(url, json=payload, headers=headers${unsafe ? '' : `, timeout=${g.int(5, 60)}`})`);
  g.line(1, 'response.raise_for_status()');
  g.line(1, 'return response.json()');
  g.line(0, '');
}

function utility(g: Gen, indent = 0): void {
  const f = g.fn();
  const a = g.name();
  const b = g.name();
  g.line(indent, '');
  g.line(indent, `def ${f}(${a}s: Sequence[float], ${b}: int = ${g.int(1, 64)}) -> List[float]:`);
  g.line(indent + 1, `"""Returns the ${g.pick(ADJ)} ${g.pick(NOUNS)} values.`);
  g.line(indent + 1, '');
  g.line(indent + 1, `>>> ${f}([1.0, 2.0, 3.0], ${g.int(1, 4)})`);
  g.line(indent + 1, '"""');
  g.line(indent + 1, `out: List[float] = []`);
  g.line(indent + 1, `for i, value in enumerate(${a}s):`);
  const kind = g.int(0, 3);
  if (kind === 0) {
    g.line(indent + 2, `if i % max(1, ${b}) == 0:`);
    g.line(indent + 3, 'out.append(value)');
    g.line(indent + 2, 'else:');
    g.line(indent + 3, `out.append(math.${g.pick(['sqrt', 'log1p', 'exp'])}(abs(value)))`);
  } else if (kind === 1) {
    g.line(indent + 2, `scaled = value / (${b} + 1e-${g.int(5, 9)})`);
    g.line(indent + 2, `out.append(min(max(scaled, -${g.int(1, 10)}.0), ${g.int(1, 10)}.0))`);
  } else if (kind === 2) {
    g.line(indent + 2, 'try:');
    g.line(indent + 3, `out.append(float(value) ** ${g.int(2, 3)})`);
    g.line(indent + 2, 'except (TypeError, ValueError) as exc:');
    g.line(indent + 3, `logger.warning("skipping %r: %s", value, exc)`);
  } else {
    g.line(indent + 2, `# ${g.pick(VERBS)} only the ${g.pick(ADJ)} entries`);
    g.line(indent + 2, `out.extend([value] * (${b} if value > 0 else 1))`);
  }
  g.line(indent + 1, `return out[: ${g.int(10, 1000)}]`);
  g.line(indent, '');
}

function ioHelper(g: Gen): void {
  g.line(0, '');
  g.line(0, `def ${g.fn()}(path: Path) -> List[Dict[str, Any]]:`);
  g.line(1, `"""Reads one ${g.pick(NOUNS)} record per line."""`);
  g.line(1, 'records = []');
  g.line(1, 'with open(path, encoding="utf-8") as handle:');
  g.line(2, 'for lineno, line in enumerate(handle, 1):');
  g.line(3, 'line = line.strip()');
  g.line(3, 'if not line or line.startswith("#"):');
  g.line(4, 'continue');
  g.line(3, 'records.append(json.loads(line))');
  g.line(1, `logger.debug("read %d records from %s", len(records), path)`);
  g.line(1, 'return records');
  g.line(0, '');
}

function dataFrame(g: Gen): void {
  g.line(0, '');
  g.line(0, `def ${g.fn()}(frame: "pd.DataFrame") -> "pd.DataFrame":`);
  g.line(1, `frame = frame.dropna(subset=["${g.name()}"])`);
  g.line(1, `frame["${g.name()}"] = np.log1p(frame["${g.name()}"].clip(lower=0))`);
  g.line(1, `return frame.groupby("${g.name()}").agg({"${g.name()}": "mean", "${g.name()}": "sum"}).reset_index()`);
  g.line(0, '');
}

function helperClass(g: Gen): void {
  g.line(0, '');
  g.line(0, `class ${g.cls()}:`);
  g.line(1, `"""Keeps ${g.pick(NOUNS)} statistics between calls."""`);
  g.line(0, '');
  g.line(1, 'def __init__(self, capacity: int = 128) -> None:');
  g.line(2, 'self.capacity = capacity');
  g.line(2, 'self.items: Dict[str, float] = {}');
  const n = g.int(1, 4);
  for (let i = 0; i < n; i++) utility(g, 1);
  g.line(1, 'def __len__(self) -> int:');
  g.line(2, 'return len(self.items)');
  g.line(0, '');
}

/** One file of about `targetLines` lines. `unsafeRate` is the chance each risky call is left unsafe. */
export function generateFile(seed: number, kind: FileKind, targetLines: number, unsafeRate = 0.05): string {
  if (kind === 'model') {
    const classes = Math.max(1, Math.min(4, Math.round(targetLines / 1500)));
    return generateModelFile(seed, { lines: targetLines, classes, minMethods: 0, unsafeRate });
  }
  const g = new Gen(rng(seed));
  header(g, kind);
  while (g.lineCount() < targetLines) {
    const roll = g.r();
    if (kind === 'torch' || kind === 'hf') {
      if (roll < 0.15) moduleClass(g);
      else if (roll < 0.25) trainLoop(g, g.chance(unsafeRate));
      else if (kind === 'hf' && roll < 0.32) hfLoader(g, g.chance(unsafeRate));
      else if (roll < 0.4) configClass(g);
      else if (roll < 0.7) utility(g);
      else if (roll < 0.85) helperClass(g);
      else ioHelper(g);
    } else if (kind === 'http') {
      if (roll < 0.2) httpClient(g, g.chance(unsafeRate));
      else if (roll < 0.6) utility(g);
      else if (roll < 0.8) ioHelper(g);
      else configClass(g);
    } else if (kind === 'data') {
      if (roll < 0.3) dataFrame(g);
      else if (roll < 0.7) utility(g);
      else if (roll < 0.85) ioHelper(g);
      else configClass(g);
    } else {
      if (roll < 0.6) utility(g);
      else if (roll < 0.8) helperClass(g);
      else if (roll < 0.9) ioHelper(g);
      else configClass(g);
    }
  }
  g.line(0, '');
  g.line(0, 'if __name__ == "__main__":');
  g.line(1, `logging.basicConfig(level=logging.${g.pick(['INFO', 'DEBUG', 'WARNING'])})`);
  return g.take();
}

// Real ML repositories hold many model, trainer and client modules that are a few big classes:
// one file in five is one of those.
const KINDS: readonly FileKind[] = ['torch', 'torch', 'hf', 'http', 'data', 'util', 'util', 'data', 'model', 'model'];
/** Bumped when the generators change, so that a corpus left in the temp folder is rewritten. */
const GENERATOR_VERSION = 2;

export interface CorpusSpec {
  files: number;
  totalLines: number;
  seed: number;
}

export const DEFAULT_CORPUS: CorpusSpec = { files: 2000, totalLines: 1_000_000, seed: 20261122 };

/** Writes the corpus under `dir` (reused when a previous run wrote the same spec). Returns the file list. */
export function writeCorpus(dir: string, spec: CorpusSpec = DEFAULT_CORPUS): string[] {
  const stamp = path.join(dir, '.corpus.json');
  const want = JSON.stringify({ ...spec, generator: GENERATOR_VERSION });
  const files: string[] = [];
  const r = rng(spec.seed);
  const avg = spec.totalLines / spec.files;
  const plan: { file: string; kind: FileKind; lines: number; seed: number }[] = [];
  for (let i = 0; i < spec.files; i++) {
    const pkg = `pkg_${String(Math.floor(i / 100)).padStart(2, '0')}`;
    const sub = `part_${Math.floor((i % 100) / 25)}`;
    const kind = KINDS[Math.floor(r() * KINDS.length)];
    // Sizes between 0.2× and 1.8× the average (uniform): the mean stays at the average.
    const lines = Math.max(30, Math.round(avg * (0.2 + 1.6 * r())));
    const file = path.join(dir, pkg, sub, `module_${String(i).padStart(4, '0')}.py`);
    plan.push({ file, kind, lines, seed: Math.floor(r() * 2 ** 31) });
    files.push(file);
  }
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return files;
  fs.rmSync(dir, { recursive: true, force: true });
  for (const p of plan) {
    fs.mkdirSync(path.dirname(p.file), { recursive: true });
    fs.writeFileSync(p.file, generateFile(p.seed, p.kind, p.lines));
  }
  fs.writeFileSync(stamp, want);
  return files;
}
