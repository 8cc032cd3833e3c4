// One contract every adapter must meet, run against real servers with sessions written by real
// Django: list (paged) = what Django has, decoded field by field as Django sees it; count; get;
// corrupted values and wrong secrets do not stop a page; delete and clearExpired leave exactly
// what Django's own delete / clearsessions would.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { requires } from '../support/requirements';
import { createAdapter } from '../../server/src/stores/factory';
import type { LiveSession, SessionStoreAdapter, StoreConfig } from '../../server/src/stores/types';
import { contextFor, django, normalise, OTHER_SECRET, type DjangoVersion } from './support';

export interface Spec { kind: string; seconds?: number; mtime_age?: number; n?: number }

export interface CreatedSession { key: string; kind: string; data: Record<string, unknown>; expire_date?: string }

export interface Prepared {
  /** The store as the Python helper configures Django. */
  store: Record<string, unknown>;
  config: StoreConfig;
  /** Damages one session's stored value in place (bad bytes for this backend). */
  corrupt(key: string): Promise<void>;
  /** Keys Django's clearsessions leaves, run on a copy of the store (undefined: Django's is a no-op). */
  clearsessionsOnCopy?(): Promise<string[]>;
  cleanup(): Promise<void>;
}

export interface Target {
  name: string;
  django: DjangoVersion;
  needs: { what: string; probe: () => boolean | Promise<boolean> }[];
  specs: Spec[];
  /** Whether sessions are signed (db, file, cached_db): a wrong secret must show bad-signature. */
  signed: boolean;
  prepare(): Promise<Prepared>;
}

/** Sessions Django itself considers expired (negative int expiry; file mtime long past). */
const EXPIRED_KINDS = ['expired', 'old'];

export const ALL_KINDS: Spec[] = [
  { kind: 'login' }, { kind: 'login' }, { kind: 'expiry_int', seconds: 300 }, { kind: 'unicode' }, { kind: 'large' }, { kind: 'expired' },
  { kind: 'plain', n: 1 }, { kind: 'plain', n: 2 },
];

/** Every page of a listing, in order (`limit` per page, the adapter's cursor followed to the end). */
export async function listAll(adapter: SessionStoreAdapter, limit: number, filter?: string): Promise<{ sessions: LiveSession[]; errors: string[]; pages: number }> {
  const sessions: LiveSession[] = [];
  const errors: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await adapter.list({ limit, cursor, filter });
    assert.ok(page.sessions.length <= limit, `page of ${page.sessions.length} > ${limit}`);
    sessions.push(...page.sessions);
    errors.push(...page.errors);
    cursor = page.cursor;
    assert.ok(++pages < 100, 'paging must terminate');
  } while (cursor);
  return { sessions, errors, pages };
}

/** Each session Django wrote is listed once, valid, with Django's data and user. */
export function assertListedAsDjangoWrote(sessions: readonly LiveSession[], created: readonly CreatedSession[]): void {
  assert.deepEqual(sessions.map((s) => s.key).sort(), created.map((s) => s.key).sort(), 'each session exactly once');
  const byKey = new Map(sessions.map((s) => [s.key, s]));
  for (const made of created) {
    const ours = byKey.get(made.key)!;
    assert.equal(ours.status, 'valid', `${made.kind}: ${ours.reason ?? ''}`);
    assert.deepEqual(normalise(ours.data), made.data, `${made.kind} data`);
    assert.equal(ours.user, (made.data._auth_user_id as string | undefined) ?? null);
  }
}

async function djangoKeys(target: Target, store: Record<string, unknown>, candidates: string[]): Promise<string[]> {
  return (await django<{ keys: string[] }>(target.django, { store, action: 'keys', candidates })).keys;
}

