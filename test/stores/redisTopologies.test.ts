// The Redis adapter against a real Redis Cluster and a real Sentinel, each started by the test
// itself (redis-server 7 from the system; killed and its temp dir removed afterwards, also on
// failure). Session values are written by real Django 3.2 with django-redis.
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { Cluster, Redis } from 'ioredis';
import { requires } from '../support/requirements';
import { StoreError } from '../../server/src/stores/errors';
import { createAdapter } from '../../server/src/stores/factory';
import type { SessionStoreAdapter } from '../../server/src/stores/types';
import { parseStoreUrl } from '../../server/src/stores/url';
import { dropPrefix, LOCATION, withRedis } from './redisHelpers';
import { assertListedAsDjangoWrote, listAll } from './contract';
import { contextFor, django, djangoProbe, normalise, portProbe, uniqueTag } from './support';

const REDIS_SERVER = '/usr/bin/redis-server';
const REDIS_CLI = '/usr/bin/redis-cli';
const SESSION_PREFIX = 'django.contrib.sessions.cache';

interface Created { key: string; kind: string; data: Record<string, unknown> }

// Every server this file starts; killed on exit too, should a test be cut off mid-way.
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

const executable = (path: string) => () => new Promise<boolean>((resolve, reject) => {
  execFile(path, ['--version'], { timeout: 5000 }, (error) => (error ? reject(error) : resolve(true)));
});

function cli(args: string[], timeout = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(REDIS_CLI, args, { timeout }, (error, stdout, stderr) => (error ? reject(new Error(`redis-cli ${args.join(' ')}: ${stderr || stdout || error.message}`)) : resolve(stdout)));
  });
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port whose cluster bus port (+10000) is free as well. */
async function freePort(taken: number[] = []): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20000 + Math.floor(Math.random() * 25000);
    if (taken.includes(port)) continue;
    if ((await portFree(port)) && (await portFree(port + 10000))) return port;
  }
  throw new Error('no free port pair found');
}

