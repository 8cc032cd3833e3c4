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

test('editBetween: the same region as a character-by-character scan, edits on and across chunk boundaries', () => {
  const naive = (before: string, after: string) => {
    const limit = Math.min(before.length, after.length);
    let start = 0;
    while (start < limit && before[start] === after[start]) start++;
    let suffix = 0;
    while (suffix < limit - start && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
    return [start, before.length - suffix, after.length - suffix];
  };
  let seed = 7;
  const random = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const base = Array.from({ length: 5000 }, (_, i) => 'ab\nc'[i % 4] + (i % 97 === 0 ? 'é' : '')).join('');
  for (let round = 0; round < 300; round++) {
    const at = [0, 1023, 1024, 1025, 2048, base.length - 1024, base.length][round % 7] + random(3) - 1;
    const from = Math.max(0, Math.min(base.length, at));
    const removed = random(round % 5 === 0 ? 3000 : 4);
    const inserted = ['', 'a', 'ab\nc'.repeat(random(600)), 'x'][random(4)];
    const after = base.slice(0, from) + inserted + base.slice(from + removed);
    const edit = editBetween(base, after);
    assert.deepEqual([edit.startIndex, edit.oldEndIndex, edit.newEndIndex], naive(base, after), `round ${round}`);
  }
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
