// Sessions that cross a file boundary, as the facts see them: the caller records the call to an
// imported function (`sessionCalls`); the callee, extracted with what it is `passed`, finds the accesses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractPythonFacts } from '../../server/src/facts/python';
import type { FileFacts, PassedSession } from '../../server/src/facts/types';
import { initPythonParser, parsePython } from '../../server/src/syntax/python';
import { pythonFacts, summary } from './helpers';

async function calleeFacts(source: string, passed: PassedSession[], file = 'shop/cart_utils.py'): Promise<FileFacts> {
  const parser = await initPythonParser();
  const tree = parsePython(parser, source);
  try {
    return extractPythonFacts(tree, source, file, 'shop.cart_utils', undefined, passed);
  } finally {
    tree.delete();
  }
}

const byPosition = (fn: string, position: number): PassedSession => ({ function: fn, position, keyword: null });

test('a caller records sessions passed to imported functions, by position or keyword', async () => {
  const src = [
    'import functools',
    'import shop.cart_utils as cu',
    'from shop import helpers',
    'from .utils import add_item, Basket',
    'def view(request):',
    '    s = request.session',
    '    add_item(s, "x")',
    '    cu.remove_item("x", request.session)',
    '    helpers.forget(key="k", store=request.session)',
    '    Basket(self.request.session)',
    '    add_item(*args, request.session)',
    '    functools.partial(cu.clear, "y", request.session)()',
    '',
  ].join('\n');
  const facts = await pythonFacts(src, 'shop/views.py', 'shop.views');
  assert.deepEqual(facts.sessionCalls, [
    { module: 'shop.utils', function: 'add_item', position: 0, keyword: null },
    { module: 'shop.cart_utils', function: 'remove_item', position: 1, keyword: null },
    { module: 'shop.helpers', function: 'forget', position: null, keyword: 'store' },
    { module: 'shop.utils', function: 'Basket', position: 0, keyword: null },
    { module: 'shop.cart_utils', function: 'clear', position: 1, keyword: null },
  ], 'after *args the position is unknown: not recorded');
});

test('no session call: other values, functions not imported, an import shadowed by a local def', async () => {
  const src = [
    'import requests',
    'from shop.utils import add_item, other',
    'def view(request):',
    '    add_item(requests.Session())',
    '    add_item(request)',
    '    add_item({"session": 1})',
    '    local_helper(request.session)',
    '    obj.method(request.session)',
    '    other(request.session)',
    'def other(store):',
    '    store["shadowed"] = 1',
    'def local_helper(x):',
    '    x["local"] = 1',
    '',
  ].join('\n');
  const facts = await pythonFacts(src, 'shop/views.py', 'shop.views');
  assert.equal(facts.sessionCalls, undefined);
  assert.deepEqual(summary(facts), ['write shadowed', 'write local'], 'the local functions received them instead');
});

test('a callee extracted with the sessions passed to it, in a file that never says the word', async () => {
  const src = [
    'from .deeper import keep',
    'def add_item(store, sku, qty=1):',
    '    store["cart"] = {sku: qty}',
    '    _count(store)',
    '    keep(store)',
    'def _count(s):',
    '    s["count"] = s.get("count", 0) + 1',
    'def remove_item(sku, store):',
    '    del store["cart"][sku]',
    'def untouched(store):',
    '    store["never"] = 1',
    'class Basket:',
    '    def __init__(self, store):',
    '        self.store = store',
    '    def add(self):',
    '        self.store["basket"] = []',
    'class Other:',
    '    def add_item(self, store):',
    '        store["method_not_function"] = 1',
    '',
  ].join('\n');
  assert.deepEqual((await calleeFacts(src, [])).accesses, [], 'nothing without passed sessions');
  const facts = await calleeFacts(src, [
    byPosition('add_item', 0),
    { function: 'remove_item', position: null, keyword: 'store' },
    byPosition('Basket', 0),
  ]);
  // `del store["cart"][sku]` reads 'cart' (and changes it in place).
  assert.deepEqual(summary(facts), ['write cart', 'write count', 'read count', 'read cart', 'write basket']);
  assert.deepEqual(facts.accesses.map((a) => a.scope), ['add_item', '_count', '_count', 'remove_item', 'Basket.add']);
  assert.deepEqual(facts.accesses[0].span, { startLine: 2, startColumn: 10, endLine: 2, endColumn: 16 });
  assert.equal(facts.mutations.length, 1, 'del store["cart"][sku]: a nested change');
  assert.deepEqual(facts.sessionCalls, [{ module: 'shop.deeper', function: 'keep', position: 0, keyword: null }], 'passed on');
});

test('a passed position past the parameters, or an unknown function, marks nothing', async () => {
  const src = 'def f(a):\n    a["x"] = 1\n';
  assert.deepEqual((await calleeFacts(src, [byPosition('f', 3), byPosition('g', 0), { function: 'f', position: null, keyword: 'b' }])).accesses, []);
  assert.deepEqual(summary(await calleeFacts(src, [byPosition('f', 0)])), ['write x']);
});

test('functools.partial(helper, request.session) passes the session to helper', async () => {
  const src = [
    'from functools import partial',
    'import functools',
    'def view(request):',
    '    partial(remember, request.session)("a")',
    '    functools.partial(forget, key="b", store=request.session)()',
    '    partial(request.session)',
    '    other.partial(ignored, request.session)',
    'def remember(store, key):',
    '    store["seen"] = key',
    'def forget(key, store):',
    '    store["gone"] = key',
    'def ignored(store):',
    '    store["ignored"] = 1',
    '',
  ].join('\n');
  assert.deepEqual(summary(await pythonFacts(src)), ['write seen', 'write gone']);
});

test('more aliases in one function: walrus, tuple unpacking, getattr(request, "session")', async () => {
  const src = [
    'def view(request):',
    '    if (s := request.session).get("w1"):',
    '        s["w2"] = 1',
    '    t, u = request.session, request.user',
    '    t["t1"] = 1',
    '    u["not_session"] = 1',
    '    (v, w) = [1, request.session]',
    '    w["t2"] = 1',
    '    g = getattr(request, "session", None)',
    '    g["ga"] = 1',
    '    getattr(request, "user")["no"] = 1',
    'def swap(request):',
    '    a, b = request.session, {}',
    '    a, b = b, a',
    '    a["unknown_after_swap"] = 1',
    'def pair(request):',
    '    x, y = pair_of_things()',
    '    x["no_pair"] = 1',
    '',
  ].join('\n');
  assert.deepEqual(summary(await pythonFacts(src)), ['read w1', 'write w2', 'write t1', 'write t2', 'write ga']);
});
