// Keys held by constants of other modules, with the real extractor: members of a str Enum
// (`SessionKeys.CART`, `.value`), constants inherited from a mixin imported from another file
// (`self.SESSION_KEY` in `class CartView(CartMixin, View)`), star re-exports of a constants
// package, and edits of the module defining them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { djangoExtractor } from '../../server/src/index/djangoExtractor';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { scratchWorkspace } from '../support/scratch';

const MIXINS = [
  'from enum import Enum',
  '',
  'class SessionKeys(str, Enum):',
  '    CART = "enum_cart"',
  '    PREFS = "enum_prefs"',
  '',
  'class BaseMixin:',
  '    FLASH_KEY = "base_flash"',
  '',
  'class CartMixin:',
  '    SESSION_KEY = "mixin_cart"',
  '',
].join('\n');

const VIEWS = [
  'from django.views import View',
  'from shop import mixins',
  'from shop.mixins import CartMixin, SessionKeys',
  '',
  'class LocalBase(CartMixin):',
  '    pass',
  '',
  'class CartView(LocalBase, View):',
  '    def get(self, request):',
  '        return self.request.session.get(self.SESSION_KEY)',
  '',
  'class FlashView(mixins.BaseMixin, View):',
  '    def post(self, request):',
  '        request.session[self.FLASH_KEY] = "saved"',
  '',
  'class PlainView(View):',
  '    def get(self, request):',
  '        return request.session.get(self.template_name)',
  '',
  'def enum_view(request):',
  '    request.session[SessionKeys.CART] = []',
  '    request.session[SessionKeys.PREFS.value] = {}',
  '    return request.session.get(mixins.SessionKeys.CART)',
  '',
].join('\n');

async function build(files: Record<string, string>): Promise<WorkspaceIndex> {
  const root = scratchWorkspace({ 'manage.py': '', 'shop/__init__.py': '', ...files }, 'ds-class-constants-');
  const index = new WorkspaceIndex({ root, extractor: djangoExtractor() });
  await index.build();
  return index;
}

const keysIn = (index: WorkspaceIndex, file: string) => index.accessesIn(file).map((a) => `${a.op} ${a.key ?? '<dynamic>'}`);

test('str Enum members (also .value and module.Class.MEMBER) and constants inherited from imported mixins are keys', async () => {
  const index = await build({ 'shop/mixins.py': MIXINS, 'shop/views.py': VIEWS });
  assert.deepEqual(keysIn(index, 'shop/views.py'), [
    'read mixin_cart', 'write base_flash', 'read <dynamic>', 'write enum_cart', 'write enum_prefs', 'read enum_cart',
  ]);
  // The key comes from the constant: rename and go to definition lead to the literal in mixins.py.
  const cart = index.accessesOf('enum_cart')[0].access;
  assert.equal(cart.source.kind, 'constant');
  assert.equal(cart.source.kind === 'constant' ? cart.source.file : null, 'shop/mixins.py');
  const inherited = index.accessesOf('mixin_cart')[0].access;
  assert.equal(inherited.source.kind === 'constant' ? inherited.source.name : null, 'CartMixin.SESSION_KEY');
});

test('editing the module that defines the class re-resolves the keys of the files using it', async () => {
  const index = await build({ 'shop/mixins.py': MIXINS, 'shop/views.py': VIEWS });
  index.updateFile('shop/mixins.py', MIXINS.replace('"mixin_cart"', '"renamed_cart"').replace('"enum_cart"', '"cart_v2"'));
  assert.deepEqual(keysIn(index, 'shop/views.py'), [
    'read renamed_cart', 'write base_flash', 'read <dynamic>', 'write cart_v2', 'write enum_prefs', 'read cart_v2',
  ]);
  assert.deepEqual(index.accessesOf('mixin_cart'), []);
});