async function until(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not reached within ${ms / 1000} s${last ? ` (${last})` : ''}`);
}

function startServer(args: string[]): ChildProcess {
  const child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  child.once('exit', (code) => {
    children.delete(child);
    if (code) process.stderr.write(`redis-server ${args.slice(0, 2).join(' ')} exited with ${code}:\n${log}\n`);
  });
  return child;
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** Sessions written by Django 3.2 + django-redis (pickle) into db 5 of the machine's Redis. */
async function djangoSessions(prefix: string, specs: Record<string, unknown>[]): Promise<Created[]> {
  const store = { engine: 'cache', cache: { kind: 'django-redis', location: LOCATION, prefix } };
  return (await django<{ sessions: Created[] }>('3.2', { store, action: 'create', specs })).sessions;
}

/** Rejects within `ms`, with a StoreError: a dead server must not hang a request. */
async function failsFast(what: string, work: Promise<unknown>, ms: number): Promise<StoreError> {
  const started = Date.now();
  const outcome = await Promise.race([
    work.then(() => 'resolved', (e: unknown) => e),
    new Promise((r) => setTimeout(() => r('hung'), ms)),
  ]);
  assert.ok(outcome instanceof StoreError, `${what}: expected a StoreError within ${ms / 1000} s, got ${outcome instanceof Error ? outcome.stack : String(outcome)}`);
  process.stderr.write(`${what}: ${outcome.code} after ${Date.now() - started} ms: ${outcome.message}\n`);
  return outcome;
}

/** What both topologies need: redis-server and redis-cli to start nodes, the main Redis, Django with django_redis. */
async function topologyPrerequisites(t: TestContext): Promise<boolean> {
  return await requires(t, 'redis-server (/usr/bin/redis-server)', executable(REDIS_SERVER)) &&
    await requires(t, 'redis-cli (/usr/bin/redis-cli)', executable(REDIS_CLI)) &&
    await requires(t, 'Redis on 127.0.0.1:6379', portProbe(6379)) &&
    await requires(t, 'Django 3.2 with django_redis', djangoProbe('3.2', ['django_redis']));
}

test('cache/redis cluster: 3 real masters, sessions on each, listed, paged, deleted; a dead master fails fast', { timeout: 60_000 }, async (t) => {
  if (!(await topologyPrerequisites(t))) return;

  const dir = mkdtempSync(join(tmpdir(), 'ds-redis-cluster-'));
  const servers: ChildProcess[] = [];
  const prefix = `ds_${uniqueTag()}c`;
  let seed: Cluster | undefined;
  let adapter: SessionStoreAdapter | undefined;
  try {
    const ports: number[] = [];
    for (let i = 0; i < 3; i++) ports.push(await freePort(ports));
    for (const port of ports) {
      servers.push(startServer([
        '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`),
        '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no',
      ]));
    }
    for (const port of ports) await until(`redis-server on ${port}`, 10_000, async () => (await cli(['-p', String(port), 'ping'], 2000)).trim() === 'PONG');
    await cli(['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
    for (const port of ports) await until(`cluster_state:ok on ${port}`, 15_000, async () => (await cli(['-p', String(port), 'cluster', 'info'], 2000)).includes('cluster_state:ok'));

    // Neither Django's RedisCache nor django-redis's default client speaks the Cluster protocol
    // (no MOVED handling), so Django writes the sessions into the machine's standalone Redis and
    // the exact bytes it wrote, with their TTL, are copied into the cluster by ioredis's Cluster
    // client under the same keys.
    const specs = [
      ...Array.from({ length: 18 }, (_, i) => ({ kind: 'login', user: String(1001 + i) })),
      { kind: 'expiry_int', seconds: 300 }, { kind: 'expiry_int', seconds: 300 }, { kind: 'unicode' }, { kind: 'large' }, { kind: 'plain', n: 1 }, { kind: 'plain', n: 2 },
    ];
    const created = await djangoSessions(prefix, specs);
    const cacheKey = (key: string) => `${prefix}:1:${SESSION_PREFIX}${key}`;
    seed = new Cluster([{ host: '127.0.0.1', port: ports[0]! }], { lazyConnect: true, clusterRetryStrategy: () => null });
    seed.on('error', () => undefined);
    await seed.connect();
    await withRedis(async (r) => {
      for (const s of created) {
        const [value, pttl] = await Promise.all([r.getBuffer(cacheKey(s.key)), r.pttl(cacheKey(s.key))]);
        assert.ok(value && pttl > 0, `Django stored ${s.kind} with a TTL`);
        await seed!.set(cacheKey(s.key), value, 'PX', pttl);
      }
    });
    await dropPrefix(prefix);

    // Every master holds some of them (24 keys over 3 masters; checked, not assumed).
    const perNode: string[][] = [];
    for (const port of ports) {
      const node = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      await node.connect();
      try {
        let cursor = '0';
        const here: string[] = [];
        do {
          const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 100);
          here.push(...keys);
          cursor = next;
        } while (cursor !== '0');
        perNode.push(here);
      } finally {
        node.disconnect();
      }
    }
    assert.equal(perNode.flat().length, created.length);
    assert.ok(perNode.every((here) => here.length > 0), `keys on every master: ${perNode.map((here) => here.length).join(', ')}`);

    const url = `redis+cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}?prefix=${prefix}&version=1&client=django-redis`;
    adapter = createAdapter(parseStoreUrl(url), contextFor());
    const a = adapter;
    const keys = created.map((s) => s.key).sort();
    const login = created.find((s) => s.kind === 'login')!;
    const timed = created.find((s) => s.kind === 'expiry_int')!;

    await t.test('pages of 5 cover every session on every master exactly once', async () => {
      const { sessions, errors, pages } = await listAll(a, 5);
      assert.deepEqual(errors, []);
      assert.deepEqual(sessions.map((s) => s.key).sort(), keys, 'each session exactly once');
      assert.ok(pages >= Math.ceil(keys.length / 5), `${pages} pages`);
      assertListedAsDjangoWrote(sessions, created);
      assert.equal(await a.count(), keys.length);
    });

    await t.test('get() by key with its TTL; unknown key is null', async () => {
      const one = await a.get(login.key);
      assert.equal(one?.user, login.data._auth_user_id);
      assert.deepEqual(normalise(one?.data), login.data);
      assert.ok(one?.ttl && one.ttl > 1209600 - 60 && one.ttl <= 1209600, `login ttl ${one?.ttl}`);
      const short = await a.get(timed.key);
      assert.ok(short?.ttl && short.ttl > 240 && short.ttl <= 300, `expiry_int ttl ${short?.ttl}`);
      assert.ok(short.expires && Math.abs(Date.parse(short.expires) - Date.now() - short.ttl * 1000) < 5000);
      assert.equal(await a.get('nosuchsession0000000000000000000'), null);
    });

    await t.test('the filter finds one user across masters and pages', async () => {
      const target = created.find((s) => s.data._auth_user_id === '1013')!;
      const { sessions } = await listAll(a, 2, '1013');
      assert.deepEqual(sessions.map((s) => s.key), [target.key]);
      const { sessions: unicode } = await listAll(a, 3, 'zoë');
      assert.deepEqual(unicode.map((s) => s.key), [created.find((s) => s.kind === 'unicode')!.key]);
    });

    await t.test('delete() removes one session from the cluster and nothing else', async () => {
      assert.equal(await a.delete(login.key), true);
      assert.equal(await a.delete(login.key), false);
      assert.equal(await seed!.exists(cacheKey(login.key)), 0);
      assert.equal(await a.get(login.key), null);
      const rest = keys.filter((k) => k !== login.key);
      assert.deepEqual((await listAll(a, 4)).sessions.map((s) => s.key).sort(), rest);
      assert.equal(await a.count(), rest.length);
      for (const k of rest) assert.equal(await seed!.exists(cacheKey(k)), 1);
    });

    await t.test("clearExpired() is Django's no-op for a cache store (Redis expires keys itself)", async () => {
      assert.deepEqual(await a.clearExpired(), { deleted: 0 });
      assert.equal(await a.count(), keys.length - 1);
    });

    await t.test('a dead master: list, count and a fresh connection fail with a clear error within seconds', async () => {
      await stopServer(servers[2]!);
      // Give ioredis the moment it needs to notice the closed socket (the node then leaves its pool).
      await new Promise((r) => setTimeout(r, 300));
      const listed = await failsFast('list', a.list({ limit: 50 }), 10_000);
      assert.match(listed.message, /cluster/i);
      assert.ok(['unreachable', 'timeout'].includes(listed.code), listed.code);
      await failsFast('count', a.count(), 10_000);
      const onDead = perNode[2]![0]!.slice(cacheKey('').length);
      await failsFast('get of a session on the dead master', a.get(onDead), 10_000);
      const fresh = createAdapter(parseStoreUrl(url), contextFor());
      try {
        // Refused at once, or (when ioredis's ready check lands on the dead node) the 3 s timeout.
      const error = await failsFast('list on a fresh client', fresh.list({ limit: 50 }), 10_000);
      assert.ok(['unreachable', 'timeout'].includes(error.code), error.code);
      } finally {
        await fresh.close();
      }
    });
  } finally {
    await adapter?.close();
    seed?.disconnect();
    await Promise.all(servers.map(stopServer));
    rmSync(dir, { recursive: true, force: true });
    await dropPrefix(prefix).catch(() => undefined);
  }
});

