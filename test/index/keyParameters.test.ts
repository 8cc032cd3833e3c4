// Functions that take their session key as a parameter (`remember(request, 'theme')`): each call's
// literal is an access of that key, in the same file or through an import, with the real extractor
// and the index's ranged parse; edits of the helper change what its callers access.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import type { SettingsModel } from '../../server/src/settings/types';
import { indexedProject } from '../support/indexedProject';

const project = (files: Record<string, string>) => indexedProject(files);

/** `op key@line:column via` of a file's accesses with a key. */
function keyed(index: WorkspaceIndex, file: string): string[] {
  return index.accessesIn(file).filter((a) => a.key !== null).map((a) => `${a.op} ${a.key}@${a.span.startLine}:${a.span.startColumn}`).sort();
}

const filler = Array.from({ length: 30 }, (_, i) => `def unrelated_${i}(x):\n    return x + ${i}\n`).join('\n');

test('a function of the file whose key is a parameter: every call passes its key, before or after the def, by position, keyword or default', async () => {
  const { index } = await project({
    'app/__init__.py': '',
    'app/views.py': [
      'def early(request):',
      "    remember(request, 'early_key', 1)",          // 1: called before the def, in a block that never says "session"
      filler,
      'def remember(request, name, value):',
      '    request.session[name] = value',
      "def recall(request, key='cart', default=None):",
      '    if key in request.session:',
      '        return request.session[key]',
      '    return default',
      'def view(request):',
      "    remember(request, name='theme', value='dark')",
      '    recall(request)',
      "    recall(request, 'theme')",
      "    return request.session['early_key']",
      'def not_a_key(request, label):',
      '    label = label.lower()',                        // re-bound: no longer what the caller passed
      '    return request.session[label]',
      "def by_id(request, data, id=''):",              // an empty default means "none given": no key ''
      '    return request.session[id].get(data)',
      'def caller(request):',
      "    not_a_key(request, 'shown')",
      "    print('plain', request.session.get('x'))",
      'from django.utils import timezone',
      'def stamp(request):',
      "    remember(request, 'seen_at', timezone.now())",
      '',
    ].join('\n'),
  });
  const lines = keyed(index, 'app/views.py');
  for (const want of ['write early_key@1:22', 'read early_key@', 'write theme@', 'contains theme@', 'read theme@', 'contains cart@', 'read cart@', 'read x@']) {
    assert.ok(lines.some((l) => l.startsWith(want)), `${want} in ${lines.join(', ')}`);
  }
  assert.ok(!lines.some((l) => / (shown|plain|dark)?@/.test(l)), lines.join(', '));
  // The default's literal is where the key is written, so rename edits it there.
  const cart = index.accessesOf('cart')[0].access;
  assert.deepEqual([cart.source.kind, cart.span.startColumn], ['literal', 'def recall(request, key='.length]);
  assert.equal(index.accessesOf('theme').find((a) => a.access.op === 'write')?.access.via, 'remember(...) → request.session[...]');
  // The value the call passes for the written parameter gives the write its type (DS103 sees a datetime).
  assert.deepEqual(['theme', 'seen_at', 'early_key'].map((k) => index.accessesOf(k).find((a) => a.access.op === 'write')?.access.valueType), ['str', 'datetime', 'int']);
});

/** A helper module; `setKey` is what set_session_var subscripts the session with (its parameter `skey`, or a literal). */
const sessionUtils = (setKey: string) => [
  'def set_session_var(request, skey, sval):',
  `    request.session[${setKey}] = sval`,
  'def get_session_var(request, skey, default=None):',
  '    return request.session.get(skey, default)',
  'class SessionMixin:',
  '    def set_step(self, key, value):',
  '        self.request.session[key] = value',
  '',
].join('\n');