test("a constants package re-exporting with 'from .x import *' (also a class, and star imports in a cycle)", async () => {
  const index = await build({
    'shop/constants/__init__.py': 'from .cart import *\nfrom .flags import *\n',
    'shop/constants/cart.py': 'CART_KEY = "star_cart"\n',
    'shop/constants/flags.py': 'from shop.constants import *\n\nclass Flags(str, Enum):\n    SEEN = "star_seen"\n',
    'shop/views.py': [
      'from shop.constants import CART_KEY, Flags, MISSING',
      'from shop import constants',
      '',
      'def view(request):',
      '    request.session[CART_KEY] = 1',
      '    request.session[Flags.SEEN] = True',
      '    request.session.get(constants.CART_KEY)',
      '    return request.session.get(MISSING)',
      '',
    ].join('\n'),
  });
  assert.deepEqual(keysIn(index, 'shop/views.py'), ['write star_cart', 'write star_seen', 'read star_cart', 'read <dynamic>']);
  index.updateFile('shop/constants/cart.py', 'CART_KEY = "star_cart_v2"\n');
  assert.deepEqual(keysIn(index, 'shop/views.py'), ['write star_cart_v2', 'write star_seen', 'read star_cart_v2', 'read <dynamic>']);
});

test("keys held in a dict's elements: KEYS['cart'] here, imported, re-exported, module.KEYS, a class's dict; edits re-resolve", async () => {
  const index = await build({
    'shop/keys.py': [
      "SESSION_KEYS = {'cart': 'dict_cart', \"coupon\": 'dict_coupon', 'theme': THEME}",
      "THEME = 'not_yet_bound'",
      "LOGGING = {'version': 1, 'name': 'not_keys'}",
      '',
    ].join('\n'),
    'shop/__init__.py': 'from .keys import SESSION_KEYS as KEYS\n',
    'shop/views.py': [
      'from shop import keys',
      'from shop import KEYS',
      'from shop.keys import SESSION_KEYS, LOGGING',
      '',
      "LOCAL = {'seen': 'dict_seen'}",
      '',
      'class CartView:',
      "    FLAGS = {'banner': 'dict_banner'}",
      '',
      '    def get(self, request):',
      "        request.session[SESSION_KEYS['cart']] = []",
      "        request.session.get(keys.SESSION_KEYS['coupon'])",
      "        request.session.pop(KEYS['coupon'], None)",
      "        request.session[LOCAL['seen']] = True",
      "        request.session[self.FLAGS['banner']] = 1",
      "        request.session[SESSION_KEYS['missing']] = 1",
      "        return request.session.get(LOGGING['name'])",
      '',
    ].join('\n'),
  });
  assert.deepEqual(keysIn(index, 'shop/views.py'), [
    'write dict_cart', 'read dict_coupon', 'read dict_coupon', 'delete dict_coupon', 'write dict_seen', 'write dict_banner', 'write <dynamic>', 'read <dynamic>',
  ]);
  // The element's literal is the constant: rename and definition lead to it.
  const cart = index.accessesOf('dict_cart')[0].access;
  assert.deepEqual(cart.source.kind === 'constant' ? [cart.source.name, cart.source.file] : null, ["SESSION_KEYS['cart']", 'shop/keys.py']);
  const banner = index.accessesOf('dict_banner')[0].access;
  assert.equal(banner.source.kind === 'constant' ? banner.source.name : null, "CartView.FLAGS['banner']");
  index.updateFile('shop/keys.py', "SESSION_KEYS = {'cart': 'dict_cart_v2', 'coupon': 'dict_coupon'}\n");
  assert.deepEqual(keysIn(index, 'shop/views.py').slice(0, 2), ['write dict_cart_v2', 'read dict_coupon']);
});

