// Random edits for the incremental property tests: inserts, deletes and replacements of snippets or
// typed characters, landing anywhere or at a quote, bracket, colon or line end.
import * as assert from 'assert';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore, type AnalysisStats, type ContentChange } from '../../server/src/check/documentStore';
import { analyzeSourceSync } from '../../server/src/check/source';
import { defaultConfig } from '../../server/src/config/analysisConfig';

/** Where an edit lands: anywhere, or at a quote, bracket, colon or line end (where structure changes). */
type At = { anywhere: number } | { mark: number };

export type Op = { kind: 'insert'; at: At; snippet: number } | { kind: 'delete'; at: At; length: number } | { kind: 'replace'; at: At; length: number; snippet: number };

/** Uniform in [0, 1) (fc.double is uniform over bit patterns, so almost always tiny). */
const fraction = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);

const atArb: fc.Arbitrary<At> = fc.oneof(fc.record({ anywhere: fraction }), fc.record({ mark: fraction }));

const MARKS = /["'()[\]:\n]/g;

function offsetOf(text: string, at: At): number {
  if ('anywhere' in at) return Math.floor(at.anywhere * text.length);
  const marks = [...text.matchAll(MARKS)].map((m) => m.index as number);
  return marks.length === 0 ? 0 : marks[Math.min(marks.length - 1, Math.floor(at.mark * marks.length))];
}

/** Typing: one character (the commonest edit, and the one getChangedRanges does not see). */
const TYPED = 'aZ_1.,( é😀中';

export function opArbitrary(snippets: readonly string[]): fc.Arbitrary<Op> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: atArb, snippet: fc.nat(snippets.length - 1) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: atArb, snippet: fc.integer({ min: -[...TYPED].length, max: -1 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: atArb, length: fc.integer({ min: 1, max: 12 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: atArb, length: fc.integer({ min: 13, max: 200 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: atArb, length: fc.integer({ min: 1, max: 30 }), snippet: fc.nat(snippets.length - 1) }) },
  );
}

/** A snippet index: ≥ 0 into SNIPPETS, < 0 a typed character counted from the end of TYPED. */
function snippetText(snippets: readonly string[], index: number): string {
  const typed = [...TYPED];
  return index >= 0 ? snippets[index] : typed[typed.length + index];
}

/** Moves an offset off the middle of a surrogate pair (an editor never splits one). */
function safeOffset(text: string, offset: number): number {
  const o = Math.max(0, Math.min(text.length, offset));
  const code = text.charCodeAt(o);
  return o > 0 && o < text.length && code >= 0xdc00 && code <= 0xdfff ? o - 1 : o;
}

export function toChange(doc: TextDocument, op: Op, snippets: readonly string[]): ContentChange {
  const text = doc.getText();
  const start = safeOffset(text, offsetOf(text, op.at));
  const end = op.kind === 'insert' ? start : safeOffset(text, start + op.length);
  const newText = op.kind === 'delete' ? '' : snippetText(snippets, op.snippet);
  return { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: newText };
}

/**
 * The property the incremental tests share: open `seed` in a fresh store, apply random notifications
 * (each a few changes) built from `snippets`, and require after each sequence that the store's text
 * is the editor's and its findings are those of a fresh analysis. Returns how many analyses
 * `counts(stats)` accepted (the tests require the incremental path to have run often).
 */
export function replayEqualsFresh(options: { seed: string; snippets: readonly string[]; numRuns: number; defaultSeed?: number; counts: (stats: AnalysisStats | undefined) => boolean }): {
  counted: number;
  total: number;
} {
  const config = defaultConfig();
  const opArb = opArbitrary(options.snippets);
  let counted = 0;
  let total = 0;
  const seedSetting = process.env.MLSEC_PROPERTY_SEED;
  fc.assert(
    fc.property(fc.array(fc.array(opArb, { minLength: 1, maxLength: 3, size: 'xsmall' }), { minLength: 1, maxLength: 3 }), (notifications) => {
      const store = new DocumentStore();
      const uri = 'file:///replay.py';
      let doc = TextDocument.create(uri, 'python', 0, options.seed);
      store.open(uri, 0, options.seed, config);
      try {
        let version = 0;
        for (const ops of notifications) {
          version++;
          const changes: ContentChange[] = [];
          for (const op of ops) {
            const change = toChange(doc, op, options.snippets);
            changes.push(change);
            doc = TextDocument.update(doc, [change], version);
          }
          const result = store.change(uri, version, changes);
          assert.strictEqual(result?.text, doc.getText());
          total++;
          if (options.counts(store.stats(uri))) counted++;
        }
        // Compared once per sequence (a wrong finding kept or lost persists to the end; the fresh
        // analysis is the expensive half of the test).
        assert.deepStrictEqual(store.get(uri)?.findings, analyzeSourceSync(doc.getText(), { config }).findings);
      } finally {
        store.dispose();
      }
    }),
    { numRuns: options.numRuns, ...(seedSetting === 'random' || options.defaultSeed === undefined ? {} : { seed: Number(seedSetting || options.defaultSeed) }) },
  );
  return { counted, total };
}