test('keys passed to helpers of another module: imported (also renamed), from a session module, and a mixin method called on self', async () => {
  const { index } = await project({
    'shop/__init__.py': '',
    'shop/core/__init__.py': '',
    'shop/core/session_utils.py': sessionUtils('skey'),
    'shop/core/views.py': [
      'from shop.core.session_utils import set_session_var, get_session_var, SessionMixin',
      'from .session_utils import set_session_var as remember',
      filler,
      'def choose(request):',
      "    set_session_var(request, 'theme', 'dark')",
      "    remember(request, skey='font', sval='serif')",
      "    return get_session_var(request, 'theme')",
      'class Wizard(SessionMixin):',
      '    def post(self, request):',
      "        self.set_step('wizard_step', 2)",
      '',
    ].join('\n'),
  });
  const views = keyed(index, 'shop/core/views.py');
  for (const want of ['write theme@', 'read theme@', 'write font@', 'write wizard_step@']) assert.ok(views.some((l) => l.startsWith(want)), `${want} in ${views.join(', ')}`);
  assert.deepEqual(keyed(index, 'shop/core/session_utils.py'), []);
  // Value types across files: by position, by keyword, and a mixin method on self (its `self` not passed).
  assert.deepEqual(['theme', 'font', 'wizard_step'].map((k) => index.accessesOf(k).find((a) => a.access.op === 'write')?.access.valueType), ['str', 'str', 'int']);
  // The helper stops taking its key from the parameter: its callers' keys go with it.
  index.updateFile('shop/core/session_utils.py', sessionUtils("'fixed'"));
  const after = keyed(index, 'shop/core/views.py');
  assert.ok(!after.some((l) => l.startsWith('write theme@') || l.startsWith('write font@')), after.join(', '));
  assert.ok(after.some((l) => l.startsWith('read theme@')) && after.some((l) => l.startsWith('write wizard_step@')), after.join(', '));
  assert.deepEqual(index.accessesOf('fixed').map((a) => a.access.op), ['write']);
});

test('callers of a helper whose name and module never say "session" are found, in files that never say it either; edits follow', async () => {
  const { index } = await project({
    'shop/__init__.py': '',
    'shop/prefs.py': [
      'def remember(request, name, value):',
      '    request.session[name] = value',
      'def recall(request, name):',
      '    return request.session.get(name)',
      '',
    ].join('\n'),
    'shop/views.py': [
      'from shop.prefs import remember, recall',
      filler,
      'def choose(request):',
      "    remember(request, 'theme', 'dark')",
      "    return recall(request, 'theme')",
      '',
    ].join('\n'),
    'shop/other.py': "def unrelated(request):\n    return print(request, 'theme')\n",
  });
  assert.deepEqual(keyed(index, 'shop/views.py').map((l) => l.split('@')[0]), ['read theme', 'write theme']);
  assert.deepEqual(keyed(index, 'shop/other.py'), []);
  // A new caller, then the helper renamed away: the index follows both.
  index.updateFile('shop/other.py', "from shop.prefs import remember\ndef other(request):\n    remember(request, 'font', 1)\n");
  assert.deepEqual(keyed(index, 'shop/other.py').map((l) => l.split('@')[0]), ['write font']);
  index.updateFile('shop/prefs.py', 'def remember(request, name, value):\n    pass\ndef recall(request, name):\n    return request.session.get(name)\n');
  assert.deepEqual(keyed(index, 'shop/other.py'), []);
  assert.deepEqual(keyed(index, 'shop/views.py').map((l) => l.split('@')[0]), ['read theme']);
});

test('a second session a middleware puts on the request (request.saml_session = SessionStore(key)) is a session in every file; other request attributes are not', async () => {
  const { index } = await project({
    'saml/__init__.py': '',
    'saml/middleware.py': [
      'from importlib import import_module',
      'from django.conf import settings',
      'from sqlalchemy.orm import sessionmaker',
      '',
      'class SamlSessionMiddleware:',
      '    def __init__(self, get_response):',
      '        self.get_response = get_response',
      '        self.SessionStore = import_module(settings.SESSION_ENGINE).SessionStore',
      '    def __call__(self, request):',
      "        request.saml_session = self.SessionStore(request.COOKIES.get('saml_sid'))",
      '        request.db_session = sessionmaker()()',
      '        return self.get_response(request)',
      '',
    ].join('\n'),
    'saml/cache.py': [
      'def set_subject(request, subject):',
      "    request.saml_session['_saml2_subject_id'] = subject",
      '',
    ].join('\n'),
    'saml/views.py': [
      'def logout(request):',
      "    subject = request.saml_session.get('_saml2_subject_id')",
      "    rows = request.db_session.query('x')",
      '    return subject, rows',
      '',
    ].join('\n'),
  });
  assert.deepEqual(keyed(index, 'saml/cache.py').map((l) => l.split('@')[0]), ['write _saml2_subject_id']);
  assert.deepEqual(keyed(index, 'saml/views.py').map((l) => l.split('@')[0]), ['read _saml2_subject_id']);
  assert.equal(index.accessesIn('saml/views.py').length, 1);
  // The middleware stops setting it: the other files' accesses go.
  index.updateFile('saml/middleware.py', 'class SamlSessionMiddleware:\n    def __call__(self, request):\n        return None\n');
  assert.deepEqual(keyed(index, 'saml/cache.py'), []);
  assert.deepEqual(keyed(index, 'saml/views.py'), []);
});

