import assert from 'node:assert/strict';
import { test } from 'node:test';
import { only, pythonFacts, spanOfText, summary } from './helpers';

test('subscript read, write, delete and augmented assignment on request.session', async () => {
  const src = [
    'def view(request):',
    "    theme = request.session['theme']",
    "    request.session['visits'] = 1",
    "    del request.session['coupon']",
    "    request.session['count'] += 2",
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), ['read theme', 'write visits', 'delete coupon', 'read count', 'write count']);
  const read = only(facts, 'read', 'theme');
  assert.deepEqual(read.span, spanOfText(src, "'theme'"));
  assert.deepEqual(read.source, { kind: 'literal' });
  assert.equal(read.scope, 'view');
  assert.equal(read.via, 'request.session[...]');
  assert.equal(only(facts, 'write', 'visits').valueType, 'int');
  assert.equal(only(facts, 'write', 'count').valueType, 'int');
  assert.deepEqual(only(facts, 'delete', 'coupon').span, spanOfText(src, "'coupon'"));
});

test('get, pop, setdefault, update and has_key', async () => {
  const src = [
    'def view(request):',
    "    lang = request.session.get('lang', 'en')",
    "    request.session.pop('flash', None)",
    "    request.session.setdefault('recent', [])",
    "    request.session.update({'a': 1.5, 'b': (1, 2)}, c={1}, d=b'x')",
    "    request.session.has_key('old')",
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), [
    'read lang', 'read flash', 'delete flash', 'read recent', 'write recent', 'write a', 'write b', 'write c', 'write d', 'contains old',
  ]);
  assert.equal(only(facts, 'write', 'recent').valueType, 'list');
  assert.equal(only(facts, 'write', 'a').valueType, 'float');
  assert.equal(only(facts, 'write', 'b').valueType, 'tuple');
  assert.equal(only(facts, 'write', 'c').valueType, 'set');
  assert.equal(only(facts, 'write', 'd').valueType, 'bytes');
  // A keyword argument's key span is the keyword itself, so rename can edit it.
  const keyword = spanOfText(src, 'c={1}');
  assert.deepEqual(only(facts, 'write', 'c').span, { ...keyword, endColumn: keyword.startColumn + 1 });
  assert.equal(only(facts, 'read', 'lang').via, 'request.session.get');
});

test("'k' in / not in request.session is a contains access", async () => {
  const src = "def view(request):\n    if 'theme' in request.session and 'lang' not in request.session:\n        pass\n";
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), ['contains theme', 'contains lang']);
  assert.deepEqual(only(facts, 'contains', 'lang').span, spanOfText(src, "'lang'"));
});

test('self.assertIn / assertNotIn on a test client session is a contains access', async () => {
  const src = [
    'class T(TestCase):',
    '    def test_it(self):',
    "        self.assertIn('onboarding_done', self.client.session)",
    "        self.assertNotIn('cart', self.client.session.keys())",
    "        self.assertIn('x', [1])",
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), ['contains onboarding_done', 'contains cart']);
  assert.deepEqual(only(facts, 'contains', 'onboarding_done').span, spanOfText(src, "'onboarding_done'"));
});

test('session API methods are not key accesses', async () => {
  const src = 'def view(request):\n    request.session.flush()\n    request.session.cycle_key()\n    request.session.set_expiry(300)\n';
  assert.deepEqual((await pythonFacts(src)).accesses, []);
});

test('inferred value types of writes', async () => {
  const cases: [string, string][] = [
    ["'x'", 'str'], ['f"a{b}"', 'str'], ['1', 'int'], ['-1.5', 'float'], ['True', 'bool'], ['None', 'None'],
    ['[]', 'list'], ['{}', 'dict'], ['()', 'tuple'], ['{1}', 'set'], ["b'x'", 'bytes'],
    ['datetime.now()', 'datetime'], ['datetime.datetime.now()', 'datetime'], ['timezone.now()', 'datetime'],
    ['date.today()', 'date'], ['timezone.now() + timedelta(days=1)', 'datetime'], ['timedelta(hours=1)', 'timedelta'],
    ['datetime.time(10, 0)', 'time'], ["Decimal('1.10')", 'Decimal'], ['uuid.uuid4()', 'UUID'], ['uuid4()', 'UUID'],
    ['Product.objects.get(pk=1)', 'model'], ['request.user', 'model'], ['get_object_or_404(Product, pk=1)', 'model'],
    ['str(x)', 'str'], ['timezone.now().isoformat()', 'str'], ['len(items)', 'int'], ['some_call()', 'unknown'],
  ];
  const src = 'def view(request):\n' + cases.map(([value], i) => `    request.session['k${i}'] = ${value}\n`).join('');
  const facts = await pythonFacts(src);
  cases.forEach(([value, type], i) => assert.equal(only(facts, 'write', `k${i}`).valueType, type, value));
});

