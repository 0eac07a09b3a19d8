// The committed grammar is the one the installed tree-sitter-python ships, and it loads.
import * as assert from 'assert';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { loadPython, parsePython, locateWasm, GRAMMAR_FILE } from '../../server/src/analysis/parser';

const root = path.resolve(__dirname, '../../..');

describe('grammar', () => {
  it('grammars/tree-sitter-python.wasm is byte-identical to the npm package and matches SOURCE.json', () => {
    const committed = fs.readFileSync(path.join(root, 'grammars', GRAMMAR_FILE));
    const shipped = fs.readFileSync(path.join(root, 'node_modules', 'tree-sitter-python', GRAMMAR_FILE));
    assert.ok(committed.equals(shipped), 'run `npm run grammar` and commit the result');
    const source = JSON.parse(fs.readFileSync(path.join(root, 'grammars', 'SOURCE.json'), 'utf8'));
    assert.strictEqual(source.sha256, crypto.createHash('sha256').update(committed).digest('hex'));
    assert.strictEqual(source.version, JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'tree-sitter-python', 'package.json'), 'utf8')).version);
  });

  it('is found from the compiled code and parses UTF-16 positions', async () => {
    assert.strictEqual(locateWasm(GRAMMAR_FILE), path.join(root, 'grammars', GRAMMAR_FILE));
    await loadPython();
    const tree = parsePython('s = "é😀"; f(x)\n');
    const call = tree.rootNode.descendantsOfType('call')[0];
    assert.ok(call);
    assert.deepStrictEqual(call.startPosition, { row: 0, column: 11 });
    tree.delete();
  });
});