test('a **kwargs helper (for key, value in kwargs.items(): session[key] = value): each keyword a call passes is a key, with its value type', async () => {
  const { index } = await project({
    'tests/__init__.py': '',
    'tests/helpers.py': [
      'def add_session(client, *args, **kwargs):',
      '    store = client.session',
      '    for key, val in kwargs.items():',
      '        store[key] = val',
      '    store.save()',
      '',
      'def forget(request, *names, **flags):',
      '    for name in flags:',
      '        request.session.pop(name, None)',
      '',
    ].join('\n'),
    'tests/test_views.py': [
      'import datetime',
      'from tests.helpers import add_session, forget',
      filler,
      'def test_year(client):',
      '    add_session(client, year=1999, started=datetime.date(2020, 1, 1))',
      "    assert client.get('/').context['year'] == 1999",
      '',
      'def test_forget(request):',
      '    forget(request, coupon=True)',
      '',
    ].join('\n'),
    'app/__init__.py': '',
    'app/views.py': "def view(request):\n    return request.session['year'], request.session.get('started'), request.session.get('coupon')\n",
  });
  assert.deepEqual(keyed(index, 'tests/test_views.py').map((l) => l.split('@')[0]), ['delete coupon', 'read coupon', 'write started', 'write year']);
  assert.deepEqual(['year', 'started'].map((k) => index.accessesOf(k).find((a) => a.access.op === 'write')?.access.valueType), ['int', 'date']);
  // The key sits at the keyword's name: rename edits it there when the new key is a Python name (test/lsp/keyParameters.test.ts).
  const year = index.accessesOf('year').find((a) => a.access.op === 'write')!.access;
  const line = filler.split('\n').length + 3; // import, from-import, the filler, the def
  assert.deepEqual([year.span.startLine, year.span.startColumn, year.span.endColumn], [line, 24, 28]);
});

test('in a big workspace a new helper name is searched for in the background, once per name; renaming it keystroke by keystroke costs one search', async () => {
  let changes = 0;
  const { index } = await indexedProject({
    'shop/__init__.py': '',
    'shop/prefs.py': 'def keep(request, name, value):\n    pass\n',
    'shop/views.py': "from shop.prefs import remember\n\ndef choose(request):\n    remember(request, 'theme', 'dark')\n",
  }, { syncNameSearchFiles: 0, onBackgroundChange: () => { changes++; } });
  assert.deepEqual(keyed(index, 'shop/views.py'), []);
  // The helper is typed in: `keep` becomes `remember`, a letter at a time, and takes its key.
  for (const name of ['reme', 'remem', 'rememb', 'remember']) {
    index.updateFile('shop/prefs.py', `def ${name}(request, name, value):\n    request.session[name] = value\n`, true);
  }
  await index.whenIdle();
  assert.deepEqual(keyed(index, 'shop/views.py').map((l) => l.split('@')[0]), ['write theme']);
  assert.equal(changes, 1);
  // Gone and back: the files naming it are known, no search (and no background change).
  index.updateFile('shop/prefs.py', 'def remember(request, name, value):\n    pass\n', true);
  assert.deepEqual(keyed(index, 'shop/views.py'), []);
  index.updateFile('shop/prefs.py', 'def remember(request, name, value):\n    request.session[name] = value\n', true);
  assert.deepEqual(keyed(index, 'shop/views.py').map((l) => l.split('@')[0]), ['write theme']);
  await index.whenIdle();
  assert.equal(changes, 1);
});

