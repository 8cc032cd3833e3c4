// Store URLs (CLI --store, djangoSessions.stores[].url) and Django's cache keys.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cacheKeyOf, keyingFor, scanPattern, sessionKeyOf, CACHE_SESSION_PREFIX, CACHED_DB_SESSION_PREFIX } from '../../server/src/stores/cache/keys';
import { maskSessionKey } from '../../server/src/stores/service';
import { parseStoreUrl } from '../../server/src/stores/url';

test('every URL form becomes a StoreConfig without secrets', () => {
  const sqlite = parseStoreUrl('sqlite:db.sqlite3', { root: '/srv/app' });
  assert.deepEqual([sqlite.engine, sqlite.backend, sqlite.path, sqlite.id], ['db', 'sqlite', '/srv/app/db.sqlite3', 'sqlite:/srv/app/db.sqlite3']);
  const pg = parseStoreUrl('postgres://app@db:5433/shop?table=custom_session');
  assert.deepEqual([pg.backend, pg.host, pg.port, pg.database, pg.user, pg.table, pg.passwordEnv], ['postgres', 'db', 5433, 'shop', 'app', 'custom_session', 'DJANGO_SESSIONS_DB_PASSWORD']);
  const my = parseStoreUrl('mysql://root@127.0.0.1/shop');
  assert.deepEqual([my.backend, my.port], ['mysql', 3306]);
  const redis = parseStoreUrl('redis://127.0.0.1:6379/5?prefix=shop&version=2&client=django');
  assert.deepEqual([redis.engine, redis.db, redis.keyPrefix, redis.keyVersion, redis.redisClient, redis.tls], ['cache', 5, 'shop', 2, 'django', false]);
  const tls = parseStoreUrl('rediss://cache.example:6380/0?serializer=json&compressor=zstd');
  assert.deepEqual([tls.tls, tls.redisClient, tls.redisSerializer, tls.redisCompressor], [true, 'django-redis', 'json', 'zstd']);
  const cluster = parseStoreUrl('redis+cluster://10.0.0.1:7000,10.0.0.2:7001?prefix=p');
  assert.deepEqual([cluster.redisMode, cluster.nodes], ['cluster', [{ host: '10.0.0.1', port: 7000 }, { host: '10.0.0.2', port: 7001 }]]);
  const sentinel = parseStoreUrl('redis+sentinel://s1,s2:26380/mymaster/3');
  assert.deepEqual([sentinel.redisMode, sentinel.sentinelMaster, sentinel.db, sentinel.nodes?.[0]?.port], ['sentinel', 'mymaster', 3, 26379]);
  const mc = parseStoreUrl('memcached://127.0.0.1:11211?prefix=x');
  assert.deepEqual([mc.backend, mc.port, mc.keyPrefix], ['memcached', 11211, 'x']);
  const file = parseStoreUrl('file:var/sessions?cookie=shopsid&age=3600', { root: '/srv/app' });
  assert.deepEqual([file.engine, file.path, file.cookieName, file.sessionCookieAge], ['file', '/srv/app/var/sessions', 'shopsid', 3600]);
  const cached = parseStoreUrl(`sqlite:/tmp/db.sqlite3?cache=${encodeURIComponent('redis://127.0.0.1:6379/1?prefix=p')}`, { engine: 'cached_db' });
  assert.deepEqual([cached.engine, cached.cache?.backend, cached.cache?.keyPrefix], ['cached_db', 'redis', 'p']);
  assert.equal(parseStoreUrl('signed_cookies:?age=60').sessionCookieAge, 60);
});

test('passwords in URLs and unknown schemes are refused with a message that does not repeat them', () => {
  assert.throws(() => parseStoreUrl('postgres://app:hunter2@db/shop'), (e: Error) => /no password/.test(e.message) && !e.message.includes('hunter2'));
  assert.throws(() => parseStoreUrl('redis://:hunter2@cache:6379/0'), (e: Error) => !e.message.includes('hunter2'));
  assert.throws(() => parseStoreUrl('ftp://x'), /unknown store URL scheme/);
  assert.throws(() => parseStoreUrl('no scheme here'), /no scheme/);
  assert.throws(() => parseStoreUrl('redis://h:1/0?serializer=yaml'), /not one of/);
  assert.throws(() => parseStoreUrl('sqlite:/tmp/x?engine=cached_db', { engine: 'cached_db' }), /needs `cache=/);
});

test("cache keys follow Django's make_key (V8 vectors) and custom key formats", () => {
  const cache = keyingFor({ id: '', label: '', engine: 'cache', backend: 'redis' }, CACHE_SESSION_PREFIX);
  assert.equal(cacheKeyOf(cache, 'abcdefghijklmnopqrstuvwxyz012345'), ':1:django.contrib.sessions.cacheabcdefghijklmnopqrstuvwxyz012345');
  const cachedDb = keyingFor({ id: '', label: '', engine: 'cached_db', backend: 'redis' }, CACHED_DB_SESSION_PREFIX);
  assert.equal(cacheKeyOf(cachedDb, 'abcdefghijklmnopqrstuvwxyz012345'), ':1:django.contrib.sessions.cached_dbabcdefghijklmnopqrstuvwxyz012345');
  const custom = keyingFor({ id: '', label: '', engine: 'cache', backend: 'redis', keyPrefix: 'a*b', keyVersion: 7, keyFormat: '{version}|{prefix}|{key}' }, CACHE_SESSION_PREFIX);
  assert.equal(cacheKeyOf(custom, 'k1234567'), '7|a*b|django.contrib.sessions.cachek1234567');
  assert.equal(sessionKeyOf(custom, '7|a*b|django.contrib.sessions.cachek1234567'), 'k1234567');
  assert.equal(sessionKeyOf(custom, '7|a*b|django.contrib.sessions.cached_dbk1234567'), null);
  assert.equal(scanPattern(custom), '7|a\\*b|django.contrib.sessions.cache*');
});

test('session keys are masked to 4 + 4 characters; short values keep less', () => {
  assert.equal(maskSessionKey('abcdefghijklmnopqrstuvwxyz012345'), 'abcd…2345');
  assert.equal(maskSessionKey('abcdefgh'), 'ab…');
  assert.equal(maskSessionKey('abc'), '…');
});
