// Edit builders on single calls: exact text after the edit, line endings and layouts kept.
import * as assert from 'assert';
import type { Node } from 'web-tree-sitter';
import { loadPython, parsePython } from '../../server/src/analysis/parser';
import { addKeywordArgument, lineEndingAt, replaceNode } from '../../server/src/fixes/edits';
import { removeArgument } from '../../server/src/fixes/removeArgument';
import { applyEdits } from '../../server/src/fixes/apply';

/** The first call in `text` whose function is `name`. */
function findCall(root: Node, name: string): Node {
  const calls = root.descendantsOfType('call').filter((c): c is Node => !!c && c.childForFieldName('function')?.text === name);
  assert.ok(calls.length > 0, `no call to ${name}`);
  return calls[0];
}

function withCall<T>(text: string, name: string, f: (call: Node) => T): T {
  const tree = parsePython(text);
  try {
    return f(findCall(tree.rootNode, name));
  } finally {
    tree.delete();
  }
}

function add(text: string, kw = 'timeout=30', name = 'get'): string {
  return withCall(text, name, (call) => applyEdits(text, addKeywordArgument(call, kw, text)));
}

function remove(text: string, keyword: string, name = 'run'): string {
  return withCall(text, name, (call) => {
    const arg = call.childForFieldName('arguments')!.namedChildren.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === keyword)!;
    return applyEdits(text, removeArgument(call, arg));
  });
}

describe('edit builders', () => {
  before(() => loadPython());

  it('addKeywordArgument: the shapes a call can take', () => {
    assert.strictEqual(add('get()\n'), 'get(timeout=30)\n');
    assert.strictEqual(add('get(u)\n'), 'get(u, timeout=30)\n');
    assert.strictEqual(add('get(u,)\n'), 'get(u, timeout=30,)\n');
    assert.strictEqual(add('get(u, **kw)\n'), 'get(u, timeout=30, **kw)\n');
    assert.strictEqual(add('get(*a, **kw)\n'), 'get(*a, timeout=30, **kw)\n');
    assert.strictEqual(add('get(\n    u,\n    **kw\n)\n'), 'get(\n    u,\n    timeout=30,\n    **kw\n)\n');
    assert.strictEqual(add('get(\n    u,\n)\n'), 'get(\n    u,\n    timeout=30,\n)\n');
    assert.strictEqual(add('get(\n    u  # why\n)\n'), 'get(\n    u,  # why\n    timeout=30\n)\n');
    assert.strictEqual(add('get(\n\tu\n)\n'), 'get(\n\tu,\n\ttimeout=30\n)\n');
    assert.strictEqual(add('get(u, \\\n    v)\n'), 'get(u, \\\n    v, timeout=30)\n');
    assert.strictEqual(add('x = 1\nget(f(a), g(b))\n'), 'x = 1\nget(f(a), g(b), timeout=30)\n');
    assert.strictEqual(add('get(x for x in y)\n'), 'get(x for x in y)\n'); // no argument list to extend
    assert.strictEqual(add('get(u, +)\n'), 'get(u, +)\n'); // a half-typed call: no guess
  });

  it('addKeywordArgument writes the line ending of the file (CRLF stays CRLF, comments end before \\r)', () => {
    assert.strictEqual(add('get(\r\n    u,  # c\r\n)\r\n'), 'get(\r\n    u,  # c\r\n    timeout=30,\r\n)\r\n');
    assert.strictEqual(add('get(\r\n    u  # c\r\n)\r\n'), 'get(\r\n    u,  # c\r\n    timeout=30\r\n)\r\n');
    assert.strictEqual(add('get(\r\n    u,\r\n    **kw,\r\n)\r\n'), 'get(\r\n    u,\r\n    timeout=30,\r\n    **kw,\r\n)\r\n');
  });

  it('lineEndingAt: the ending of that line, else of the line before it, else \\n; never one further away', () => {
    assert.strictEqual(lineEndingAt('a\r\nb\nc', 0), '\r\n');
    assert.strictEqual(lineEndingAt('a\r\nb\nc', 3), '\n');
    assert.strictEqual(lineEndingAt('a\r\nc', 4), '\r\n');
    assert.strictEqual(lineEndingAt('abc', 1), '\n');
    // A lone '\r' ends its line (as in LSP and Python): the '\r\n' below it is not read.
    assert.strictEqual(lineEndingAt('a\rb\r\nc', 0), '\r');
    assert.strictEqual(lineEndingAt('a\r\nb\rc', 3), '\r');
    assert.strictEqual(lineEndingAt('a\nb\rc', 4), '\r');
    // The last line reads the break above it, not the file's first.
    assert.strictEqual(lineEndingAt('a\r\nb\nc', 5), '\n');
  });

  it('replaceNode touches only the value', () => {
    const text = 'torch.load(f, weights_only = False)  # old\n';
    const edited = withCall(text, 'torch.load', (call) => {
      const kw = call.childForFieldName('arguments')!.namedChildren.find((a) => a?.type === 'keyword_argument')!;
      const edit = replaceNode(kw.childForFieldName('value')!, 'True');
      assert.deepStrictEqual(edit.range, { start: { line: 0, character: 29 }, end: { line: 0, character: 34 } });
      return applyEdits(text, [edit]);
    });
    assert.strictEqual(edited, 'torch.load(f, weights_only = True)  # old\n');
  });

  it('removeArgument removes the argument and its separator, or its whole line (CRLF too)', () => {
    assert.strictEqual(remove('run(cmd, shell=True)\n', 'shell'), 'run(cmd)\n');
    assert.strictEqual(remove('run(cmd, shell=True, check=True)\n', 'shell'), 'run(cmd, check=True)\n');
    assert.strictEqual(remove('run(shell=True)\n', 'shell'), 'run()\n');
    assert.strictEqual(remove('run(\n    cmd,\n    shell=True,\n    check=True,\n)\n', 'shell'), 'run(\n    cmd,\n    check=True,\n)\n');
    assert.strictEqual(remove('run(\r\n    cmd,\r\n    shell=True,\r\n)\r\n', 'shell'), 'run(\r\n    cmd,\r\n)\r\n');
  });
});
