import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import type { SettingsModel } from '../../server/src/settings/types';
import { access, handExtractor, span } from './handFacts';
import { scratchWorkspace } from '../support/scratch';
import { indexedProject } from '../support/indexedProject';


const workspace = (files: Record<string, string | Buffer>): string => scratchWorkspace(files, 'ds-index-');

test('walk: module names from manage.py roots and packages; templates; excludes', async () => {
  const root = workspace({
    'proj/manage.py': '',
    'proj/shop/__init__.py': '',
    'proj/shop/views.py': 'request.session',
    'proj/shop/templates/shop/cart.html': '{{ request.session.cart }}',
    'proj/shop/static/readme.txt': 'session',
    'lib/pkg/__init__.py': '',
    'lib/pkg/sub/__init__.py': '',
    'lib/pkg/sub/keys.py': 'session',
    'node_modules/x/session.py': 'session',
  });
  const extractor = handExtractor({});
  const index = new WorkspaceIndex({ root, extractor, exclude: ['**/node_modules/**'] });
  const stats = await index.build();
  assert.equal(stats.cancelled, false);
  assert.equal(index.moduleOf('proj/shop/views.py'), 'shop.views');
  assert.equal(index.moduleOf('proj/shop/__init__.py'), 'shop');
  assert.equal(index.moduleOf('lib/pkg/sub/keys.py'), 'pkg.sub.keys');
  assert.equal(index.fileOfModule('shop.views'), 'proj/shop/views.py');
  assert.deepEqual(index.files().sort(), ['lib/pkg/sub/keys.py', 'proj/shop/templates/shop/cart.html', 'proj/shop/views.py']);
  // Never parsed: files without the word, txt outside templates/, excluded folders.
  assert.equal(extractor.calls.has('proj/manage.py'), false);
  assert.equal(extractor.calls.has('node_modules/x/session.py'), false);
});

test('binary, oversized and non-UTF-8 files and a symlink loop do not stop the walk', async () => {
  const root = workspace({
    'a/bin.py': Buffer.from([0x73, 0x65, 0x73, 0x73, 0x69, 0x6f, 0x6e, 0x00, 0xff]),
    'a/latin1.py': Buffer.from('session = "caf\xe9"\n', 'latin1'),
    'a/big.py': `session = 1\n${'#'.repeat(2 * 1024 * 1024 + 10)}\n`,
  });
  symlinkSync(join(root, 'a'), join(root, 'a', 'loop'));
  const logs: string[] = [];
  const extractor = handExtractor({});
  const index = new WorkspaceIndex({ root, extractor, log: (m) => logs.push(m) });
  const stats = await index.build();
  assert.deepEqual(index.files(), ['a/latin1.py']);
  assert.equal(stats.skipped, 2);
  assert.ok(logs.some((l) => l.includes('binary') && l.includes('a/bin.py')));
  assert.ok(logs.some((l) => l.includes('too-large') && l.includes('a/big.py')));
  assert.ok(logs.some((l) => l.includes('symlink loop')));
});

test('imported constants resolve across files, lazily parsing a module that never says "session"', async () => {
  const root = workspace({
    'manage.py': '',
    'cart/__init__.py': '',
    'cart/keys.py': "CART_KEY = 'cart'\n",
    'cart/reexport.py': 'from .keys import CART_KEY\n',
    'cart/views.py': 'request.session[CART_KEY]\n',
  });
  const extractor = handExtractor({
    'cart/keys.py': { constants: [{ name: 'CART_KEY', value: 'cart', span: span(0, 11, 17) }] },
    'cart/reexport.py': { imports: [{ local: 'CART_KEY', module: 'cart.keys', name: 'CART_KEY' }] },
    'cart/views.py': {
      accesses: [
        access(null, 'write', span(0, 16, 24), { source: { kind: 'dynamic' } }),
        access(null, 'read', span(1, 16, 24), { source: { kind: 'dynamic' } }),
        access(null, 'read', span(2, 0, 5), { source: { kind: 'dynamic' } }),
        access(null, 'read', span(3, 0, 5), { source: { kind: 'dynamic' } }),
      ],
      pendingKeys: [
        { accessIndex: 0, ref: { kind: 'import', module: 'cart.keys', name: 'CART_KEY' } },
        { accessIndex: 1, ref: { kind: 'import', module: 'cart.reexport', name: 'CART_KEY' } },
        { accessIndex: 2, ref: { kind: 'import', module: 'django.contrib.auth', name: 'SESSION_KEY' } },
        { accessIndex: 3, ref: { kind: 'setting', name: 'CART_SESSION_ID', default: null } },
      ],
    },
  });
  const index = new WorkspaceIndex({ root, extractor });
  await index.build();
  const views = index.accessesIn('cart/views.py');
  assert.equal(views[0].key, 'cart');
  assert.deepEqual(views[0].source, { kind: 'constant', name: 'CART_KEY', file: 'cart/keys.py', span: span(0, 11, 17) });
  assert.equal(views[1].key, 'cart', 'followed the re-export');
  assert.equal(views[2].key, '_auth_user_id');
  assert.equal(views[2].source.kind, 'django');
  assert.equal(views[3].key, null, 'setting unknown without a SettingsModel');
  assert.equal(index.accessesOf('cart').length, 2);
  assert.equal(extractor.calls.get('cart/keys.py'), 1, 'parsed on demand once');

  const model: SettingsModel = {
    module: 'shop.settings', files: [], production: false, names: () => ['CART_SESSION_ID'],
    get: (name) => (name === 'CART_SESSION_ID' ? { name, value: { kind: 'known', value: 'basket' }, file: 's.py', span: span(0, 0, 1) } : undefined),
  };
  index.setSettings(model);
  assert.equal(index.accessesIn('cart/views.py')[3].key, 'basket');
  assert.deepEqual(index.accessesIn('cart/views.py')[3].source, { kind: 'setting', name: 'CART_SESSION_ID' });
});

