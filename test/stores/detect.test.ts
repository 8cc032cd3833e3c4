// Store detection from settings evaluated by the real settings engine (no project code runs).
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { evaluateSettings } from '../../server/src/settings';
import { detectStores } from '../../server/src/stores/detect';

async function detect(source: string, env: Record<string, string> = {}) {
  const files: Record<string, string> = { 'shop/settings.py': source };
  const model = await evaluateSettings('shop.settings', { files: Object.keys(files), readFile: (p) => files[p] }, { root: '/srv/app', env });
  return detectStores(model, '/srv/app');
}

test('default engine with SQLite: the db store at BASE_DIR / NAME', async () => {
  const { stores } = await detect(`
from pathlib import Path
BASE_DIR = Path(__file__).resolve().parent.parent
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
`);
  assert.equal(stores.length, 1);
  assert.deepEqual([stores[0]!.engine, stores[0]!.backend, stores[0]!.path, stores[0]!.cookieName], ['db', 'sqlite', '/srv/app/db.sqlite3', 'sessionid']);
});

test('cached_db on PostgreSQL + django-redis: password variables named, never read', async () => {
  const { stores, notes } = await detect(`
import os
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_NAME = "shopsid"
SESSION_COOKIE_AGE = 3600
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "shop", "USER": "app", "HOST": "db.internal", "PORT": "5433", "PASSWORD": os.environ.get("DB_PASSWORD", "")}}
CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "rediss://:pw@cache:6380/2", "KEY_PREFIX": "shop", "VERSION": 3,
          "OPTIONS": {"SERIALIZER": "django_redis.serializers.json.JSONSerializer", "COMPRESSOR": "django_redis.compressors.zlib.ZlibCompressor"}}}
`);
  const [s] = stores;
  assert.ok(s);
  assert.equal(s.engine, 'cached_db');
  assert.deepEqual([s.backend, s.host, s.port, s.database, s.user, s.passwordEnv], ['postgres', 'db.internal', 5433, 'shop', 'app', 'DB_PASSWORD']);
  assert.deepEqual([s.cookieName, s.sessionCookieAge], ['shopsid', 3600]);
  const c = s.cache!;
  assert.deepEqual([c.backend, c.host, c.port, c.db, c.tls, c.keyPrefix, c.keyVersion, c.redisClient, c.redisSerializer, c.redisCompressor],
    ['redis', 'cache', 6380, 2, true, 'shop', 3, 'django-redis', 'json', 'zlib']);
  assert.ok(!JSON.stringify(stores).includes('pw@'));
  assert.ok(notes.some((n) => /Redis password in LOCATION is never read/.test(n)));
});

test('a password the evaluator could see never reaches the detected stores or notes', async () => {
  const { stores, notes } = await detect(`
import os
DATABASES = {"default": {"ENGINE": "django.db.backends.mysql", "NAME": "shop", "PASSWORD": os.environ.get("DB_PASSWORD", "")}}
`, { DB_PASSWORD: 'must-not-be-read' });
  assert.equal(stores[0]?.backend, 'mysql');
  assert.ok(!JSON.stringify({ stores, notes }).includes('must-not-be-read'));
});

test("cache engine with Django's RedisCache and a SESSION_CACHE_ALIAS; memcached; file; signed cookies", async () => {
  const redis = await detect(`
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
SESSION_CACHE_ALIAS = "sessions"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
          "sessions": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": ["redis://10.0.0.5:6379/4", "redis://10.0.0.6:6379/4"]}}
`);
  assert.deepEqual([redis.stores[0]?.redisClient, redis.stores[0]?.host, redis.stores[0]?.db, redis.stores[0]?.keyPrefix], ['django', '10.0.0.5', 4, '']);
  const memcached = await detect(`
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": "127.0.0.1:11311", "KEY_PREFIX": "p"}}
`);
  assert.deepEqual([memcached.stores[0]?.backend, memcached.stores[0]?.port, memcached.stores[0]?.keyPrefix], ['memcached', 11311, 'p']);
  const files = await detect('SESSION_ENGINE = "django.contrib.sessions.backends.file"\nSESSION_FILE_PATH = "var/sessions"');
  assert.deepEqual([files.stores[0]?.backend, files.stores[0]?.path], ['file', '/srv/app/var/sessions']);
  const tmp = await detect('SESSION_ENGINE = "django.contrib.sessions.backends.file"');
  assert.equal(tmp.stores[0]?.path, tmpdir());
  assert.ok(tmp.notes.some((n) => /temp directory/.test(n)));
  const cookies = await detect('SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"');
  assert.equal(cookies.stores[0]?.backend, 'signed_cookies');
});

test('what cannot be detected is a note, not a guess', async () => {
  const custom = await detect('SESSION_ENGINE = "shop.sessions.backend"');
  assert.deepEqual(custom.stores, []);
  assert.match(custom.notes.join('\n'), /custom engine/);
  const locmem = await detect('SESSION_ENGINE = "django.contrib.sessions.backends.cache"\nCACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}');
  assert.deepEqual(locmem.stores, []);
  assert.match(locmem.notes.join('\n'), /cannot be read from outside Django/);
  const unknownDb = await detect('import os\nDATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": os.environ["DB_NAME"]}}');
  assert.deepEqual(unknownDb.stores, []);
  assert.match(unknownDb.notes.join('\n'), /not known statically/);
});
