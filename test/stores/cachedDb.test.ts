// cached_db on SQLite + Redis (Django 5.2's RedisCache): listed from the table with cache presence;
// delete removes the row and the cache key; clearsessions touches only the table.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { requires } from '../support/requirements';
import { createAdapter } from '../../server/src/stores/factory';
import { parseStoreUrl } from '../../server/src/stores/url';
import { ALL_KINDS, contractSuite, type Prepared } from './contract';
import { dropPrefix, LOCATION, withRedis } from './redisHelpers';
import { sqliteStore } from './sqliteStore';
import { contextFor, django, djangoProbe, portProbe, uniqueTag } from './support';

const needs = [{ what: 'Redis on 127.0.0.1:6379', probe: portProbe(6379) }, { what: 'Django 5.2 with redis', probe: djangoProbe('5.2', ['redis']) }];

async function cachedDbStore() {
  const prefix = `ds_${uniqueTag()}`;
  const s = await sqliteStore('5.2', 'cached_db');
  const store = { ...s.store, cache: { kind: 'redis-django', location: LOCATION, prefix } };
  const cacheUrl = encodeURIComponent(`${LOCATION}?prefix=${prefix}&client=django`);
  const config = parseStoreUrl(`sqlite:${s.path}?cache=${cacheUrl}`, { engine: 'cached_db' });
  const cacheKey = (key: string) => `${prefix}:1:django.contrib.sessions.cached_db${key}`;
  return { s, prefix, store, config, cacheKey, cleanup: async () => (rmSync(s.dir, { recursive: true, force: true }), await dropPrefix(prefix)) };
}

contractSuite({
  name: 'cached_db (SQLite + Redis)',
  django: '5.2',
  needs,
  specs: [...ALL_KINDS, { kind: 'expiry_datetime' }],
  signed: true,
  async prepare(): Promise<Prepared> {
    const c = await cachedDbStore();
    return {
      store: c.store,
      config: c.config,
      corrupt: c.s.corrupt,
      async clearsessionsOnCopy() {
        return c.s.copyClear();
      },
      cleanup: c.cleanup,
    };
  },
});

test('cached_db: cache presence is shown and delete removes the row and the cache key', async (t) => {
  for (const need of needs) if (!(await requires(t, need.what, need.probe))) return;
  const c = await cachedDbStore();
  const adapter = createAdapter(c.config, contextFor());
  try {
    const { sessions } = await django<{ sessions: { key: string }[] }>('5.2', { store: c.store, action: 'create', specs: [{ kind: 'login' }, { kind: 'plain', n: 1 }] });
    const [login, plain] = sessions.map((x) => x.key) as [string, string];
    await withRedis((r) => r.del(c.cacheKey(plain)));
    const page = await adapter.list({ limit: 10 });
    const cached = Object.fromEntries(page.sessions.map((x) => [x.key, x.cached]));
    assert.deepEqual(cached, { [login]: true, [plain]: false });
    assert.equal(await adapter.delete(login), true);
    assert.equal(await withRedis((r) => r.exists(c.cacheKey(login))), 0);
    assert.deepEqual((await django<{ keys: string[] }>('5.2', { store: c.store, action: 'keys' })).keys, [plain]);
    // Django no longer loads it either (neither layer has it).
    const loaded = await django<{ loaded: Record<string, unknown> }>('5.2', { store: c.store, action: 'load', keys: [login] });
    assert.equal(loaded.loaded[login], null);
  } finally {
    await adapter.close();
    await c.cleanup();
  }
});
