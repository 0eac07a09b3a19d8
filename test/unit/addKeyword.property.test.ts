// Property: for calls in any layout — one line or many, trailing comma or not, comments, `*args` and
// `**kwargs`, backslash continuations, tabs or spaces, LF or CRLF — addKeywordArgument only inserts,
// the result parses, the keyword lands in that call before any `**kwargs`, and no line ending of
// another kind appears.
import * as assert from 'assert';
import fc from 'fast-check';
import type { Node } from 'web-tree-sitter';
import { loadPython, parsePython } from '../../server/src/analysis/parser';
import { addKeywordArgument } from '../../server/src/fixes/edits';
import { applyEdits } from '../../server/src/fixes/offsets';
import { textSyntaxErrors } from '../../server/src/fixes/syntaxGuard';

const ARG = fc.constantFrom('url', 'x.y', 'f(a, b)', '"s"', 'headers={"a": 1}', 'stream=True', '*args', '[1,\n 2]');
const KWARGS = fc.constantFrom('**kwargs', '**opts');

interface Layout {
  args: string[];
  kwargs: string[];
  multiline: boolean;
  trailingComma: boolean;
  comments: boolean;
  closeOnOwnLine: boolean;
  indent: string;
  eol: string;
  continuation: boolean;
}

/** Python source with one `target(...)` call inside a function, in the given layout. */
function render(l: Layout): string {
  const inner = l.indent + l.indent;
  const items = [...l.args, ...l.kwargs].map((it) => it.replace(/\n/g, l.eol + inner));
  let call: string;
  if (items.length === 0) call = l.multiline ? `target(${l.eol}${l.indent})` : 'target()';
  else if (!l.multiline) call = `target(${items.join(', ')}${l.trailingComma ? ',' : ''})`;
  else {
    const lines = items.map((it, i) => {
      const last = i === items.length - 1;
      const comma = !last || l.trailingComma ? ',' : '';
      const comment = l.comments && i % 2 === 0 ? '  # note' : '';
      const cont = l.continuation && last && !comment ? ' \\' : '';
      return `${inner}${it}${comma}${comment}${cont}`;
    });
    const extra = l.comments ? `${l.eol}${inner}# trailing comment` : '';
    call = `target(${l.eol}${lines.join(l.eol)}${extra}${l.closeOnOwnLine || l.comments ? `${l.eol}${l.indent})` : ')'}`;
  }
  return ['import requests', '', '', 'def f(url, x, args, kwargs, opts):', `${l.indent}r = ${call}`, `${l.indent}return r`, ''].join(l.eol);
}

const LAYOUT = fc.record({
  args: fc.array(ARG, { maxLength: 4 }),
  kwargs: fc.array(KWARGS, { maxLength: 2 }),
  multiline: fc.boolean(),
  trailingComma: fc.boolean(),
  comments: fc.boolean(),
  closeOnOwnLine: fc.boolean(),
  indent: fc.constantFrom('    ', '\t', '  '),
  eol: fc.constantFrom('\n', '\r\n'),
  continuation: fc.boolean(),
});

function targetCall(root: Node): Node {
  const call = root.descendantsOfType('call').find((c) => c?.childForFieldName('function')?.text === 'target');
  assert.ok(call);
  return call;
}

describe('addKeywordArgument (property)', () => {
  before(() => loadPython());

  it('inserts only, keeps the file parsing and its line endings, and puts the keyword before **kwargs', () => {
    fc.assert(
      fc.property(LAYOUT, (layout) => {
        // `*args` after `**kwargs` is not Python; a trailing comma after `**kwargs` needs 3.6+, fine.
        const text = render(layout);
        fc.pre(textSyntaxErrors(text) === 0);
        const tree = parsePython(text);
        let edits;
        try {
          edits = addKeywordArgument(targetCall(tree.rootNode), 'timeout=30', text);
        } finally {
          tree.delete();
        }
        assert.ok(edits.length > 0);
        for (const e of edits) assert.deepStrictEqual(e.range.start, e.range.end, 'an insertion, not a replacement');
        const after = applyEdits(text, edits);
        assert.strictEqual(textSyntaxErrors(after), 0, `does not parse:\n${after}`);
        if (layout.eol === '\r\n') assert.ok(!/[^\r]\n/.test(after), `a bare LF in a CRLF file:\n${JSON.stringify(after)}`);
        else assert.ok(!after.includes('\r'), 'a CR in an LF file');
        const tree2 = parsePython(after);
        try {
          const args = targetCall(tree2.rootNode)
            .childForFieldName('arguments')!
            .namedChildren.filter((c): c is Node => !!c && !c.isExtra);
          const kw = args.findIndex((a) => a.type === 'keyword_argument' && a.text === 'timeout=30');
          assert.ok(kw >= 0, `no timeout=30 in:\n${after}`);
          const firstSplat = args.findIndex((a) => a.type === 'dictionary_splat');
          if (firstSplat >= 0) assert.ok(kw < firstSplat, `timeout=30 after **kwargs:\n${after}`);
          assert.strictEqual(args.length, layout.args.length + layout.kwargs.length + 1);
        } finally {
          tree2.delete();
        }
      }),
      { numRuns: 300 },
    );
  });
});
