// The newer alias forms (walrus, tuple unpacking, getattr) in a big function, as the index
// extracts it: only the statements a session flows through are parsed (syntax/topLevel.ts), and
// the aliases' later uses must be among them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { djangoExtractor } from '../../server/src/index/djangoExtractor';
import { sessionRanges } from '../../server/src/syntax/topLevel';

test('walrus, tuple-unpacking and getattr aliases are found when a big file is parsed in part', async () => {
  const filler = (v: string) => Array.from({ length: 30 }, (_, i) => `    ${v}${i} = compute(${i})\n    other_${v}${i} = ${v}${i} * 2`).join('\n');
  const tail = Array.from({ length: 30 }, (_, i) => `def unrelated_${i}(x):\n    return x + ${i}\n`).join('\n');
  const source = [
    'def view(request):', filler('a'),
    '    if (w := request.session).get("w1"):', filler('b'), '        pass',
    '    w["w2"] = 1',
    '    t, u = request.session, request.user', filler('c'),
    '    t["t1"] = 1',
    '    g = getattr(request, "session")', filler('d'),
    '    g["ga"] = 1',
    '    return 1', '', tail,
  ].join('\n');
  assert.ok(sessionRanges(source), 'parsed in part');
  const extractor = djangoExtractor();
  await extractor.ready();
  const facts = extractor.python(source, 'shop/views.py', 'shop.views');
  assert.deepEqual(facts.accesses.map((a) => `${a.op} ${a.key}`), ['read w1', 'write w2', 'write t1', 'write ga']);
});
