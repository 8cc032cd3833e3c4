// The Live Sessions state machine and the trust guard, driven by a fake server that records calls.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionsParams, SessionsResult, StoresParams, StoresResult } from '../../common/protocol';
import { LiveModel } from '../../client/src/model/liveModel';
import { ServerApi, ServerNotRunningError, UntrustedWorkspaceError, type RequestSender } from '../../client/src/serverApi';

const secret = 'test-secret-key-that-is-long-enough-0123456789';

function session(key: string, expires: string | null, data: unknown = { cart: { '1': 2 } }) {
  return { key, expires, status: 'valid', user: '7', data, size: 40 };
}

/** A server with two stores: a paged one (3 sessions, pages of 2) and one that fails. */
function fakeServer() {
  const calls: { method: string; params: unknown }[] = [];
  const all = [session('aaaa1111bbbb2222', '2030-01-01T00:00:00Z'), session('cccc3333dddd4444', '2031-01-01T00:00:00Z', { theme: 'dark' }), session('eeee5555ffff6666', null)];
  const sender: RequestSender = {
    async sendRequest<R>(method: string, params: unknown): Promise<R> {
      calls.push({ method, params });
      if (method === 'djangoSessions/stores') {
        const result: StoresResult = { stores: [
          { id: 'sqlite:db.sqlite3', label: 'db.sqlite3', engine: 'db', backend: 'sqlite' },
          { id: 'redis://127.0.0.1:1/0', label: 'redis', engine: 'cache', backend: 'redis' },
          { id: 'postgres://app@127.0.0.1:5432/shop', label: 'pg', engine: 'db', backend: 'postgres' },
        ] };
        return result as R;
      }
      if (method === 'djangoSessions/sessions') {
        const p = params as SessionsParams;
        if (p.storeId.startsWith('redis')) throw new Error(`connect ECONNREFUSED 127.0.0.1:1 (secret ${secret})`);
        if (p.storeId.startsWith('postgres')) return { sessions: [], errors: [], error: 'password authentication failed for user "app"' } as R;
        const start = Number(p.cursor ?? 0);
        const matching = all.filter((s) => !p.filter || JSON.stringify(s).includes(p.filter));
        const page = matching.slice(start, start + p.limit);
        const result: SessionsResult = { sessions: page, cursor: start + p.limit < matching.length ? String(start + p.limit) : undefined, errors: start === 0 ? ['one row unreadable'] : [] };
        return result as R;
      }
      throw new Error(`unexpected ${method}`);
    },
  };
  return { sender, calls };
}

function model(trusted = true) {
  const { sender, calls } = fakeServer();
  const api = new ServerApi(() => sender, () => trusted);
  const m = new LiveModel(api, { configuredStores: () => [{ engine: 'db', url: 'sqlite:db.sqlite3' }], secrets: async () => [secret], password: async () => undefined, pageSize: 2 });
  return { m, calls };
}

test('refresh lists stores, then the first page of each, newest expiry first', async () => {
  const { m, calls } = model();
  let changes = 0;
  m.onChange(() => changes++);
  await m.refresh();
  assert.equal(m.state, 'ready');
  assert.ok(changes >= 2);
  const [sqlite, redis, pg] = m.stores;
  assert.deepEqual(sqlite.sessions.map((s) => s.key), ['cccc3333dddd4444', 'aaaa1111bbbb2222']);
  assert.equal(sqlite.hasMore, true);
  assert.deepEqual(sqlite.warnings, ['one row unreadable']);
  const sessionsCall = calls.find((c) => c.method === 'djangoSessions/sessions') as { params: SessionsParams };
  assert.deepEqual(sessionsCall.params.secrets, [secret]);
  assert.deepEqual((calls[0].params as StoresParams).configured, [{ engine: 'db', url: 'sqlite:db.sqlite3' }]);
  // A dead store is an error on its node, with the secret masked; the other store still works.
  assert.match(redis.error ?? '', /ECONNREFUSED/);
  assert.ok(!redis.error?.includes(secret), redis.error);
  assert.equal(redis.hasMore, false);
  // A page the server could not read at all is the store's error too.
  assert.equal(pg.error, 'password authentication failed for user "app"');
  assert.deepEqual(pg.sessions, []);
});

