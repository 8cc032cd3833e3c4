// Sessions passed to functions of other files, with the real extractor: the callee's accesses are
// found (even in a file that never says "session"), attributed to the callee, and follow edits of
// either side.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { sessionRanges } from '../../server/src/syntax/topLevel';
import { indexedProject } from '../support/indexedProject';

const project = (files: Record<string, string>) => indexedProject(files);

/** `op key@line:column` of a file's accesses, for readable assertions. */
function accesses(index: WorkspaceIndex, file: string): string[] {
  return index.accessesIn(file).map((a) => `${a.op} ${a.key}@${a.span.startLine}:${a.span.startColumn}`);
}

const CART_UTILS = [
  'def add_item(store, sku):',
  "    store['cart'] = sku",
  "    return store.get('total')",
  '',
  'def unrelated(store):',
  "    store['not_a_session'] = 1",
  '',
].join('\n');

test('a session passed to a function imported from a file that never says "session"', async () => {
  const { index } = await project({
    'shop/__init__.py': '',
    'shop/cart_utils.py': CART_UTILS,
    'shop/views.py': 'from shop.cart_utils import add_item\n\ndef view(request):\n    add_item(request.session, "x")\n',
  });
  assert.deepEqual(accesses(index, 'shop/cart_utils.py'), ['write cart@1:10', 'read total@2:21']);
  assert.deepEqual(index.accessesOf('cart').map((a) => a.file), ['shop/cart_utils.py']);
  assert.equal(index.accessesIn('shop/cart_utils.py')[0].scope, 'add_item');
  assert.ok(index.files().includes('shop/cart_utils.py'));
  assert.equal(index.accessAt('shop/cart_utils.py', 1, 12)?.access.key, 'cart');
  assert.deepEqual(accesses(index, 'shop/views.py'), []);
});

test('a big caller, parsed only in part (the blocks that can matter), still finds the imports of its calls', async () => {
  const filler = (name: string) => Array.from({ length: 40 }, (_, i) => `def ${name}_${i}(x):\n    return x + ${i}\n`).join('\n');
  const views = [
    'import shop.cart_utils as cu', 'from shop.cart_utils import add_item', '', filler('before'), '',
    'def view(request):', '    total = sum(range(3))', '    s = request.session', '    add_item(s, "x")', '    cu.add_item(request.session, "y")',
    '    return total', '', filler('after'), '',
  ].join('\n');
  assert.ok(sessionRanges(views), 'the index parses only part of this file');
  const { index } = await project({ 'shop/__init__.py': '', 'shop/cart_utils.py': CART_UTILS, 'shop/views.py': views });
  assert.deepEqual(accesses(index, 'shop/cart_utils.py'), ['write cart@1:10', 'read total@2:21']);
});

test('module aliases, keyword arguments, package re-exports and class constructors', async () => {
  const { index } = await project({
    'shop/__init__.py': 'from .helpers.basket import remember\n',
    'shop/helpers/__init__.py': '',
    'shop/helpers/basket.py': [
      'def remember(key, store=None):',
      '    store[key] = 1',
      "    store['remembered'] = True",
      '',
      'class Basket:',
      '    def __init__(self, store):',
      '        self.store = store',
      '',
      '    def add(self, sku):',
      "        self.store['basket'] = [sku]",
      '',
    ].join('\n'),
    'shop/cart_utils.py': CART_UTILS,
    'shop/views.py': [
      'import shop.cart_utils as cu',
      'from shop import remember',
      'from shop.helpers import basket',
      '',
      'def view(request):',
      '    cu.add_item(request.session, "x")',
      '    remember("k", store=request.session)',
      '    basket.Basket(request.session).add("sku")',
      '',
    ].join('\n'),
  });
  assert.deepEqual(accesses(index, 'shop/cart_utils.py'), ['write cart@1:10', 'read total@2:21']);
  assert.deepEqual(accesses(index, 'shop/helpers/basket.py'), ['write null@1:10', 'write remembered@2:10', 'write basket@9:19']);
});

test('chains across three files; a cycle between two modules terminates', async () => {
  const { index } = await project({
    'a/__init__.py': '',
    'a/first.py': 'from b.second import second\n\ndef first(store):\n    store["one"] = 1\n    second(store)\n',
    'b/__init__.py': '',
    'b/second.py': 'from c import third\n\ndef second(s2):\n    s2["two"] = 2\n    third.third(s2)\n',
    'c/__init__.py': '',
    'c/third.py': 'from a import first\n\ndef third(s3):\n    s3["three"] = 3\n    first.first(s3)\n',
    'views.py': 'from a.first import first\n\ndef view(request):\n    first(request.session)\n',
  });
  assert.deepEqual(accesses(index, 'a/first.py'), ['write one@3:10']);
  assert.deepEqual(accesses(index, 'b/second.py'), ['write two@3:7']);
  assert.deepEqual(accesses(index, 'c/third.py'), ['write three@3:7']);
});

test('a chain is followed up to four files away from the real session (bounded work per edit)', async () => {
  const files: Record<string, string> = { 'views.py': 'from f1 import f1\n\ndef view(request):\n    f1(request.session)\n' };
  for (let i = 1; i <= 5; i++) files[`f${i}.py`] = `from f${i + 1} import f${i + 1}\n\ndef f${i}(s):\n    s["k${i}"] = 1\n    f${i + 1}(s)\n`;
  const { index } = await project(files);
  assert.deepEqual([...index.keys().keys()].sort(), ['k1', 'k2', 'k3', 'k4']);
});

