// The writer both bench generators write Python through (corpus.ts: packages of modules; modelCode.ts:
// one class-heavy module): seeded picks from word lists, numbers, chances, names and indented lines.
// Every pick draws from the seeded stream, so the same seed gives the same text on every machine;
// changing what a method draws changes the text of both generators.

/** Adjectives of generated names, in both generators. */
export const ADJ = ['raw', 'clean', 'padded', 'scaled', 'masked', 'shifted', 'cached', 'local', 'remote', 'final', 'best', 'mean'];
/** The nouns both generators name things with; each adds its own after these. */
export const COMMON_NOUNS = ['model', 'batch', 'loss', 'feature', 'token', 'label', 'sample', 'weight', 'layer', 'embedding', 'score', 'metric', 'record', 'shard', 'epoch', 'step'];
/** The verbs both generators name functions with; each adds its own after these. */
export const COMMON_VERBS = [
  'load',
  'build',
  'compute',
  'prepare',
  'normalize',
  'collate',
  'encode',
  'decode',
  'filter',
  'merge',
  'split',
  'evaluate',
  'train',
  'predict',
  'export',
  'resize',
  'shuffle',
  'tokenize',
  'aggregate',
  'validate',
];

export class CodeWriter {
  /** The lines written so far. */
  readonly out: string[] = [];
  constructor(
    /** The seeded random stream (bench/random.ts). */
    readonly r: () => number,
    private readonly nouns: readonly string[],
  ) {}
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  /** A variable name: an adjective and a noun, or a noun alone. */
  name(): string {
    return this.chance(0.5) ? `${this.pick(ADJ)}_${this.pick(this.nouns)}` : this.pick(this.nouns);
  }
  /** A line at `indent` levels of four spaces (an empty line stays empty). */
  line(indent: number, s = ''): void {
    this.out.push(s === '' ? '' : ' '.repeat(indent * 4) + s);
  }
}
