// Property: mergeFixes (two look-ups per edit in a Fenwick tree) takes exactly the fixes the plain
// rule takes — in position order, a fix whose edits conflict with an edit already taken is dropped
// whole, an identical edit is shared — written here the slow, obvious way.
import * as assert from 'assert';
import fc from 'fast-check';
import type { Finding, Fix, TextEdit } from '../../server/src/analysis/types';
import { mergeFixes, eligibleFix, CandidateFix } from '../../server/src/fixes/merge';
import { compareEdits, editsOverlap } from '../../server/src/fixes/offsets';

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.newText === b.newText && compareEdits(a, b) === 0;
}

function reference(findings: Finding[], unsafe: boolean): CandidateFix[] {
  const candidates: CandidateFix[] = [];
  for (const finding of findings) {
    const fix = eligibleFix(finding, { unsafe });
    if (fix) candidates.push({ finding, fix });
  }
  const first = (c: CandidateFix) => [...c.fix.edits].sort(compareEdits)[0];
  candidates.sort(
    (a, b) =>
      compareEdits(first(a), first(b)) || (a.finding.code < b.finding.code ? -1 : a.finding.code > b.finding.code ? 1 : 0) || (a.fix.title < b.fix.title ? -1 : a.fix.title > b.fix.title ? 1 : 0),
  );
  const taken: TextEdit[] = [];
  const accepted: CandidateFix[] = [];
  for (const c of candidates) {
    const edits = c.fix.edits;
    const selfOverlap = edits.some((e, i) => edits.some((o, j) => j > i && editsOverlap(e, o)));
    if (selfOverlap || edits.some((e) => taken.some((t) => !sameEdit(e, t) && editsOverlap(e, t)))) continue;
    taken.push(...edits.filter((e) => !taken.some((t) => sameEdit(e, t))));
    accepted.push(c);
  }
  return accepted;
}

const position = fc.record({ line: fc.nat(3), character: fc.nat(4) });
const edit = fc.tuple(position, fc.nat(3), fc.constantFrom('a', 'b', '')).map(([start, length, newText]): TextEdit => ({
  range: { start, end: { line: start.line, character: start.character + (length === 3 ? 0 : length) } },
  newText,
}));
const fix = fc.record({ title: fc.constantFrom('t1', 't2'), safety: fc.constantFrom('safe', 'unsafe'), edits: fc.array(edit, { minLength: 1, maxLength: 3 }) }) as fc.Arbitrary<Fix>;
const finding = fc.tuple(fc.constantFrom('B113', 'B614'), fc.array(fix, { minLength: 1, maxLength: 2 }), fc.boolean()).map(([code, fixes, suppressed]): Finding => ({
  code,
  name: 'n',
  message: 'm',
  severity: 'warning',
  confidence: 'high',
  cwe: 1,
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
  nodeLines: [0, 0],
  fixes,
  ...(suppressed ? { suppressedBy: 'nosec' } : {}),
}));

describe('mergeFixes (property)', () => {
  it('takes the same fixes, in the same order, as the quadratic rule', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 25 }), fc.boolean(), (findings, unsafe) => {
        const got = mergeFixes(findings, { unsafe });
        const want = reference(findings, unsafe);
        assert.deepStrictEqual(
          got.map((c) => [findings.indexOf(c.finding), c.fix]),
          want.map((c) => [findings.indexOf(c.finding), c.fix]),
        );
      }),
      { numRuns: 3000 },
    );
  });
});