export function contractSuite(target: Target): void {
  test(`${target.name}: contract against Django ${target.django}`, { timeout: 240_000 }, async (t: TestContext) => {
    for (const need of target.needs) if (!(await requires(t, need.what, need.probe))) return;
    const prepared = await target.prepare();
    const adapter = createAdapter(prepared.config, contextFor());
    try {
      const { sessions: created } = await django<{ sessions: CreatedSession[] }>(target.django, { store: prepared.store, action: 'create', specs: target.specs });
      const candidates = created.map((s) => s.key);
      const existing = await djangoKeys(target, prepared.store, candidates);
      assert.ok(existing.length >= created.length - 1, 'Django kept the sessions it wrote');

      await t.test('lists exactly the sessions Django has, two per page', async () => {
        const { sessions, errors, pages } = await listAll(adapter, 2);
        assert.deepEqual(sessions.map((s) => s.key).sort(), existing);
        assert.deepEqual(errors, []);
        assert.ok(pages >= Math.ceil(existing.length / 2) - 1, `paged (${pages} pages)`);
        assert.equal(await adapter.count(), existing.length);
      });

      await t.test('decodes every session field by field as Django does', async () => {
        const { sessions } = await listAll(adapter, 50);
        const byKey = new Map(sessions.map((s) => [s.key, s]));
        for (const made of created.filter((c) => existing.includes(c.key))) {
          const ours = byKey.get(made.key);
          assert.ok(ours, `${made.kind} session listed`);
          assert.deepEqual(normalise(ours.data), made.data, `${made.kind} data`);
          assert.equal(ours.user, (made.data._auth_user_id as string | undefined) ?? null, `${made.kind} user`);
          assert.equal(ours.status, EXPIRED_KINDS.includes(made.kind) ? 'expired' : 'valid', `${made.kind} status (${ours.reason ?? ''})`);
          assert.ok(ours.size > 0);
          if (made.expire_date) assert.equal(Date.parse(ours.expires ?? ''), Date.parse(made.expire_date), `${made.kind} expire_date`);
          if (made.kind === 'large') assert.ok(ours.size > 1000);
        }
      });

      await t.test('get() finds one session and nothing for an unknown key', async () => {
        const login = created.find((c) => c.kind === 'login')!;
        const one = await adapter.get(login.key);
        assert.equal(one?.user, '42');
        assert.deepEqual(normalise(one?.data), login.data);
        assert.equal(await adapter.get('nosuchsession0000000000000000000'), null);
      });

      if (target.signed) {
        await t.test('a wrong SECRET_KEY shows bad-signature, never valid', async () => {
          const wrong = createAdapter(prepared.config, contextFor([OTHER_SECRET]));
          try {
            const { sessions } = await listAll(wrong, 50);
            assert.equal(sessions.length, existing.length);
            for (const s of sessions) assert.equal(s.status, 'bad-signature');
          } finally {
            await wrong.close();
          }
        });
      }

      await t.test('a corrupted value is reported and the page goes on', async () => {
        const victim = created.find((c) => c.kind === 'plain' && existing.includes(c.key))!;
        await prepared.corrupt(victim.key);
        const { sessions, errors } = await listAll(adapter, 3);
        assert.equal(sessions.length, existing.length);
        const bad = sessions.find((s) => s.key === victim.key)!;
        assert.ok(['undecodable', 'bad-signature'].includes(bad.status), `status ${bad.status}`);
        assert.ok(sessions.filter((s) => s.key !== victim.key).every((s) => s.status !== 'undecodable'));
        if (bad.status === 'undecodable') assert.equal(errors.length, 1);
        assert.ok(!errors.join(' ').includes(victim.key), 'errors mask the session key');
      });

      await t.test('delete() removes one session as Django sees it', async () => {
        const victim = created.find((c) => c.kind === 'login')!;
        assert.equal(await adapter.delete(victim.key), true);
        assert.equal(await adapter.delete(victim.key), false);
        const after = await djangoKeys(target, prepared.store, candidates);
        assert.deepEqual(after, existing.filter((k) => k !== victim.key));
      });

      await t.test("clearExpired() leaves exactly what Django's clearsessions leaves", async () => {
        const before = await djangoKeys(target, prepared.store, candidates);
        const expected = prepared.clearsessionsOnCopy ? await prepared.clearsessionsOnCopy() : before;
        const { deleted } = await adapter.clearExpired();
        const after = await djangoKeys(target, prepared.store, candidates);
        assert.deepEqual(after, expected);
        assert.equal(deleted, before.length - after.length);
        if (prepared.clearsessionsOnCopy) assert.ok(deleted > 0, 'the expired session was removed');
      });
    } finally {
      await adapter.close();
      await prepared.cleanup();
    }
  });
}
