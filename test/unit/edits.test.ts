// Edit builders on single calls: exact text after the edit, line endings and layouts kept.
import * as assert from 'assert';
import type { Node } from 'web-tree-sitter';
import { loadPython, parsePython } from '../../server/src/analysis/parser';
import { addKeywordArgument, lineEndingAt, replaceNode } from '../../server/src/fixes/edits';
import { removeArgument } from '../../server/src/fixes/removeArgument';
import { applyEdits } from '../../server/src/fixes/offsets';

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

  it('addKeywordArgument follows the layout: shared continuation lines, one per line, magic trailing comma', () => {
    // Arguments sharing one continuation line stay on it; the trailing comma stays last.
    assert.strictEqual(add('r = get(\n    url, headers=h\n)\n'), 'r = get(\n    url, headers=h, timeout=30\n)\n');
    assert.strictEqual(add('r = get(\n    url, headers=h,\n)\n'), 'r = get(\n    url, headers=h, timeout=30,\n)\n');
    assert.strictEqual(add('r = get(\n    url, headers=h,\n    params=p, stream=True\n)\n'), 'r = get(\n    url, headers=h,\n    params=p, stream=True, timeout=30\n)\n');
    // One per line: a line of its own; a magic trailing comma stays magic.
    assert.strictEqual(add('r = get(\n    url,\n    headers=h,\n)\n'), 'r = get(\n    url,\n    headers=h,\n    timeout=30,\n)\n');
    assert.strictEqual(add('r = get(\n    url,\n    headers=h\n)\n'), 'r = get(\n    url,\n    headers=h,\n    timeout=30\n)\n');
  });

  it("addKeywordArgument wraps rather than push a line past 88 columns or the call's longest line", () => {
    const long = `    response = requests.get(endpoint_url_for_the_model_registry, headers=auth_headers)\n`; // 86 columns
    assert.strictEqual(add(long, 'timeout=30', 'requests.get'), `    response = requests.get(endpoint_url_for_the_model_registry, headers=auth_headers,\n                            timeout=30)\n`);
    // Continuation line: the new line takes that line's indentation.
    const cont = `x = get(\n        endpoint_url_for_the_model_registry, headers=auth_headers, params=query_params\n)\n`;
    assert.strictEqual(add(cont), `x = get(\n        endpoint_url_for_the_model_registry, headers=auth_headers, params=query_params,\n        timeout=30\n)\n`);
    // A call already wider than 88 sets the width: no wrap while the line stays within it…
    const wide = `r = get(\n    ${'a'.repeat(100)},\n    ${'b'.repeat(80)}, c\n)\n`;
    assert.strictEqual(add(wide), `r = get(\n    ${'a'.repeat(100)},\n    ${'b'.repeat(80)}, c, timeout=30\n)\n`);
    // …but a one-line call is its own longest line: past 88 columns it wraps.
    const oneLine = `r = get(${'a'.repeat(90)})\n`;
    assert.strictEqual(add(oneLine), `r = get(${'a'.repeat(90)},\n        timeout=30)\n`);
    // Within 88: same line.
    assert.strictEqual(add('    response = requests.get(url, headers=auth_headers)\n', 'timeout=30', 'requests.get'), '    response = requests.get(url, headers=auth_headers, timeout=30)\n');
    // Inside an f-string's braces a line break is not allowed before Python 3.12: never wrapped.
    const fstr = `print(f"{get(endpoint_url_for_the_model_registry_and_a_long_name, headers=auth_headers)}")\n`;
    assert.strictEqual(add(fstr), `print(f"{get(endpoint_url_for_the_model_registry_and_a_long_name, headers=auth_headers, timeout=30)}")\n`);
    // CRLF stays CRLF when wrapping.
    assert.strictEqual(
      add(long.replace('\n', '\r\n'), 'timeout=30', 'requests.get'),
      `    response = requests.get(endpoint_url_for_the_model_registry, headers=auth_headers,\r\n                            timeout=30)\r\n`,
    );
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