test('cache/redis sentinel: a real Sentinel in front of 127.0.0.1:6379; Django sessions listed, decoded, deleted; unknown master fails fast', { timeout: 60_000 }, async (t) => {
  if (!(await topologyPrerequisites(t))) return;

  const dir = mkdtempSync(join(tmpdir(), 'ds-redis-sentinel-'));
  const prefix = `ds_${uniqueTag()}s`;
  let sentinel: ChildProcess | undefined;
  const adapters: SessionStoreAdapter[] = [];
  try {
    const port = await freePort();
    // Sentinel rewrites its config file, so it lives in the temp dir.
    const config = join(dir, 'sentinel.conf');
    writeFileSync(config, [
      `port ${port}`, 'bind 127.0.0.1', 'daemonize no', `dir ${dir}`, 'sentinel resolve-hostnames no',
      'sentinel monitor mymaster 127.0.0.1 6379 1', '',
    ].join('\n'));
    sentinel = startServer([config, '--sentinel']);
    await until(`sentinel on ${port} knows mymaster`, 15_000, async () => (await cli(['-p', String(port), 'sentinel', 'get-master-addr-by-name', 'mymaster'], 2000)).includes('6379'));

    // Django writes to the master directly (db 5, as the other Redis tests); we read through the Sentinel.
    const specs = [{ kind: 'login', user: '7' }, { kind: 'login', user: '8' }, { kind: 'expiry_int', seconds: 300 }, { kind: 'unicode' }, { kind: 'plain', n: 1 }];
    const created = await djangoSessions(prefix, specs);
    const open = (url: string) => {
      const adapter = createAdapter(parseStoreUrl(url), contextFor());
      adapters.push(adapter);
      return adapter;
    };
    const a = open(`redis+sentinel://127.0.0.1:${port}/mymaster/5?prefix=${prefix}&version=1&client=django-redis`);

    await t.test('lists and decodes what Django wrote, with the right users', async () => {
      const { sessions, errors } = await listAll(a, 2);
      assert.deepEqual(errors, []);
      assertListedAsDjangoWrote(sessions, created);
      assert.equal(await a.count(), created.length);
      const timed = await a.get(created.find((s) => s.kind === 'expiry_int')!.key);
      assert.ok(timed?.ttl && timed.ttl > 240 && timed.ttl <= 300, `ttl ${timed?.ttl}`);
    });

    await t.test("the URL's db is selected on the master the Sentinel names", async () => {
      const db0 = open(`redis+sentinel://127.0.0.1:${port}/mymaster/0?prefix=${prefix}&version=1&client=django-redis`);
      assert.equal(await db0.count(), 0);
      assert.deepEqual((await db0.list({ limit: 10 })).sessions, []);
    });

    await t.test('delete() removes the session as Django sees it', async () => {
      const victim = created.find((s) => s.data._auth_user_id === '8')!;
      assert.equal(await a.delete(victim.key), true);
      assert.equal(await a.delete(victim.key), false);
      const store = { engine: 'cache', cache: { kind: 'django-redis', location: LOCATION, prefix } };
      const { keys } = await django<{ keys: string[] }>('3.2', { store, action: 'keys', candidates: created.map((s) => s.key) });
      assert.deepEqual(keys, created.map((s) => s.key).filter((k) => k !== victim.key).sort());
    });

    await t.test('a master the Sentinel does not know is a clear error within seconds', async () => {
      const unknown = open(`redis+sentinel://127.0.0.1:${port}/nosuchmaster/5?prefix=${prefix}`);
      const error = await failsFast('unknown master', unknown.list({ limit: 10 }), 10_000);
      assert.equal(error.code, 'bad-config');
      assert.match(error.message, /no master named "nosuchmaster"/);
    });

    await t.test('a Sentinel that is not running is a clear error within seconds', async () => {
      const dead = open(`redis+sentinel://127.0.0.1:${await freePort()}/mymaster/5?prefix=${prefix}`);
      await failsFast('no sentinel', dead.list({ limit: 10 }), 10_000);
    });
  } finally {
    for (const adapter of adapters) await adapter.close();
    if (sentinel) await stopServer(sentinel);
    rmSync(dir, { recursive: true, force: true });
    await dropPrefix(prefix).catch(() => undefined);
  }
});

test('cache/redis cluster: a db other than 0 in a redis+cluster URL is a configuration error', () => {
  assert.equal(parseStoreUrl('redis+cluster://127.0.0.1:7000,127.0.0.1:7001/0').db, 0);
  assert.throws(() => parseStoreUrl('redis+cluster://127.0.0.1:7000,127.0.0.1:7001/3'), (e: unknown) => e instanceof StoreError && e.code === 'bad-config' && /only db 0/.test(e.message));
});
