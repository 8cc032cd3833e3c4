import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { extractPythonFacts } from '../../server/src/facts/python';
import { initPythonParser, parsePython } from '../../server/src/syntax/python';
import { sessionRanges, topLevelBlocks } from '../../server/src/syntax/topLevel';

const SOURCE = [
  'import os',                      // 0
  'from x import (',                // 1
  '    a,',                         // 2
  ')',                              // 3
  'DOC = """',                      // 4
  'def not_a_def():',               // 5
  '"""',                            // 6
  '@decorator',                     // 7
  '# comment',                      // 8
  '@other(1,',                      // 9
  '2)',                             // 10
  'def first(request):',            // 11
  '    return request.session["k"]', // 12
  'x = 1 + \\',                     // 13
  '2',                              // 14
  'class Helper:',                  // 15
  '    def f(self): return "}"',    // 16
  'async def unrelated():',         // 17
  '    return 1',                   // 18
  '',
].join('\n');

test('topLevelBlocks: statements at column 0 outside brackets, strings and continuations; decorators join their def', () => {
  const blocks = topLevelBlocks(SOURCE);
  assert.deepEqual(blocks.map((b) => [b.row, b.name]), [[0, null], [1, null], [4, null], [7, 'first'], [13, null], [15, 'Helper'], [17, 'unrelated']]);
});

test('sessionRanges keeps imports, module statements and session blocks, drops unrelated defs', () => {
  const ranges = sessionRanges(SOURCE, 0);
  assert.ok(ranges);
  const kept = ranges.map((r) => SOURCE.slice(r.startIndex, r.endIndex)).join('');
  assert.ok(kept.includes('request.session'));
  assert.ok(kept.includes('import os'));
  assert.ok(!kept.includes('class Helper'));
  assert.ok(!kept.includes('unrelated'));
  for (const r of ranges) assert.equal(r.startPosition.row, SOURCE.slice(0, r.startIndex).split('\n').length - 1);
});

test('a helper that receives a session, and classes of UPPER_CASE constants, are kept', () => {
  const src = [
    'class Keys:', "    CART = 'cart'", '',
    'class Other:', "    name = 'x'", '',
    'def helper(s):', "    s['k'] = 1", '',
    'def view(request):', '    helper(request.session)', '',
  ].join('\n');
  const kept = (sessionRanges(src, 0) ?? []).map((r) => src.slice(r.startIndex, r.endIndex)).join('');
  assert.ok(kept.includes('class Keys'));
  assert.ok(kept.includes('def helper'));
  assert.ok(!kept.includes('class Other'));
});

function pythonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? pythonFiles(path) : name.endsWith('.py') ? [path] : [];
  });
}

test('on the example shop, facts from the ranged parse (and the ranged walk of a full tree) have the accesses and mutations of a full parse', async () => {
  const parser = await initPythonParser();
  let ranged = 0;
  for (const file of pythonFiles(join(__dirname, '..', '..', 'examples', 'shop'))) {
    const text = readFileSync(file, 'utf8');
    const ranges = sessionRanges(text, 0);
    const full = parsePython(parser, text);
    const part = ranges ? parser.parse(text, null, { includedRanges: ranges }) : null;
    try {
      const a = extractPythonFacts(full, text, file, 'm');
      if (!part) continue;
      ranged++;
      const b = extractPythonFacts(part, text, file, 'm');
      assert.deepEqual(b.accesses, a.accesses, file);
      assert.deepEqual(b.mutations, a.mutations, file);
      // Open documents: the whole tree, walked only inside the ranges.
      const c = extractPythonFacts(full, text, file, 'm', ranges ?? undefined);
      assert.deepEqual(c.accesses, a.accesses, file);
      assert.deepEqual(c.mutations, a.mutations, file);
    } finally {
      full.delete();
      part?.delete();
    }
  }
  assert.ok(ranged > 0);
  // The parser does not keep the ranges: the next plain parse covers the whole text.
  const after = parsePython(parser, SOURCE);
  assert.equal(after.rootNode.descendantsOfType('function_definition').length, 3);
  after.delete();
});
