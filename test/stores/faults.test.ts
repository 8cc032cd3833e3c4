// Dead and silent servers: every backend answers with a clear message within a few seconds,
// nothing throws out of the service, and the process stays up.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { LiveSessionService } from '../../server/src/stores/service';
import { parseStoreUrl } from '../../server/src/stores/url';
import { SECRET } from './support';

const TIMEOUT_MS = 1500;
/** Generous bound for "a few seconds" on a loaded 2-core machine. */
const WITHIN_MS = 6000;

let silent: Server;
let halfDump: Server;
let closedPort: number;
const sockets: Socket[] = [];

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

before(async () => {
  // Accepts connections and never answers.
  silent = createServer((s) => sockets.push(s));
  // A memcached whose key dump stops halfway.
  halfDump = createServer((s) => {
    sockets.push(s);
    s.on('data', () => s.write('key=%3A1%3Adjango.contrib.sessions.cacheabcdefgh12345678 exp=-1 la=1 cas=1 fetch=no cls=1 size=10\n'));
  });
  const probe = createServer();
  closedPort = await listen(probe);
  await new Promise((r) => probe.close(r));
});

after(() => {
  for (const s of sockets) s.destroy();
  silent.close();
  halfDump.close();
});

const urls = (port: number) => [
  `postgres://postgres@127.0.0.1:${port}/test`,
  `mysql://root@127.0.0.1:${port}/test`,
  `redis://127.0.0.1:${port}/0?client=django`,
  `memcached://127.0.0.1:${port}`,
];

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  const value = await work;
  return { value, ms: Date.now() - start };
}

test('a server that is down gives "connection refused" quickly, for every backend', async () => {
  const service = new LiveSessionService({ timeoutMs: TIMEOUT_MS });
  try {
    for (const url of urls(closedPort)) {
      const id = service.register(parseStoreUrl(url));
      const { value, ms } = await timed(service.listSessions(id, { limit: 5 }, [SECRET], 'hunter2-password'));
      assert.match(value.error ?? '', /refused|not running|closed/i, `${url}: ${value.error}`);
      assert.ok(ms < WITHIN_MS, `${url} took ${ms} ms`);
      assert.ok(!value.error?.includes('hunter2-password') && !value.error?.includes(SECRET));
    }
  } finally {
    await service.dispose();
  }
});

test('a server that accepts and never answers times out with a clear message, for every backend', async () => {
  const port = await listen(silent);
  const service = new LiveSessionService({ timeoutMs: TIMEOUT_MS });
  try {
    for (const url of urls(port)) {
      const id = service.register(parseStoreUrl(url));
      const { value, ms } = await timed(service.listSessions(id, { limit: 5 }, [SECRET]));
      assert.match(value.error ?? '', /did not answer|timed out|timeout/i, `${url}: ${value.error}`);
      assert.ok(ms < WITHIN_MS, `${url} took ${ms} ms`);
      const write = await service.deleteSession(id, 'abcdefgh12345678', { confirmed: true, readOnly: false });
      assert.equal(write.ok, false);
      assert.ok(!(write.message ?? '').includes('abcdefgh12345678'), 'the key is masked');
    }
  } finally {
    await service.dispose();
  }
});

test('a key dump that stops halfway gives a timeout, not a partial page', async () => {
  const port = await listen(halfDump);
  const service = new LiveSessionService({ timeoutMs: 500 });
  try {
    const id = service.register(parseStoreUrl(`memcached://127.0.0.1:${port}`));
    const { value, ms } = await timed(service.listSessions(id, { limit: 5 }, [SECRET]));
    assert.match(value.error ?? '', /did not answer within/);
    assert.deepEqual(value.sessions, []);
    assert.ok(ms < WITHIN_MS, `took ${ms} ms`);
  } finally {
    await service.dispose();
  }
});

test('a missing SQLite file, a missing session directory and an unknown store are messages', async () => {
  const service = new LiveSessionService({ timeoutMs: TIMEOUT_MS });
  try {
    const db = service.register(parseStoreUrl('sqlite:/nonexistent/ds-stores/db.sqlite3'));
    assert.match((await service.listSessions(db, { limit: 5 }, [SECRET])).error ?? '', /SQLite database not found/);
    const files = service.register(parseStoreUrl('file:/nonexistent/ds-stores-sessions'));
    assert.match((await service.listSessions(files, { limit: 5 }, [SECRET])).error ?? '', /session directory not found/);
    assert.match((await service.listSessions('nope', { limit: 5 }, [SECRET])).error ?? '', /unknown store/);
  } finally {
    await service.dispose();
  }
});

test('SQLite: a missing table and a stale lock of another reader are clear messages', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ds-stores-lock-'));
  const path = join(dir, 'db.sqlite3');
  const sqlite = await import('node-sqlite3-wasm');
  const db = new (sqlite.default ?? sqlite).Database(path);
  db.exec('CREATE TABLE other (x int)');
  db.close();
  const service = new LiveSessionService({ timeoutMs: TIMEOUT_MS });
  try {
    const id = service.register(parseStoreUrl(`sqlite:${path}`));
    assert.match((await service.listSessions(id, { limit: 5 }, [SECRET])).error ?? '', /no such table: django_session.*migrate/);
    mkdirSync(`${path}.lock`);
    assert.match((await service.listSessions(id, { limit: 5 }, [SECRET])).error ?? '', /locked by another Django Sessions reader.*stale .*db\.sqlite3\.lock/);
  } finally {
    await service.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
