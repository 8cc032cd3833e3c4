// The cache backend on Redis: Django 5.2's own RedisCache and django-redis (pickle, JSON,
// msgpack; zlib, lz4; Debian's django-redis 5.2 has no gzip compressor to write test data), each with its own KEY_PREFIX in db 5.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requires } from '../support/requirements';
import { createAdapter } from '../../server/src/stores/factory';
import { parseStoreUrl } from '../../server/src/stores/url';
import { contractSuite, type Prepared, type Spec } from './contract';
import { dropPrefix, LOCATION, redisCorrupt, withRedis } from './redisHelpers';
import { contextFor, django, djangoProbe, portProbe, uniqueTag, type DjangoVersion } from './support';

const CACHE_KINDS: Spec[] = [{ kind: 'login' }, { kind: 'login' }, { kind: 'expiry_int', seconds: 300 }, { kind: 'unicode' }, { kind: 'large' }, { kind: 'plain', n: 1 }, { kind: 'plain', n: 2 }];

interface Flavour { name: string; django: DjangoVersion; kind: 'redis-django' | 'django-redis'; serializer?: string; compressor?: string; corrupt: 'truncate' | 'flip'; pickled: boolean }

const flavours: Flavour[] = [
  { name: 'cache/redis (Django RedisCache)', django: '5.2', kind: 'redis-django', corrupt: 'truncate', pickled: true },
  { name: 'cache/redis (django-redis pickle)', django: '3.2', kind: 'django-redis', serializer: 'pickle', corrupt: 'truncate', pickled: true },
  { name: 'cache/redis (django-redis json)', django: '3.2', kind: 'django-redis', serializer: 'json', corrupt: 'truncate', pickled: false },
  { name: 'cache/redis (django-redis pickle+zlib)', django: '3.2', kind: 'django-redis', serializer: 'pickle', compressor: 'zlib', corrupt: 'flip', pickled: true },
  { name: 'cache/redis (django-redis msgpack+zlib)', django: '3.2', kind: 'django-redis', serializer: 'msgpack', compressor: 'zlib', corrupt: 'flip', pickled: false },
  { name: 'cache/redis (django-redis json+lz4)', django: '3.2', kind: 'django-redis', serializer: 'json', compressor: 'lz4', corrupt: 'flip', pickled: false },
];

for (const f of flavours) {
  const modules = f.kind === 'django-redis' ? ['django_redis', ...(f.serializer === 'msgpack' ? ['msgpack'] : []), ...(f.compressor === 'lz4' ? ['lz4.frame'] : [])] : ['redis'];
  contractSuite({
    name: f.name,
    django: f.django,
    needs: [{ what: 'Redis on 127.0.0.1:6379', probe: portProbe(6379) }, { what: `Django ${f.django} with ${modules.join(', ')}`, probe: djangoProbe(f.django, modules) }],
    // Datetimes survive only pickling; a cache never stores an already-expired session.
    specs: f.pickled ? [...CACHE_KINDS, { kind: 'expiry_datetime' }] : CACHE_KINDS,
    signed: false,
    async prepare(): Promise<Prepared> {
      const prefix = `ds_${uniqueTag()}`;
      const store = { engine: 'cache', cache: { kind: f.kind, location: LOCATION, prefix, serializer: f.serializer, compressor: f.compressor } };
      const client = f.kind === 'redis-django' ? 'django' : 'django-redis';
      const url = `${LOCATION}?prefix=${prefix}&version=1&client=${client}&serializer=${f.serializer ?? 'pickle'}&compressor=${f.compressor ?? 'none'}`;
      return {
        store,
        config: parseStoreUrl(url),
        corrupt: redisCorrupt((key) => `${prefix}:1:django.contrib.sessions.cache${key}`, f.corrupt),
        cleanup: () => dropPrefix(prefix),
      };
    },
  });
}

test('cache/redis: TTL comes from PTTL, and values django-redis compressed with lzma decode', async (t) => {
  if (!(await requires(t, 'Redis on 127.0.0.1:6379', portProbe(6379)))) return;
  if (!(await requires(t, 'Django 3.2 with django_redis', djangoProbe('3.2', ['django_redis'])))) return;
  const prefix = `ds_${uniqueTag()}`;
  const store = { engine: 'cache', cache: { kind: 'django-redis', location: LOCATION, prefix, serializer: 'pickle', compressor: 'lzma' } };
  const { sessions } = await django<{ sessions: { key: string }[] }>('3.2', { store, action: 'create', specs: [{ kind: 'large' }, { kind: 'expiry_int', seconds: 300 }] });
  const adapter = createAdapter(parseStoreUrl(`${LOCATION}?prefix=${prefix}&compressor=lzma`), contextFor());
  try {
    const large = await adapter.get(sessions[0]!.key);
    assert.equal(large?.status, 'valid', large?.reason);
    assert.ok(large?.size !== undefined && large.size > 100, 'the large value was compressed');
    // Below django-redis's lzma min_length the value is stored uncompressed and reads as well.
    const short = await adapter.get(sessions[1]!.key);
    assert.ok(short?.ttl !== undefined && short.ttl !== null && short.ttl > 290 && short.ttl <= 300, `ttl ${short?.ttl}`);
    assert.equal(short?.status, 'valid', short?.reason);
  } finally {
    await adapter.close();
    await dropPrefix(prefix);
  }
});

test('cache/redis: SCAN matches only our prefix, with glob characters escaped', async (t) => {
  if (!(await requires(t, 'Redis on 127.0.0.1:6379', portProbe(6379)))) return;
  const tag = uniqueTag();
  const prefix = `ds_${tag}[*]?`;
  const decoy = `ds_${tag}XX`;
  await withRedis(async (r) => {
    // pickle.dumps({'a': 1}, 5), the stdlib-verified vector.
    const value = Buffer.from('8005950a000000000000007d948c0161944b01732e', 'hex');
    await r.set(`${prefix}:1:django.contrib.sessions.cacheabcdefgh12345678`, value, 'EX', 60);
    await r.set(`${decoy}:1:django.contrib.sessions.cacheabcdefgh87654321`, value, 'EX', 60);
  });
  const adapter = createAdapter(parseStoreUrl(`${LOCATION}?prefix=${encodeURIComponent(prefix)}&client=django`), contextFor());
  try {
    const page = await adapter.list({ limit: 10 });
    assert.deepEqual(page.sessions.map((s) => [s.key, s.data]), [['abcdefgh12345678', { a: 1 }]]);
    assert.equal(await adapter.count(), 1);
  } finally {
    await adapter.close();
    await withRedis((r) => r.del(`${prefix}:1:django.contrib.sessions.cacheabcdefgh12345678`, `${decoy}:1:django.contrib.sessions.cacheabcdefgh87654321`));
  }
});
