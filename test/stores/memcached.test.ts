// The cache backend on Memcached (Django's PyMemcacheCache, pickle flag 1), enumerated with
// `lru_crawler metadump`; and the look-up-only mode when a server refuses the dump.
import assert from 'node:assert/strict';
import { connect, createServer } from 'node:net';
import { test } from 'node:test';
import { requires } from '../support/requirements';
import { MemcachedClient } from '../../server/src/stores/cache/memcachedClient';
import { LiveSessionService } from '../../server/src/stores/service';
import { parseStoreUrl } from '../../server/src/stores/url';
import { contractSuite, type Prepared } from './contract';
import { djangoProbe, portProbe, SECRET, uniqueTag } from './support';

async function withClient<T>(work: (c: MemcachedClient) => Promise<T>): Promise<T> {
  const c = new MemcachedClient('127.0.0.1', 11211, 3000, 'test memcached');
  try {
    return await work(c);
  } finally {
    c.close();
  }
}

/** Writes raw bytes with pymemcache's pickle flag (1), keeping a short TTL. */
function rawSet(key: string, value: Buffer, flags = 1): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = connect(11211, '127.0.0.1', () => s.write(Buffer.concat([Buffer.from(`set ${key} ${flags} 600 ${value.length}\r\n`), value, Buffer.from('\r\n')])));
    s.on('data', (d) => (s.end(), d.toString().startsWith('STORED') ? resolve() : reject(new Error(d.toString()))));
    s.on('error', reject);
  });
}

contractSuite({
  name: 'cache/memcached (PyMemcacheCache)',
  django: '3.2',
  needs: [{ what: 'Memcached on 127.0.0.1:11211', probe: portProbe(11211) }, { what: 'Django 3.2 with pymemcache', probe: djangoProbe('3.2', ['pymemcache']) }],
  specs: [{ kind: 'login' }, { kind: 'login' }, { kind: 'expiry_int', seconds: 300 }, { kind: 'unicode' }, { kind: 'large' }, { kind: 'plain', n: 1 }, { kind: 'plain', n: 2 }, { kind: 'expiry_datetime' }],
  signed: false,
  async prepare(): Promise<Prepared> {
    const prefix = `ds_${uniqueTag()}`;
    const cacheKey = (key: string) => `${prefix}:1:django.contrib.sessions.cache${key}`;
    return {
      store: { engine: 'cache', cache: { kind: 'memcached', location: '127.0.0.1:11211', prefix } },
      config: parseStoreUrl(`memcached://127.0.0.1:11211?prefix=${prefix}`),
      corrupt: (key) => rawSet(cacheKey(key), Buffer.from('80059512000000000000007d948c04', 'hex')),
      cleanup: () => withClient(async (c) => {
        for (const d of await c.metadump((k) => k.startsWith(`${prefix}:`), 10_000)) await c.delete(d.key);
      }),
    };
  },
});

test('cache/memcached: a server that refuses metadump still answers look-ups by key', async (t) => {
  if (!(await requires(t, 'Memcached on 127.0.0.1:11211', portProbe(11211)))) return;
  // A stand-in that answers like a memcached with the LRU crawler disabled.
  const server = createServer((socket) => socket.on('data', (d) => {
    const line = d.toString();
    if (line.startsWith('lru_crawler')) socket.write('ERROR lru crawler disabled\r\n');
    else if (line.startsWith('mg ')) {
      const value = Buffer.from('8005950a000000000000007d948c0161944b01732e', 'hex');
      socket.write(Buffer.concat([Buffer.from(`VA ${value.length} f1 t55\r\n`), value, Buffer.from('\r\n')]));
    }
  }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const service = new LiveSessionService({ timeoutMs: 2000 });
  try {
    const id = service.register(parseStoreUrl(`memcached://127.0.0.1:${port}`));
    const listed = await service.listSessions(id, { limit: 5 }, [SECRET]);
    assert.match(listed.error ?? '', /does not allow key listing.*look sessions up by key/);
    const one = await service.getSession(id, 'abcdefgh12345678', [SECRET]);
    assert.deepEqual([one.session?.data, one.session?.ttl, one.session?.status], [{ a: 1 }, 55, 'valid']);
  } finally {
    await service.dispose();
    server.close();
  }
});

test('cache/memcached: metadump keys are URL-decoded', async (t) => {
  if (!(await requires(t, 'Memcached on 127.0.0.1:11211', portProbe(11211)))) return;
  const key = `ds_${uniqueTag()}:1:django.contrib.sessions.cacheabcdefgh12345678`;
  await rawSet(key.replace('abcdefgh', 'abcd%20gh'), Buffer.from('x'), 16);
  await withClient(async (c) => {
    try {
      const found = await c.metadump((k) => k.includes('abcd%20gh'), 10_000);
      assert.equal(found.length, 1);
      assert.ok(found[0]!.key.endsWith('abcd%20gh12345678'), found[0]!.key);
    } finally {
      await c.delete(key.replace('abcdefgh', 'abcd%20gh'));
    }
  });
});

test('cache/memcached: a crawler that is busy with another dump is retried, not reported as unsupported', async () => {
  let asked = 0;
  const server = createServer((socket) => socket.on('data', (d) => {
    if (d.toString().startsWith('mg ')) return void socket.write('EN\r\n');
    asked++;
    socket.write(asked < 3 ? 'BUSY currently processing crawler request\r\n' : 'key=%3A1%3Adjango.contrib.sessions.cacheabcdefgh12345678 exp=-1 la=1 cas=1 fetch=no cls=1 size=10\nEND\r\n');
  }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const service = new LiveSessionService({ timeoutMs: 2000 });
  try {
    const id = service.register(parseStoreUrl(`memcached://127.0.0.1:${(server.address() as { port: number }).port}`));
    const page = await service.listSessions(id, { limit: 5 }, [SECRET]);
    assert.equal(page.error, undefined);
    assert.ok(asked >= 3);
  } finally {
    await service.dispose();
    server.close();
  }
});
