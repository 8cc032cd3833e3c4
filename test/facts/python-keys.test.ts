import assert from 'node:assert/strict';
import { test } from 'node:test';
import { only, pythonFacts, spanOfText, summary } from './helpers';

test('dynamic keys become glob patterns: f-string, %, .format, +', async () => {
  const src = [
    'def view(request, provider, step):',
    '    request.session[f"oauth_{provider}_access_token"] = token',
    "    request.session['checkout_%s_data' % step] = {}",
    "    request.session['wizard_{}_{}'.format(step, 1)] = {}",
    "    request.session['prefix_' + provider] = 1",
    '    request.session[f"{provider}"] = 1',
    '    request.session[provider] = 1',
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), [
    'write pattern oauth_*_access_token', 'write pattern checkout_*_data', 'write pattern wizard_*_*',
    'write pattern prefix_*', 'write <null>', 'write <null>',
  ]);
  const oauth = facts.accesses[0];
  assert.deepEqual(oauth.source, { kind: 'dynamic' });
  assert.deepEqual(oauth.span, spanOfText(src, 'f"oauth_{provider}_access_token"'));
  assert.equal(oauth.valueType, 'unknown');
});

test('string escapes, concatenation and local string variables resolve to the key', async () => {
  const src = [
    'def view(request, provider):',
    "    request.session['a\\tb' 'c'] = 1",
    '    key = f"oauth_{provider}_refresh"',
    '    request.session[key] = 1',
    "    name = 'local'",
    '    request.session[name] = 1',
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), ['write a\tbc', 'write pattern oauth_*_refresh', 'write local']);
  // The access span is the name at the access; the constant's span points at its literal.
  const local = only(facts, 'write', 'local');
  assert.deepEqual(local.span, spanOfText(src, 'name', 1));
  assert.deepEqual(local.source, { kind: 'constant', name: 'name', file: 'shop/app/views.py', span: spanOfText(src, "'local'") });
});

test('module constants resolve in place; imported ones become PendingKeys', async () => {
  const src = [
    'from django.conf import settings',
    'from .constants import CART_SESSION_KEY',
    'from cart import constants',
    'import cart.constants as cc',
    "THEME_KEY = 'theme'",
    'def view(request):',
    '    request.session[THEME_KEY] = "dark"',
    '    request.session[CART_SESSION_KEY] = {}',
    '    request.session[constants.COUPON_KEY] = None',
    '    request.session[cc.OTHER] = 1',
    '',
  ].join('\n');
  const facts = await pythonFacts(src, 'shop/prefs/views.py', 'prefs.views');
  const theme = only(facts, 'write', 'theme');
  assert.deepEqual(theme.source, { kind: 'constant', name: 'THEME_KEY', file: 'shop/prefs/views.py', span: spanOfText(src, "'theme'") });
  assert.deepEqual(theme.span, spanOfText(src, 'THEME_KEY', 1));
  assert.deepEqual(facts.constants, [{ name: 'THEME_KEY', value: 'theme', span: spanOfText(src, "'theme'") }]);
  assert.deepEqual(facts.pendingKeys, [
    { accessIndex: 1, ref: { kind: 'import', module: 'prefs.constants', name: 'CART_SESSION_KEY' } },
    { accessIndex: 2, ref: { kind: 'import', module: 'cart.constants', name: 'COUPON_KEY' } },
    { accessIndex: 3, ref: { kind: 'import', module: 'cart.constants', name: 'OTHER' } },
  ]);
  assert.equal(facts.accesses[1].key, null);
  assert.deepEqual(facts.imports[1], { local: 'CART_SESSION_KEY', module: 'prefs.constants', name: 'CART_SESSION_KEY' });
});

test('relative imports resolve against the package; __init__ is its own package', async () => {
  const src = 'from ..shared import KEY\nfrom . import keys\n';
  const inModule = await pythonFacts(src, 'shop/a/b/views.py', 'a.b.views');
  assert.deepEqual(inModule.imports.map((i) => i.module), ['a.shared', 'a.b']);
  const inPackage = await pythonFacts(src, 'shop/a/b/__init__.py', 'a.b');
  assert.deepEqual(inPackage.imports.map((i) => i.module), ['a.shared', 'a.b']);
  const outside = await pythonFacts(src, 'scripts/x.py', null);
  assert.deepEqual(outside.imports.map((i) => i.module), ['..shared', '.']);
});