test('value types flow through local variables and model classes of the file', async () => {
  const src = [
    'from .models import Order',
    'def view(request):',
    '    now = timezone.now()',
    "    request.session['seen'] = now",
    '    request.session["order"] = Order(total=1)',
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.equal(only(facts, 'write', 'seen').valueType, 'datetime');
  assert.equal(only(facts, 'write', 'order').valueType, 'model');
});

test('UTF-16 columns: a key after non-BMP characters', async () => {
  const src = "def view(request):\n    x = '😀é'; request.session['k'] = 1\n";
  const facts = await pythonFacts(src);
  // '😀' is two UTF-16 code units: the column counts code units, as LSP does.
  assert.deepEqual(only(facts, 'write', 'k').span, { startLine: 1, startColumn: 31, endLine: 1, endColumn: 34 });
  assert.deepEqual(only(facts, 'write', 'k').span, spanOfText(src, "'k'"));
});

test('a value computed from .get with a default takes the default type', async () => {
  const src = "def f(request):\n    request.session['n'] = request.session.get('n', 0) + 1\n    request.session['m'] = request.session.get('m') or 1\n";
  const facts = await pythonFacts(src);
  assert.equal(only(facts, 'write', 'n').valueType, 'int');
  assert.equal(only(facts, 'write', 'm').valueType, 'unknown');
});

test("'k' in request.session.keys() is a contains access", async () => {
  const facts = await pythonFacts("def f(request):\n    return 'k' in request.session.keys()\n");
  assert.deepEqual(summary(facts), ['contains k']);
  assert.equal(facts.accesses[0].via, 'in request.session.keys()');
});

test("'k' in request.session.load() (the stored dict, as tests check it) is a contains access; other objects' load() is not", async () => {
  const facts = await pythonFacts([
    'def test(self, request, loader):',
    "    self.assertNotIn('hello', request.session.load())",
    "    return 'k' in request.session.load() or 'j' in loader.load()",
    '',
  ].join('\n'));
  assert.deepEqual(summary(facts), ['contains hello', 'contains k']);
  assert.equal(facts.accesses[1].via, 'in request.session.load()');
});

test("Django 5's async API: aget/apop/asetdefault/aset/aupdate/ahas_key are the same accesses as their sync twins", async () => {
  const src = [
    'async def view(request):',
    "    lang = await request.session.aget('lang', 'en')",
    "    await request.session.apop('flash', None)",
    "    await request.session.asetdefault('recent', [])",
    "    await request.session.aset('visits', 3)",
    "    await request.session.aupdate({'a': 1.5})",
    "    if await request.session.ahas_key('old') or 'seen' in await request.session.akeys():",
    '        await request.session.aflush()',
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), [
    'read lang', 'read flash', 'delete flash', 'read recent', 'write recent', 'write visits', 'write a', 'contains old', 'contains seen',
  ]);
  assert.equal(only(facts, 'write', 'visits').valueType, 'int');
  assert.equal(only(facts, 'write', 'recent').valueType, 'list');
  assert.equal(only(facts, 'read', 'lang').via, 'request.session.aget');
  assert.deepEqual(only(facts, 'write', 'visits').span, spanOfText(src, "'visits'"));
  // Other objects' aget/aset are not session accesses.
  assert.deepEqual(summary(await pythonFacts("async def f(cache):\n    await cache.aset('k', 1)\n    await cache.aget('j')\n")), []);
});

test("Django Channels: a consumer's self.scope['session'] (and an alias of it) is a session; other scope keys are not", async () => {
  const src = [
    'class ChatConsumer(AsyncWebsocketConsumer):',
    '    async def connect(self):',
    "        self.scope['session']['room'] = 'lobby'",
    '        await database_sync_to_async(self.scope["session"].save)()',
    "        name = self.scope['session'].get('nickname')",
    "        user = self.scope['user']",
    "        other = self.scope['url_route']['kwargs']['room']",
    'def app(scope):',
    "    session = scope['session']",
    "    if 'room' in session:",
    "        del session['room']",
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), ['write room', 'read nickname', 'contains room', 'delete room']);
  assert.equal(only(facts, 'write', 'room').via, "self.scope[\"session\"][...]");
});

test("a read whose value only decides an if (if s.get('k'): / if not s.get('k'):) is a guard; a read whose value is kept is not", async () => {
  const src = [
    'def cleanup(request):',
    "    if request.session.get('old'):",
    "        del request.session['old']",
    "    elif not request.session.get('older'):",
    '        pass',
    "    kept = request.session.get('kept')",
    "    if request.session.get('used') == 1:",
    '        return kept',
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(facts.accesses.filter((a) => a.op === 'read').map((a) => `${a.key} ${a.guard === true}`),
    ['old true', 'older true', 'kept false', 'used false']);
});
