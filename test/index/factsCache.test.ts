// The facts cache (index/factsCache.ts) with the real extractor: a second index of an unchanged
// tree reads and parses nothing and has the same accesses; a changed file is read again; files
// defining secret-like constants are never written to it; a broken or foreign cache is ignored.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { djangoExtractor } from '../../server/src/index/djangoExtractor';
import type { FactsExtractor } from '../../server/src/index/extractor';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { scratchWorkspace } from '../support/scratch';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const SECRET = 'django-insecure-never-copy-me-7f3a9c';
const FILES = {
  'manage.py': '',
  'shop/__init__.py': '',
  'shop/settings.py': `SECRET_KEY = '${SECRET}'\nSESSION_ENGINE = 'django.contrib.sessions.backends.db'\n`,
  'shop/keys.py': "CART_KEY = 'cart'\n",
  'shop/views.py': "from shop.keys import CART_KEY\n\ndef view(request):\n    request.session[CART_KEY] = 1\n    return request.session.get('coupon')\n",
  'shop/plain.py': 'def helper(x):\n    return x + 1\n',
  'shop/defaults.py': "SECRET_KEY = ''\nSESSION_COOKIE_NAME = 'sessionid'\nOAUTH_TOKEN_KEY = 'oauth_token'\n",
  'shop/oauth.py': "GITHUB_TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a'\n\ndef f(request):\n    return request.session.get('oauth_token')\n",
  'shop/payments.py': "from django.conf import settings\nSTRIPE = getattr(settings, 'STRIPE_SECRET_KEY', 'sk_live_51Hx9QmDefault')\n\ndef pay(request):\n    return request.session.get('paid')\n",
  'shop/templates/shop/t.html': '{{ request.session.coupon }}',
  // A class named Password... holds no password; a URL-part token is a plain word: both cached.
  // Django's own INTERNAL_RESET_SESSION_TOKEN names a session key (a leading underscore is still a plain word).
  'shop/auth_views.py': "INTERNAL_RESET_SESSION_TOKEN = '_password_reset_token'\n\nclass PasswordResetView:\n    template_name = 'reset.html'\n    reset_url_token = 'set-password'\n\n    def get(self, request):\n        return request.session.get('reset')\n",
  // A dict element judged by its member: a password in a test fixture is never cached.
  'shop/fixtures.py': "CREDENTIALS = {'username': 'alice', 'password': 'hunter2-Secret'}\n\ndef login(request):\n    request.session['who'] = CREDENTIALS['username']\n",
};

/** The real extractor, counting what it parses. */
function counting(): FactsExtractor & { parsed: string[] } {
  const real = djangoExtractor();
  const parsed: string[] = [];
  return {
    ...real,
    parsed,
    python: (text, file, module, open) => { parsed.push(file); return real.python(text, file, module, open); },
    template: (text, file) => { parsed.push(file); return real.template(text, file); },
    workers: undefined,
  };
}

async function index(root: string, cacheDir: string, stamp = 'engine-1') {
  const extractor = counting();
  const built = new WorkspaceIndex({ root, extractor, cache: { dir: cacheDir, stamp } });
  const stats = await built.build();
  const accesses = built.files().sort().flatMap((f) => built.accessesIn(f).map((a) => `${f} ${a.op} ${a.key}`));
  return { stats, parsed: extractor.parsed.sort(), accesses };
}

function cacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ds-facts-cache-'));
  dirs.push(dir);
  return dir;
}

test('a second index of an unchanged tree parses nothing and finds the same accesses', async () => {
  const root = scratchWorkspace(FILES, 'ds-cache-ws-');
  const dir = cacheDir();
  const first = await index(root, dir);
  // keys.py never says "session": it is parsed only for the constant views.py imports.
  assert.deepEqual(first.parsed, ['shop/auth_views.py', 'shop/defaults.py', 'shop/fixtures.py', 'shop/keys.py', 'shop/oauth.py', 'shop/payments.py', 'shop/settings.py',
    'shop/templates/shop/t.html', 'shop/views.py']);
  const [file] = readdirSync(dir);
  assert.equal(statSync(join(dir, file)).mode & 0o777, 0o600, 'readable by the user only');
  const written = statSync(join(dir, file)).mtimeMs;
  const second = await index(root, dir);
  assert.equal(statSync(join(dir, file)).mtimeMs, written, 'nothing changed: the cache is not written again');
  // Only the files defining a secret-like constant are parsed again (an empty SECRET_KEY, as in a
  // defaults module, holds nothing; a *_TOKEN_KEY naming a plain word is a session key: cached).
  assert.deepEqual(second.parsed, ['shop/fixtures.py', 'shop/oauth.py', 'shop/payments.py', 'shop/settings.py']);
  assert.deepEqual(second.accesses, first.accesses);
  assert.equal(second.stats.cached, 8);
  assert.ok(first.accesses.includes('shop/views.py write cart'), 'the imported constant resolves from cached facts too');
  const bytes = readFileSync(join(dir, file));
  assert.equal(bytes.includes(SECRET), false, 'the secret never reaches the cache');
  assert.equal(bytes.includes('ghp_16C7e42F292c6912E7710c838347Ae178B4a'), false, 'nor the token');
  assert.equal(bytes.includes('sk_live_51Hx9QmDefault'), false, 'nor a secret given as getattr default');
  assert.equal(bytes.includes('hunter2-Secret'), false, 'nor a password held in a dict');
});

test('a changed file (size or mtime) is read again; a deleted one is forgotten', async () => {
  const root = scratchWorkspace(FILES, 'ds-cache-ws-');
  const dir = cacheDir();
  await index(root, dir);
  writeFileSync(join(root, 'shop/keys.py'), "CART_KEY = 'basket'\n");
  const later = new Date(Date.now() + 5000);
  utimesSync(join(root, 'shop/keys.py'), later, later);
  writeFileSync(join(root, 'shop/plain.py'), 'def helper(request):\n    return request.session.get("plain_key")\n');
  rmSync(join(root, 'shop/templates/shop/t.html'));
  const next = await index(root, dir);
  assert.deepEqual(next.parsed, ['shop/fixtures.py', 'shop/keys.py', 'shop/oauth.py', 'shop/payments.py', 'shop/plain.py', 'shop/settings.py']);
  assert.ok(next.accesses.includes('shop/views.py write basket'), 'the constants module is re-read on demand');
  assert.ok(next.accesses.includes('shop/plain.py read plain_key'));
  assert.equal(next.accesses.some((a) => a.startsWith('shop/templates')), false);
});

test('another engine, a corrupt file or an unwritable folder: indexed from disk, nothing breaks', async () => {
  const root = scratchWorkspace(FILES, 'ds-cache-ws-');
  const dir = cacheDir();
  const first = await index(root, dir);
  const other = await index(root, dir, 'engine-2');
  assert.equal(other.parsed.length, first.parsed.length, 'a cache from another engine is not used');
  for (const name of readdirSync(dir)) writeFileSync(join(dir, name), Buffer.from('not a cache'));
  const corrupt = await index(root, dir);
  assert.equal(corrupt.parsed.length, first.parsed.length);
  assert.deepEqual(corrupt.accesses, first.accesses);
  const blocked = join(dir, 'file-not-folder');
  writeFileSync(blocked, '');
  const unwritable = await index(root, join(blocked, 'sub'));
  assert.deepEqual(unwritable.accesses, first.accesses);
});