test("settings.X and getattr(settings, 'X', default) are setting keys", async () => {
  const src = [
    'from django.conf import settings',
    'def view(request):',
    '    request.session[settings.CART_SESSION_ID] = {}',
    "    request.session.get(getattr(settings, 'WISHLIST_KEY', 'wishlist'))",
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(facts.accesses.map((a) => [a.key, a.source]), [
    [null, { kind: 'setting', name: 'CART_SESSION_ID' }],
    ['wishlist', { kind: 'setting', name: 'WISHLIST_KEY' }],
  ]);
  assert.deepEqual(facts.pendingKeys, [
    { accessIndex: 0, ref: { kind: 'setting', name: 'CART_SESSION_ID', default: null } },
    { accessIndex: 1, ref: { kind: 'setting', name: 'WISHLIST_KEY', default: 'wishlist' } },
  ]);
});

test('class attributes: self.KEY, ClassName.KEY, and a class constant set from settings', async () => {
  const src = [
    'from django.conf import settings',
    'class Cart:',
    '    SESSION_KEY = settings.CART_SESSION_ID',
    "    COUPON = 'coupon'",
    '    def __init__(self, request):',
    '        self.session = request.session',
    '        self.session.get(self.SESSION_KEY)',
    '        self.session[self.COUPON] = None',
    'def view(request):',
    '    request.session.pop(Cart.COUPON)',
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), ['read <null>', 'write coupon', 'read coupon', 'delete coupon']);
  assert.deepEqual(facts.accesses[0].source, { kind: 'setting', name: 'CART_SESSION_ID' });
  // `self.COUPON` may also be what a subclass sets (the index looks); `Cart.COUPON` is Cart's own.
  assert.deepEqual(facts.pendingKeys, [
    { accessIndex: 0, ref: { kind: 'setting', name: 'CART_SESSION_ID', default: null } },
    { accessIndex: 1, ref: { kind: 'subclass', module: 'app.views', className: 'Cart', name: 'COUPON' } },
  ]);
  assert.deepEqual(facts.accesses[1].source, { kind: 'constant', name: 'Cart.COUPON', file: 'shop/app/views.py', span: spanOfText(src, "'coupon'") });
  assert.equal(facts.accesses[2].scope, 'view');
  assert.deepEqual(facts.constants.map((c) => [c.name, c.value, c.fromSetting]), [
    ['Cart.SESSION_KEY', null, 'CART_SESSION_ID'], ['Cart.COUPON', 'coupon', undefined],
  ]);
});

test("Django's constants resolve to their keys", async () => {
  const src = [
    'from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY as BK',
    'from django.contrib import auth',
    'import django.contrib.auth',
    'def view(request):',
    '    request.session[SESSION_KEY]',
    '    request.session.get(BK)',
    '    auth.HASH_SESSION_KEY in request.session',
    '    request.session[django.contrib.auth.SESSION_KEY]',
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), ['read _auth_user_id', 'read _auth_user_backend', 'contains _auth_user_hash', 'read _auth_user_id']);
  assert.deepEqual(facts.accesses[0].source, { kind: 'django', name: 'SESSION_KEY' });
  assert.equal(facts.pendingKeys, undefined);
});

test('a module constant read from settings keeps the setting name and getattr default', async () => {
  const src = "from django.conf import settings\nCART = settings.CART_SESSION_ID\nWISH = getattr(settings, 'WISH_KEY', 'wish')\n";
  const facts = await pythonFacts(src, 'shop/cart/keys.py', 'cart.keys');
  assert.deepEqual(facts.constants.map((c) => [c.name, c.value, c.fromSetting, c.settingDefault]), [
    ['CART', null, 'CART_SESSION_ID', undefined], ['WISH', null, 'WISH_KEY', 'wish'],
  ]);
});

test('class constants of a base class in the same file, str Enum members and their .value', async () => {
  const src = [
    'from enum import Enum',
    'from shop.mixins import RemoteMixin',
    'class Keys(str, Enum):',
    "    CART = 'cart'",
    'class Base:',
    "    KEY = 'base_key'",
    'class Middle(Base):',
    '    pass',
    'class View(Middle, RemoteMixin):',
    '    def get(self, request):',
    '        request.session[self.KEY] = 1',
    '        request.session[Keys.CART.value] = []',
    '        request.session[Keys.CART] = []',
    '        return request.session.get(self.REMOTE_KEY)',
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), ['write base_key', 'write cart', 'write cart', 'read <null>']);
  // Not found in this file: the first base imported from the project holds it (the index reads
  // `shop.mixins.RemoteMixin` as class RemoteMixin of shop.mixins).
  assert.deepEqual(facts.pendingKeys?.map((p) => p.ref), [
    { kind: 'subclass', module: 'app.views', className: 'View', name: 'KEY' },
    { kind: 'import', module: 'shop.mixins.RemoteMixin', name: 'REMOTE_KEY' },
  ]);
  assert.deepEqual(facts.classes, [
    { name: 'Middle', bases: [{ module: 'app.views', name: 'Base' }] },
    { name: 'View', bases: [{ module: 'app.views', name: 'Middle' }, { module: 'shop.mixins', name: 'RemoteMixin' }] },
  ]);
});

