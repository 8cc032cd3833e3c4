import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pythonFacts, spanOfText } from './helpers';

const mutations = async (src: string) => (await pythonFacts(src)).mutations.map((m) => `${m.scope} ${m.key} ${m.saved ? 'saved' : 'lost'}`);

test('in-place changes of a session value without modified = True are not saved', async () => {
  const src = [
    'def add(request, pid):',
    "    request.session['cart'][pid] = 1",
    "    request.session['cart'].append(pid)",
    "    request.session.get('cart').update({pid: 2})",
    "    del request.session['cart'][pid]",
    "    request.session['cart']['n'] += 1",
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(facts.mutations.map((m) => `${m.key} ${m.saved}`), ['cart false', 'cart false', 'cart false', 'cart false', 'cart false']);
  assert.deepEqual(facts.mutations[0].span, spanOfText(src, "request.session['cart'][pid]"));
  assert.deepEqual(facts.mutations[1].span, spanOfText(src, "request.session['cart'].append(pid)"));
  // The outer read of 'cart' is still a read access.
  assert.equal(facts.accesses.filter((a) => a.key === 'cart' && a.op === 'read').length, 5);
});

test("an explicit save() (or Django 5's asave()) of the session in the same function saves it; another object's save() does not", async () => {
  const src = [
    'class OfferWizard:',
    '    def store(self, form):',
    '        data = self.request.session.setdefault(self.wizard_name, {})',
    "        data['step'] = form.cleaned_data",
    '        self.request.session.save()',
    'async def a(request):',
    "    request.session['cart'].append(1)",
    '    await request.session.asave()',
    'def b(request, form):',
    "    request.session['cart'].append(1)",
    '    form.save()',
    '',
  ].join('\n');
  assert.deepEqual(await mutations(src), ['OfferWizard.store null saved', 'a cart saved', 'b cart lost']);
});

test('modified = True or re-assigning the key in the same function saves it', async () => {
  const src = [
    'def a(request):',
    "    request.session['cart']['x'] = 1",
    '    request.session.modified = True',
    'def b(request):',
    "    cart = request.session.setdefault('cart', {})",
    "    cart['x'] = 1",
    "    request.session['cart'] = cart",
    'def c(request):',
    "    items = request.session.get('items', [])",
    '    items.append(1)',
    'def d(request):',
    "    items = request.session['items']",
    '    items = []',
    '    items.append(1)',
    '',
  ].join('\n');
  assert.deepEqual(await mutations(src), ['a cart saved', 'b cart saved', 'c items lost']);
});

test('a helper class that keeps the session on self and saves in another method', async () => {
  const src = [
    'from django.conf import settings',
    'class Cart:',
    '    def __init__(self, request):',
    '        self.session = request.session',
    '        cart = self.session.get(settings.CART_SESSION_ID)',
    '        if not cart:',
    '            cart = self.session[settings.CART_SESSION_ID] = {}',
    '        self.cart = cart',
    '    def add(self, pid):',
    '        self.cart[pid] = 1',
    '        self.save()',
    '    def save(self):',
    '        self.session.modified = True',
    'class Leaky:',
    '    def __init__(self, request):',
    "        self.items = request.session.get('wish', [])",
    '    def add(self, x):',
    '        self.items.append(x)',
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(facts.mutations.map((m) => [m.scope, m.key, m.saved, m.pending]), [
    ['Cart.add', null, true, { kind: 'setting', name: 'CART_SESSION_ID', default: null }],
    ['Leaky.add', 'wish', false, undefined],
  ]);
});

test('setdefault does not save a value that already existed', async () => {
  const src = "def step(request):\n    data = request.session.setdefault('checkout_data', {})\n    data['shipping'] = 1\n";
  assert.deepEqual(await mutations(src), ['step checkout_data lost']);
});

test('any other assignment or del on the session saves the change; pop and setdefault do not', async () => {
  const src = [
    'def a(request):',
    "    request.session['cart']['x'] = 1",
    "    request.session['step'] = 2",
    'def b(request):',
    "    request.session['cart']['x'] = 1",
    "    del request.session['coupon']",
    'def c(request):',
    "    request.session['cart']['x'] = 1",
    "    request.session.pop('coupon', None)",
    "    request.session.setdefault('other', 1)",
    '',
  ].join('\n');
  assert.deepEqual(await mutations(src), ['a cart saved', 'b cart saved', 'c cart lost']);
});

test('changes deeper inside a stored value belong to the top key', async () => {
  const src = "def f(request, pid):\n    request.session['cart'][pid]['qty'] += 1\n    cart = request.session['cart']\n    cart[pid]['qty'] = 2\n";
  assert.deepEqual(await mutations(src), ['f cart lost', 'f cart lost']);
});

test('async reads give the stored value too: a mutation after await aget() is lost unless the key is set again (aset) in the function', async () => {
  const src = [
    'async def lost(request):',
    "    cart = await request.session.aget('cart', [])",
    '    cart.append(1)',
    'async def saved(request):',
    "    items = await request.session.aget('items', [])",
    '    items.append(2)',
    "    await request.session.aset('items', items)",
    '',
  ].join('\n');
  assert.deepEqual(await mutations(src), ['lost cart lost', 'saved items saved']);
});