test('updateFile re-resolves dependents; removeFile forgets; accessAt finds the key under the cursor', async () => {
  const root = workspace({ 'manage.py': '', 'keys.py': "K = 'a'\n", 'views.py': 'session\n' });
  const declared = {
    'keys.py': { constants: [{ name: 'K', value: 'a', span: span(0, 4, 7) }] },
    'views.py': {
      accesses: [access(null, 'read', span(0, 16, 17), { source: { kind: 'dynamic' } })],
      pendingKeys: [{ accessIndex: 0, ref: { kind: 'import' as const, module: 'keys', name: 'K' } }],
    },
  };
  const extractor = handExtractor(declared);
  const index = new WorkspaceIndex({ root, extractor });
  await index.build();
  assert.equal(index.accessesIn('views.py')[0].key, 'a');
  const before = index.version;
  declared['keys.py'] = { constants: [{ name: 'K', value: 'b', span: span(0, 4, 7) }] };
  index.updateFile('keys.py', "K = 'b'\n");
  assert.ok(index.version > before);
  assert.equal(index.accessesIn('views.py')[0].key, 'b');
  assert.deepEqual(index.accessesOf('a'), []);
  assert.equal(index.accessAt('views.py', 0, 17)?.access.key, 'b');
  assert.equal(index.accessAt('views.py', 0, 18), undefined);
  index.removeFile('keys.py');
  assert.equal(index.accessesIn('views.py')[0].key, null);
  index.removeFile('views.py');
  assert.deepEqual(index.files(), []);
});

test('build reports progress and stops when cancelled', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 600; i++) files[`m${i}.py`] = 'session';
  const root = workspace(files);
  const seen: number[] = [];
  const token = { isCancellationRequested: false };
  const index = new WorkspaceIndex({ root, extractor: handExtractor({}) });
  const stats = await index.build({ token, progress: (done, total) => { seen.push(done); assert.equal(total, 600); if (done >= 256) token.isCancellationRequested = true; } });
  assert.equal(stats.cancelled, true);
  assert.ok(stats.files < 600);
  assert.ok(seen.includes(256));
});

test('Jinja2 templates are read: files under jinja2/ folders and *.jinja / *.jinja2 / *.j2 anywhere', async () => {
  const { languageOf } = await import('../../server/src/index/files');
  assert.equal(languageOf('shop/jinja2/shop/page.html'), 'django-html');
  assert.equal(languageOf('jinja2/base.txt'), 'django-html');
  assert.equal(languageOf('shop/emails/welcome.j2'), 'django-html');
  assert.equal(languageOf('shop/emails/welcome.jinja'), 'django-html');
  assert.equal(languageOf('shop/emails/welcome.jinja2'), 'django-html');
  assert.equal(languageOf('shop/static/page.html'), null);
  assert.equal(languageOf('shop/jinja2.html'), null);
});

test("a Django setting the project does not set is Django's default (settings.LANGUAGE_COOKIE_NAME); one it sets, its value; a project setting nobody sets stays unknown", async () => {
  const { index } = await indexedProject({
    'app/__init__.py': '',
    'app/views.py': 'from django.conf import settings\n\ndef v(request):\n    return request.session.get(settings.LANGUAGE_COOKIE_NAME), request.session.get(settings.CART_ID)\n',
  });
  const keys = () => index.accessesIn('app/views.py').map((a) => a.key);
  assert.deepEqual(keys(), [null, null], 'no settings module: nothing is known');
  const model = (values: Record<string, string>): SettingsModel => ({
    module: 'proj.settings', files: [], production: false, names: () => Object.keys(values),
    get: (name) => (name in values ? { name, value: { kind: 'known', value: values[name] }, file: 'proj/settings.py', span: span(0, 0, 1) } : undefined),
  });
  index.setSettings(model({}));
  assert.deepEqual(keys(), ['django_language', null]);
  index.setSettings(model({ LANGUAGE_COOKIE_NAME: 'lang', CART_ID: 'cart' }));
  assert.deepEqual(keys(), ['lang', 'cart']);
});