test('a loop over known keys (a literal, a key list constant, a comprehension) is an access of each key', async () => {
  const src = [
    "CHECKOUT_KEYS = ('step', 'address')",
    'def logout_view(request):',
    "    for key in ['cart', 'coupon']:",
    '        request.session.pop(key, None)',
    '    for key in CHECKOUT_KEYS:',
    '        del request.session[key]',
    '    [request.session.pop(k, None) for k in CHECKOUT_KEYS]',
    '    key = other()',
    '    request.session.get(key)',
    '    for name in names:',
    '        request.session[name] = 1',
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), [
    'read cart', 'read coupon', 'delete cart', 'delete coupon', 'delete step', 'delete address',
    'read step', 'read address', 'delete step', 'delete address', 'read <null>', 'write <null>',
  ]);
  // Each access sits at the loop variable; rename edits the literal where the key is written.
  const cart = facts.accesses.find((a) => a.key === 'cart')!;
  assert.deepEqual(cart.span, spanOfText(src, 'key', 1));
  assert.equal(cart.source.kind, 'constant');
  assert.deepEqual(cart.source.kind === 'constant' ? cart.source.span : null, spanOfText(src, "'cart'"));
  const step = facts.accesses.find((a) => a.key === 'step')!;
  assert.deepEqual(step.source.kind === 'constant' ? [step.source.name, step.source.span] : null, ['CHECKOUT_KEYS[0]', spanOfText(src, "'step'")]);
});

test('known strings fill the holes of f-strings, % and .format; only plain placeholders, and the key is built, not a literal', async () => {
  const src = [
    "PREFIX = 'shop'",
    'def view(request, n):',
    "    request.session[f'{PREFIX}_cart'] = 1",
    "    request.session['%s_coupon' % PREFIX] = 1",
    "    request.session['{}_step_{}'.format(PREFIX, n)] = 1",
    "    request.session['{p}_theme'.format(p=PREFIX)] = 1",
    "    request.session['%d_%s_x' % (n, PREFIX)] = 1",
    "    request.session['%s%%' % PREFIX] = 1",
    "    request.session[f'{PREFIX!r}_repr'] = 1",
    "    request.session[f'{PREFIX:>8}_padded'] = 1",
    "    request.session['%(p)s_mapped' % {'p': PREFIX}] = 1",
    "    request.session[f'{{literal}}_{PREFIX}'] = 1",
    "    request.session['{}_{}'.format(*parts, PREFIX)] = 1",
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), [
    'write shop_cart', 'write shop_coupon', 'write pattern shop_step_*', 'write shop_theme', 'write pattern *_shop_x', 'write shop%',
    'write pattern *_repr', 'write pattern *_padded', 'write pattern *_mapped', 'write {literal}_shop',
    // After `*parts` the positions are unknown: PREFIX may fill either hole.
    'write pattern *_*',
  ]);
  // Built from a constant: rename must not rewrite the f-string as if the key were written there.
  assert.deepEqual(facts.accesses[0].source, { kind: 'dynamic' });
  assert.deepEqual(facts.accesses[0].span, spanOfText(src, "f'{PREFIX}_cart'"));
});

test('a key built from the variable of a loop over known keys is one key (or pattern) per element', async () => {
  const src = [
    'class ArticleView:',
    '    def get_initial(self):',
    '        for field_name in ["title", "content"]:',
    '            session_key = "unsaved_article_%s_%d" % (field_name, self.article.id)',
    '            if session_key in self.request.session:',
    '                del self.request.session[session_key]',
    '',
    'def logout(request):',
    "    for part in ('address', 'payment', 'address'):",
    "        request.session.pop(f'checkout_{part}', None)",
    "    return [p for p in ('github', 'google') if f'oauth_{p}_token' in request.session]",
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), [
    'contains pattern unsaved_article_title_*', 'contains pattern unsaved_article_content_*',
    'delete pattern unsaved_article_title_*', 'delete pattern unsaved_article_content_*',
    'read checkout_address', 'read checkout_payment', 'delete checkout_address', 'delete checkout_payment',
    'contains oauth_github_token', 'contains oauth_google_token',
  ]);
  for (const access of facts.accesses) assert.equal(access.source.kind, 'dynamic');
  assert.deepEqual(facts.accesses.find((a) => a.key === 'checkout_payment')?.span, spanOfText(src, "f'checkout_{part}'"));
});