test('a helper of another file that receives the session itself and a key (set_flag(request.session, \'beta\', True)); a type the helper writes whatever the call', async () => {
  const { index } = await project({
    'shop/__init__.py': '',
    'shop/flags.py': 'def set_flag(store, key, value):\n    store[key] = value\n\n\ndef mark(store, key):\n    store[key] = 1\n',
    'shop/views.py': [
      'from shop.flags import mark, set_flag',
      '',
      'def view(request):',
      "    set_flag(request.session, 'beta', True)",
      "    mark(request.session, 'seen')",
      "    return request.session.get('beta'), request.session['seen']",
      '',
    ].join('\n'),
  });
  assert.deepEqual(keyed(index, 'shop/views.py').map((l) => l.split('@')[0]), ['read beta', 'read seen', 'write beta', 'write seen']);
  assert.deepEqual(['beta', 'seen'].map((k) => index.accessesOf(k).find((a) => a.access.op === 'write')?.access.valueType), ['bool', 'int']);
});

test('a key a property of the class returns (self.ordering_session_key, Misago), before what an imported base may hold; the property is parsed even when its name never says session', async () => {
  const { index } = await project({
    'admin/__init__.py': '',
    'admin/base.py': 'class AdminView:\n    root_link = None\n',
    'admin/list.py': [
      'from .base import AdminView',
      '',
      'class ListView(AdminView):',
      "    root_link = 'users'",
      '',
      '    @property',
      '    def ordering_session_key(self):',
      '        return "misago_admin_%s_order_by" % self.root_link',
      '',
      '    @property',
      '    def cart_key(self):',
      "        return 'cart'",
      '',
      filler.replace(/^def /gm, '    def ').replace(/^ {4}return/gm, '        return').replace(/\(x\)/g, '(self, x)'),
      '',
      '    def get(self, request):',
      '        session_key = self.ordering_session_key',
      "        request.session[session_key] = request.GET['order']",
      '        return request.session.get(self.cart_key)',
      '',
      '    def other(self):',
      '        return self.not_a_property',
      '',
    ].join('\n'),
  });
  assert.deepEqual(index.accessesIn('admin/list.py').map((a) => `${a.op} ${a.key}${a.pattern ? ' (pattern)' : ''}`).sort(),
    ['read cart', 'write misago_admin_*_order_by (pattern)']);
});

test('a session-named method called on an object of unknown class: the one class defining it takes the key', async () => {
  const strategy = [
    'class DjangoStrategy:',
    '    def __init__(self, request):',
    '        self.session = request.session',
    '    def session_set(self, name, value):',
    '        self.session[name] = value',
    '    def session_get(self, name, default=None):',
    '        return self.session.get(name, default)',
    '',
  ].join('\n');
  const { index } = await indexedProject({
    'social/__init__.py': '',
    'social/strategy.py': strategy,
    'social/tests.py': [
      'from social.utils import load_strategy',
      'class StrategyTest:',
      '    def test_set(self):',
      '        self.strategy = load_strategy()',
      "        self.strategy.session_set('saml_request_id', 'TEST_ID')",
      "        assert load_strategy().session_get('saml_request_id') == 'TEST_ID'",
      'def test_get(strategy):',
      "    strategy.session_get('saml_request_id')",
      "    strategy.other_session_call('not_a_key')",
      '',
    ].join('\n'),
  });
  assert.deepEqual(keyed(index, 'social/tests.py'), ['read saml_request_id@5:43', 'read saml_request_id@7:25', 'write saml_request_id@4:34']);
  assert.equal(index.accessesOf('saml_request_id').find((a) => a.access.op === 'write')?.access.valueType, 'str');
  // A second class with a key-taking method of that name: which one is called is unknowable.
  index.updateFile('social/other.py', strategy.replace('DjangoStrategy', 'FlaskStrategy'));
  assert.deepEqual(keyed(index, 'social/tests.py'), []);
  index.removeFile('social/other.py');
  assert.equal(keyed(index, 'social/tests.py').length, 3);
});