test('key lists of other modules: a loop over one (imported, module.LIST, re-exported, in a comprehension) and an element by index; edits re-resolve', async () => {
  const index = await build({
    'shop/keys.py': "LOGOUT_KEYS = ('list_cart', 'list_coupon')\nNOT_KEYS = [1, 2]\n",
    'shop/__init__.py': 'from .keys import LOGOUT_KEYS as CLEARED\n',
    'shop/views.py': [
      'from shop import keys',
      'from shop import CLEARED',
      'from shop.keys import LOGOUT_KEYS, NOT_KEYS',
      '',
      'def logout_view(request):',
      '    for key in LOGOUT_KEYS:',
      '        request.session.pop(key, None)',
      '    [request.session.get(k) for k in keys.LOGOUT_KEYS]',
      '    for key in CLEARED:',
      '        del request.session[key]',
      '    request.session[keys.LOGOUT_KEYS[1]] = 1',
      '    for n in NOT_KEYS:',
      '        request.session.get(n)',
      '',
    ].join('\n'),
  });
  assert.deepEqual(keysIn(index, 'shop/views.py').sort(), [
    'delete list_cart', 'delete list_cart', 'delete list_coupon', 'delete list_coupon',
    'read <dynamic>', 'read list_cart', 'read list_cart', 'read list_coupon', 'read list_coupon', 'write list_coupon',
  ]);
  // Each element's literal in keys.py is where rename and definition lead.
  const coupon = index.accessesOf('list_coupon').map((a) => a.access.source);
  assert.ok(coupon.every((s) => s.kind === 'constant' && s.file === 'shop/keys.py' && s.name === 'LOGOUT_KEYS[1]'));
  index.updateFile('shop/keys.py', "LOGOUT_KEYS = ('list_cart',)\n");
  assert.deepEqual(index.accessesOf('list_coupon'), []);
  assert.equal(index.accessesOf('list_cart').length, 4);
});

test('a constants module open in the editor and not saved yet is read from the editor, not the disk', async () => {
  const index = await build({ 'shop/views.py': 'def view(request):\n    return 1\n' });
  index.updateFile('shop/new_keys.py', "NEW_KEY = 'from_the_buffer'\n", true);
  index.updateFile('shop/views.py', 'from shop.new_keys import NEW_KEY\n\ndef view(request):\n    return request.session.get(NEW_KEY)\n', true);
  assert.deepEqual(keysIn(index, 'shop/views.py'), ['read from_the_buffer']);
});

test("a package's constant for its key (django-otp, social-core, django-oscar), imported from site-packages: its key (a `library` source, which rename refuses to touch); a workspace module of that name wins", async () => {
  const { indexedProject } = await import('../support/indexedProject');
  const views = [
    'from django_otp import DEVICE_ID_SESSION_KEY',
    'from oscar.apps.checkout.utils import CheckoutSessionData',
    'import social_core.utils',
    'def view(request):',
    '    device = request.session.get(DEVICE_ID_SESSION_KEY)',
    '    request.session[CheckoutSessionData.SESSION_KEY] = {}',
    '    return request.session.pop(social_core.utils.PARTIAL_TOKEN_SESSION_NAME, None), device',
    '',
  ].join('\n');
  const { index } = await indexedProject({ 'app/__init__.py': '', 'app/views.py': views });
  assert.deepEqual(index.accessesIn('app/views.py').map((a) => `${a.op} ${a.key} ${a.source.kind}`),
    ['read otp_device_id library', 'write checkout_data library', 'read partial_pipeline_token library', 'delete partial_pipeline_token library']);
  const forked = await indexedProject({
    'app/__init__.py': '', 'app/views.py': views,
    'django_otp/__init__.py': "DEVICE_ID_SESSION_KEY = 'forked_device'\n# session\n",
  });
  assert.equal(forked.index.accessesIn('app/views.py')[0].key, 'forked_device');
});