test('an element of a key list by index (KEYS[0], KEYS[-1]) is that key; rename edits it in the list', async () => {
  const src = ["KEYS = ('cart', 'coupon')", 'def view(request, i):', '    request.session[KEYS[0]] = 1', '    request.session.get(KEYS[-1])', '    request.session.get(KEYS[5])', '    request.session.get(KEYS[i])', ''].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), ['write cart', 'read coupon', 'read <null>', 'read <null>']);
  const cart = facts.accesses[0];
  assert.deepEqual(cart.span, spanOfText(src, 'KEYS[0]'));
  assert.deepEqual(cart.source.kind === 'constant' ? [cart.source.name, cart.source.span] : null, ['KEYS[0]', spanOfText(src, "'cart'")]);
});

test("a key a helper of the file returns (a method or a function that is one return): its parameters are the call's strings, else unknown", async () => {
  const src = [
    "PREFIX = 'shop'",
    'class Storage:',
    '    def _get_session_key(self, basket):',
    '        """The key of a basket."""',
    '        return "basket_%s_key" % basket.basket_name',
    '',
    '    def _static(self):',
    "        return 'static_key'",
    '',
    '    def save(self, basket, data):',
    '        basket.request.session[self._get_session_key(basket)] = data',
    '        key = self._get_session_key(basket)',
    '        basket.request.session.pop(key, None)',
    '        basket.request.session.get(self._static())',
    '        basket.request.session.get(self._missing())',
    '',
    'def key_for(name):',
    "    return f'{PREFIX}_{name}'",
    '',
    'def two_statements(name):',
    '    name = name.lower()',
    "    return f'{PREFIX}_{name}'",
    '',
    'def view(request, PREFIX=None):',
    "    request.session[key_for('x')] = 1",
    "    request.session[key_for(name='y')] = 1",
    '    request.session.get(key_for(request.GET["n"]))',
    "    request.session.get(two_statements('z'))",
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), [
    'write pattern basket_*_key', 'read pattern basket_*_key', 'delete pattern basket_*_key', 'read static_key', 'read <null>',
    // The helper's PREFIX is the module's, not the caller's parameter of that name.
    'write shop_x', 'write shop_y', 'read pattern shop_*', 'read <null>',
  ]);
  // A returned literal is where the key is written: rename edits it there.
  const literal = facts.accesses[3];
  assert.deepEqual(literal.source.kind === 'constant' ? [literal.source.name, literal.source.span] : null, ['_static()', spanOfText(src, "'static_key'")]);
  assert.equal(facts.accesses[5].source.kind, 'dynamic');
});

test("a dict of keys indexed by a value known only at run time is one of its values (django-crm's sorting toggles); a literal member is that element", async () => {
  const src = [
    'data = {',
    "    'Task': 'task_step_date_sorting',",
    "    'Deal': 'deal_step_date_sorting',",
    '}',
    "MIXED = {'a': 'key_a', 'b': 2}",
    'def toggle(request):',
    "    model = request.GET.get('model')",
    '    key = data[model]',
    '    if key in request.session:',
    '        del request.session[key]',
    '    else:',
    '        request.session[key] = True',
    "    task = data['Task']",
    '    request.session.get(task)',
    '    return request.session.get(MIXED[model])',
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(summary(facts), [
    'contains task_step_date_sorting', 'contains deal_step_date_sorting', 'delete task_step_date_sorting', 'delete deal_step_date_sorting',
    'write task_step_date_sorting', 'write deal_step_date_sorting', 'read task_step_date_sorting', 'read <null>',
  ]);
  // Each key's source is its literal in the dict: rename edits it there.
  const write = facts.accesses.find((a) => a.op === 'write' && a.key === 'deal_step_date_sorting');
  assert.deepEqual(write?.source.kind === 'constant' && [write.source.name, write.source.span], ["data['Deal']", spanOfText(src, "'deal_step_date_sorting'")]);
});

test("an unknown value added to a string is a string: `address_type + '_address_id'` is the pattern *_address_id; two unknowns added, or a pattern of under 3 known characters, are not a key", async () => {
  const src = [
    'def save_address(request, instance):',
    "    address_type = request.POST.get('address_type', 'shipping')",
    "    request.session[address_type + '_address_id'] = instance.id",
    "    request.session[request.GET['a'] + request.GET['b']] = 1",
    "    request.session[instance.slug + '.' + request.GET['f']] = 2",  // `*.*` would match any dotted key
    '',
  ].join('\n');
  const facts = await pythonFacts(src);
  assert.deepEqual(facts.accesses.map((a) => `${a.key} ${a.pattern}`), ['*_address_id true', 'null false', 'null false']);
});