test('editing the caller: no longer passing the session forgets the callee\'s accesses, cycles included', async () => {
  const calling = 'from a import ping\n\ndef view(request):\n    ping(request.session)\n';
  const { index, write } = await project({
    'a.py': 'from b import pong\n\ndef ping(s):\n    s["ping"] = 1\n    pong(s)\n',
    'b.py': 'from a import ping\n\ndef pong(t):\n    t["pong"] = 1\n    ping(t)\n',
    'views.py': calling,
  });
  assert.deepEqual([...index.keys().keys()].sort(), ['ping', 'pong']);
  const quiet = 'from a import ping\n\ndef view(request):\n    ping({})\n';
  write('views.py', quiet);
  index.updateFile('views.py', quiet, true);
  assert.deepEqual([...index.keys().keys()], [], 'no access kept alive by the cycle itself');
  assert.deepEqual(index.dependentsOf('views.py').sort(), ['a.py', 'b.py'], 'their diagnostics change too');
  write('views.py', calling);
  index.updateFile('views.py', calling, true);
  assert.deepEqual([...index.keys().keys()].sort(), ['ping', 'pong']);
  index.removeFile('views.py');
  assert.deepEqual([...index.keys().keys()], []);
});

test('editing the callee (also unsaved, in the editor) updates its accesses and what it passes on', async () => {
  const { index, write } = await project({
    'helpers.py': 'from deeper import more\n\ndef helper(store):\n    store["a"] = 1\n    more(store)\n',
    'deeper.py': 'def more(x):\n    x["deep"] = 1\n',
    'views.py': 'from helpers import helper\n\ndef view(request):\n    helper(request.session)\n',
  });
  assert.deepEqual([...index.keys().keys()].sort(), ['a', 'deep']);
  const edited = 'from deeper import more\n\ndef helper(store):\n    store["b"] = 1\n';
  index.updateFile('helpers.py', edited, true); // not saved: the disk still has the old text
  assert.deepEqual(accesses(index, 'helpers.py'), ['write b@3:10']);
  assert.deepEqual(accesses(index, 'deeper.py'), [], 'no longer passed on');
  assert.deepEqual(index.dependentsOf('helpers.py'), ['deeper.py']);
  index.updateFile('deeper.py', 'def more(x):\n    x["deeper"] = 1\n', true);
  assert.deepEqual(accesses(index, 'deeper.py'), []);
  // Closed without saving: back to the disk's text.
  index.closeFile('helpers.py');
  index.refreshFromDisk('helpers.py');
  assert.deepEqual(accesses(index, 'helpers.py'), ['write a@3:10']);
  assert.deepEqual(accesses(index, 'deeper.py'), ['write deeper@1:6'], 'the open buffer of deeper.py is used');
  // A callee file created after its caller.
  write('late.py', 'def late(s):\n    s["late"] = 1\n');
  const caller = 'from late import late\n\ndef view(request):\n    late(request.session)\n';
  write('views2.py', caller);
  index.updateFile('views2.py', caller);
  assert.deepEqual(accesses(index, 'late.py'), []);
  index.updateFile('late.py', 'def late(s):\n    s["late"] = 1\n');
  assert.deepEqual(accesses(index, 'late.py'), ['write late@1:6']);
});

test('not sessions: requests.Session(), a dict, a parameter merely named session', async () => {
  const { index } = await project({
    'net.py': 'def fetch(session, url):\n    session["headers"] = {}\n    return session.get(url)\n\ndef keep(store):\n    store["real"] = 1\n',
    'views.py': [
      'import requests',
      'from net import fetch, keep',
      '',
      'def view(request):',
      '    fetch(requests.Session(), "u")',
      '    s = requests.Session()',
      '    fetch(s, "u")',
      '    fetch(session={}, url="u")',
      '    fetch(request, "u")',
      '    keep(request.session)  # the control: linking is at work here',
      '',
    ].join('\n'),
  });
  assert.deepEqual(accesses(index, 'net.py'), ['write real@5:10']);
});

test('methods of imported classes: on a new instance, on a module-level instance, static and class methods, through a re-export', async () => {
  const { index } = await project({
    'svc/__init__.py': 'from .recorder import Recorder, recorder\n',
    'svc/recorder.py': [
      'class Recorder:',
      '    def remember(self, store, value):',
      "        store['remembered'] = value",
      '',
      '    @staticmethod',
      '    def forget(store):',
      "        store.pop('remembered', None)",
      '',
      '    @classmethod',
      '    def count(cls, store):',
      "        return store.get('count_seen')",
      '',
      '    def unrelated(self, store):',
      "        store['not_a_session'] = 1",
      '',
      'recorder = Recorder()',
      '',
    ].join('\n'),
    'shop/__init__.py': '',
    'shop/views.py': [
      'from svc import Recorder, recorder',
      '',
      'def view(request):',
      '    Recorder().remember(request.session, 1)',
      '    recorder.remember(request.session, 2)',
      '    Recorder.forget(request.session)',
      '    Recorder.count(request.session)',
      '    recorder.unrelated({})',
      '',
    ].join('\n'),
  });
  assert.deepEqual(accesses(index, 'svc/recorder.py'), ['write remembered@2:14', 'read remembered@6:18', 'delete remembered@6:18', 'read count_seen@10:25']);
  assert.equal(index.accessesIn('svc/recorder.py')[0].scope, 'Recorder.remember');
});