test('a dict of keys of another module indexed by a run-time value: each of its values (imported by name, as module.NAME, re-exported)', async () => {
  const { indexedProject } = await import('../support/indexedProject');
  const { index } = await indexedProject({
    'app/__init__.py': 'from app.keys import SORTING\n',
    'app/keys.py': "SORTING = {'Task': 'task_sorting', 'Deal': 'deal_sorting'}\nLABELS = {'Task': 'Tasks', 'n': 2}\n",
    'app/views.py': [
      'from app import SORTING',
      'from app import keys',
      'def toggle(request, model):',
      '    if SORTING[model] in request.session:',
      '        del request.session[SORTING[model]]',
      '    key = keys.SORTING[model]',
      '    request.session[key] = True',
      '    return request.session.get(keys.LABELS[model])',
      '',
    ].join('\n'),
  });
  assert.deepEqual(index.accessesIn('app/views.py').map((a) => `${a.op} ${a.key ?? '<dynamic>'}`).sort(), [
    'contains deal_sorting', 'contains task_sorting', 'delete deal_sorting', 'delete task_sorting',
    'read <dynamic>', 'write deal_sorting', 'write task_sorting',
  ]);
  const write = index.accessesOf('deal_sorting').find((a) => a.access.op === 'write')?.access;
  assert.deepEqual(write?.source.kind === 'constant' && [write.source.file, write.source.name], ['app/keys.py', "SORTING['Deal']"]);
});

test("an imported constant set from getattr(settings, 'X', 'default'): the setting's value, else the default (django-loginas' USER_SESSION_FLAG)", async () => {
  const { indexedProject } = await import('../support/indexedProject');
  const { index } = await indexedProject({
    'loginas/__init__.py': '',
    'loginas/settings.py': "from django.conf import settings\nUSER_SESSION_FLAG = getattr(settings, 'LOGINAS_FROM_USER_SESSION_FLAG', 'loginas_from_user')\n",
    'loginas/utils.py': 'from loginas import settings as la_settings\n\ndef login_as(request, pk):\n    request.session[la_settings.USER_SESSION_FLAG] = pk\n',
  });
  const key = () => index.accessesIn('loginas/utils.py').map((a) => a.key);
  assert.deepEqual(key(), ['loginas_from_user']);
  const { span } = await import('./handFacts');
  index.setSettings({
    module: 'proj.settings', files: [], production: false, names: () => ['LOGINAS_FROM_USER_SESSION_FLAG'],
    get: (name) => (name === 'LOGINAS_FROM_USER_SESSION_FLAG' ? { name, value: { kind: 'known', value: 'original_user' }, file: 'proj/settings.py', span: span(0, 0, 1) } : undefined),
  });
  assert.deepEqual(key(), ['original_user']);
});

test("a key a method of an imported module's class returns (django_quiz's self.quiz.anon_q_list()): its pattern, followed through edits", async () => {
  const { indexedProject } = await import('../support/indexedProject');
  const models = (suffix: string) => [
    'from django.db import models',
    '',
    'class Quiz(models.Model):',
    '    def anon_score_id(self):',
    '        return str(self.id) + "_score"',
    '',
    '    def anon_q_list(self):',
    `        return str(self.id) + "${suffix}"`,
    '',
  ].join('\n');
  const { index, write } = await indexedProject({
    'quiz/__init__.py': '',
    'quiz/models.py': models('_q_list'),
    'quiz/views.py': [
      'from django.views.generic import FormView',
      'from .models import Quiz',
      'class QuizTake(FormView):',
      '    def questions(self):',
      '        self.request.session[self.quiz.anon_score_id()] = 0',
      '        return self.request.session[self.quiz.anon_q_list()]',
      '    def other(self):',
      '        return self.request.session[self.quiz.title.lower()]',
      '',
    ].join('\n'),
    'quiz/tests.py': 'def test_anon(client):\n    assert client.session["1_q_list"] == [1]\n    assert client.session["1_score"] == 0\n',
  });
  const keys = () => index.accessesIn('quiz/views.py').map((a) => `${a.op} ${a.key ?? '<dynamic>'}${a.pattern ? ' (pattern)' : ''}`);
  assert.deepEqual(keys(), ['write *_score (pattern)', 'read *_q_list (pattern)', 'read <dynamic>']);
  assert.deepEqual(index.patternsMatching('1_q_list', ['read']).length, 1);
  // The method changes on disk: the key follows.
  write('quiz/models.py', models('_questions'));
  index.updateFile('quiz/models.py', models('_questions'));
  assert.deepEqual(keys(), ['write *_score (pattern)', 'read *_questions (pattern)', 'read <dynamic>']);
});
