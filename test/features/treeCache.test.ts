import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initPythonParser, parsePython } from '../../server/src/syntax/python';
import { TreeCache, editBetween } from '../../server/src/syntax/treeCache';

test('editBetween finds the one changed region, with rows and columns in UTF-16 units', () => {
  const edit = editBetween('a = 1\nb = "é"\nc = 3\n', 'a = 1\nb = "é😀"\nc = 3\n');
  assert.equal(edit.startIndex, 12);
  assert.equal(edit.oldEndIndex, 12);
  assert.equal(edit.newEndIndex, 14);
  assert.deepEqual(edit.startPosition, { row: 1, column: 6 });
  assert.deepEqual(edit.oldEndPosition, { row: 1, column: 6 });
  assert.deepEqual(edit.newEndPosition, { row: 1, column: 8 });
});

test('TreeCache: an incremental re-parse gives the tree a fresh parse gives; same text, same tree', async () => {
  const parser = await initPythonParser();
  const cache = new TreeCache(parser, 2);
  let text = "# ✓ é\ndef view(request):\n    x = request.session['cart']\n    return x\n";
  const first = cache.get('v.py', text);
  assert.equal(cache.get('v.py', text), first);
  const edits: [number, number, string][] = [[40, 0, 'é😀'], [20, 3, ''], [0, 0, '\n\n'], [50, 0, "\n    request.session['k"], [10, 5, "'"]];
  for (const [at, remove, insert] of edits) {
    text = text.slice(0, at) + insert + text.slice(at + remove);
    const incremental = cache.get('v.py', text);
    const fresh = parsePython(parser, text);
    try {
      assert.equal(incremental.rootNode.toString(), fresh.rootNode.toString());
      assert.equal(incremental.rootNode.endIndex, fresh.rootNode.endIndex);
    } finally {
      fresh.delete();
    }
  }
  cache.get('a.py', 'a = 1\n');
  cache.get('b.py', 'b = 1\n');
  assert.equal(cache.size, 2);
  assert.equal(cache.has('v.py'), false, 'the least recently used tree is evicted');
  cache.clear();
  assert.equal(cache.size, 0);
});