test('load more appends the next page and stops at the end', async () => {
  const { m } = model();
  await m.refresh();
  await m.loadMore('sqlite:db.sqlite3');
  const sqlite = m.stores[0];
  assert.deepEqual(sqlite.sessions.map((s) => s.key), ['eeee5555ffff6666', 'cccc3333dddd4444', 'aaaa1111bbbb2222']);
  assert.equal(sqlite.hasMore, false);
  assert.deepEqual([...m.seenKeys()].sort(), ['cart', 'theme']);
  for (const s of sqlite.sessions) assert.equal(m.session(s.handle)?.key, s.key);
});

test('filter is sent to the server and restarts paging', async () => {
  const { m, calls } = model();
  await m.setFilter('  dark ');
  assert.equal(m.filter, 'dark');
  assert.deepEqual(m.stores[0].sessions.map((s) => s.key), ['cccc3333dddd4444']);
  assert.equal((calls.filter((c) => c.method === 'djangoSessions/sessions').at(-1)?.params as SessionsParams).filter, 'dark');
  await m.setFilter('');
  assert.equal(m.filter, undefined);
});

test('forget drops a deleted session without reloading', async () => {
  const { m, calls } = model();
  await m.refresh();
  const before = calls.length;
  const victim = m.stores[0].sessions[0];
  m.forget(victim.handle);
  assert.equal(m.session(victim.handle), undefined);
  assert.ok(!m.stores[0].sessions.some((s) => s.handle === victim.handle));
  assert.equal(calls.length, before);
});

test('untrusted workspace: no request that reaches a store is sent', async () => {
  const { m, calls } = model(false);
  await m.refresh();
  await m.loadMore('sqlite:db.sqlite3');
  assert.equal(m.state, 'untrusted');
  assert.deepEqual(calls, []);
});

test('the api refuses store requests when untrusted but still answers keys and decode', async () => {
  const calls: string[] = [];
  const sender: RequestSender = { sendRequest: async <R>(method: string) => { calls.push(method); return {} as R; } };
  const api = new ServerApi(() => sender, () => false);
  await assert.rejects(api.stores({ configured: [] }), UntrustedWorkspaceError);
  await assert.rejects(api.sessions({ storeId: 'x', limit: 1, secrets: [] }), UntrustedWorkspaceError);
  await assert.rejects(api.deleteSession({ storeId: 'x', key: 'k', confirmed: true }), UntrustedWorkspaceError);
  await assert.rejects(api.clearExpired({ storeId: 'x', confirmed: true }), UntrustedWorkspaceError);
  await api.keys();
  await api.decode({ value: 'v', secrets: [] });
  assert.deepEqual(calls, ['djangoSessions/keys', 'djangoSessions/decode']);
  await assert.rejects(new ServerApi(() => undefined, () => true).keys(), ServerNotRunningError);
});

test('stores failing as a whole give the error state; an empty list the empty state', async () => {
  const failing: RequestSender = { sendRequest: async () => { throw new Error('server crashed'); } };
  const m = new LiveModel(new ServerApi(() => failing, () => true), { configuredStores: () => [], secrets: async () => [], password: async () => undefined, pageSize: 10 });
  await m.refresh();
  assert.equal(m.state, 'error');
  assert.equal(m.error, 'server crashed');
  const empty: RequestSender = { sendRequest: async <R>() => ({ stores: [] }) as R };
  const m2 = new LiveModel(new ServerApi(() => empty, () => true), { configuredStores: () => [], secrets: async () => [], password: async () => undefined, pageSize: 10 });
  await m2.refresh();
  assert.equal(m2.state, 'empty');
});
