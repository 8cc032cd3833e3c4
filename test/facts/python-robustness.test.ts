import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractPythonFacts } from '../../server/src/facts/python';
import { initPythonParser, parsePython } from '../../server/src/syntax/python';
import { pythonFacts, summary } from './helpers';

test('mid-edit syntax errors: facts from what parsed, errors counted', async () => {
  const src = [
    'def view(request):',
    "    request.session['before'] = 1",
    '    if request.session.get(',
    'def other(request):',
    "    request.session['after'] = [",
    "def last(request):\n    return request.session['tail']",
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.ok(facts.syntaxErrors > 0);
  assert.ok(summary(facts).includes('write before'), summary(facts).join());
  assert.ok(summary(facts).includes('read tail'), summary(facts).join());
});

test('a 5 MB generated file is walked without crashing', async () => {
  const chunk = [
    'def view_N(request):',
    "    request.session['key_N'] = request.session.get('other', 0) + 1",
    "    x = {'a': [1, 2, (3, 4)], 'b': 'text ' * 3}",
    '',
  ].join('\n');
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 5_000_000; i++) {
    const piece = chunk.replaceAll('N', String(i));
    parts.push(piece);
    size += piece.length;
  }
  const facts = await pythonFacts(parts.join(''));
  assert.equal(facts.accesses.filter((a) => a.op === 'write').length, parts.length);
  assert.equal(facts.accesses.at(-1)?.key, 'other');
  assert.equal(facts.syntaxErrors, 0);
});

test('deeply nested expressions do not overflow the stack', async () => {
  const depth = 5000;
  const src = `x = ${'('.repeat(depth)}1${')'.repeat(depth)}\ny = ${'1 + '.repeat(20000)}1\nrequest.session['k'] = 1\n`;
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), ['write k']);
});

test('binary-ish input never throws', async () => {
  const bytes = Array.from({ length: 200_000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
  const src = `${bytes}\nrequest.session['k'] = 1\n\u0000\uFFFD\uD800`;
  const parser = await initPythonParser();
  const tree = parsePython(parser, src);
  try {
    const facts = extractPythonFacts(tree, src, 'blob.py', null);
    assert.ok(facts.syntaxErrors > 0);
  } finally {
    tree.delete();
  }
});

test('files that never mention sessions still yield imports and constants (shallow walk)', async () => {
  const src = "from .base import *\nimport os\nCART_KEY = 'cart'\nclass K:\n    X = 'x'\ndef f():\n    LOCAL = 'no'\n";
  const facts = await pythonFacts(src, 'shop/cart/constants.py', 'cart.constants');
  assert.deepEqual(facts.imports.map((i) => `${i.local}=${i.module}`), ['*=cart.base', 'os=os']);
  assert.deepEqual(facts.constants.map((c) => `${c.name}=${c.value}`), ['CART_KEY=cart', 'K.X=x']);
});