test('a constant passed as the key (of this module, imported, a setting, a package): its value, with the constant as its source', async () => {
  const { index } = await indexedProject({
    'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'conf.settings')\n",
    'conf/__init__.py': '',
    'conf/settings.py': "SECRET_KEY = 'x'\nCART_SESSION_ID = 'cart_from_settings'\n",
    'shop/__init__.py': '',
    'shop/keys.py': "THEME_KEY = 'theme_from_keys'\n",
    'shop/prefs.py': 'def remember(request, name, value):\n    request.session[name] = value\n',
    'shop/views.py': [
      'from django.conf import settings',
      'from social_core.utils import PARTIAL_TOKEN_SESSION_NAME',
      'from shop import keys',
      'from shop.prefs import remember',
      "LOCAL_KEY = 'local_key'",
      'def recall(request, name):',
      '    return request.session.get(name)',
      'def view(request):',
      '    remember(request, LOCAL_KEY, 1)',
      '    remember(request, keys.THEME_KEY, "dark")',
      '    remember(request, settings.CART_SESSION_ID, [])',
      '    recall(request, PARTIAL_TOKEN_SESSION_NAME)',
      '    recall(request, keys.MISSING_KEY)',
      '    recall(request, LOCAL_KEY)',
      '    recall(request, lowercase_name)',
      '',
    ].join('\n'),
  });
  const views = () => index.accessesIn('shop/views.py').filter((a) => a.via.includes('(...)')).map((a) => `${a.op} ${a.key ?? '<dynamic>'} ${a.source.kind}`).sort();
  assert.deepEqual(views(), [
    'read <dynamic> dynamic', 'read local_key constant', 'read partial_pipeline_token library',
    'write <dynamic> dynamic', 'write local_key constant', 'write theme_from_keys constant',
  ]);
  // The setting's value once the settings are known (the shells evaluate them; here, by hand).
  index.setSettings({
    module: 'conf.settings', files: [], production: false, names: () => ['CART_SESSION_ID'],
    get: (name) => (name === 'CART_SESSION_ID' ? { name, value: { kind: 'known', value: 'cart_from_settings' }, file: 'conf/settings.py', span: { startLine: 1, startColumn: 0, endLine: 1, endColumn: 1 } } : undefined),
  } as SettingsModel);
  assert.ok(views().includes('write cart_from_settings setting'), views().join(', '));
  // Rename of `theme_from_keys` edits the constant in shop/keys.py (its source), not the call.
  const theme = index.accessesOf('theme_from_keys')[0].access;
  assert.deepEqual(theme.source.kind === 'constant' && [theme.source.file, theme.source.name], ['shop/keys.py', 'THEME_KEY']);
  assert.equal(index.accessesOf('theme_from_keys')[0].access.valueType, 'str');
});

test("a key read from **kwargs with a default (pinax's kwargs.get('session_key_value', 'redirect_to')): the default, and what callers pass by that keyword", async () => {
  const { index } = await indexedProject({
    'account/__init__.py': '',
    'account/utils.py': [
      'def default_redirect(request, fallback_url, **kwargs):',
      "    session_key_value = kwargs.get('session_key_value', 'redirect_to')",
      '    if session_key_value in request.session:',
      '        return request.session.pop(session_key_value)',
      '    return fallback_url',
      '',
      'def other(request, **kwargs):',
      "    key = kwargs.get('other_name', 'not_this')",  // a different name: not followed
      '    return request.session.get(key)',
      '',
    ].join('\n'),
    'account/views.py': [
      'from account.utils import default_redirect',
      'def login(request):',
      "    return default_redirect(request, '/', session_key_value='after_login')",
      'def test_redirect(client):',
      "    client.session['redirect_to'] = '/x'",
      '',
    ].join('\n'),
  });
  assert.deepEqual(keyed(index, 'account/utils.py'), ['contains redirect_to@1:56', 'delete redirect_to@1:56', 'read redirect_to@1:56']);
  assert.deepEqual(keyed(index, 'account/views.py').map((l) => l.split('@')[0]), ['contains after_login', 'delete after_login', 'read after_login', 'write redirect_to']);
});
