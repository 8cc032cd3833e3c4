// The db backend on PostgreSQL: contract against Django, keyset paging on the expire_date index,
// a role without SELECT, a missing table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { requires } from '../support/requirements';
import { createAdapter } from '../../server/src/stores/factory';
import { LiveSessionService } from '../../server/src/stores/service';
import { parseStoreUrl } from '../../server/src/stores/url';
import { sessionQueries } from '../../server/src/stores/db/queries';
import { postgresDialect } from '../../server/src/stores/db/postgres';
import { ALL_KINDS, contractSuite, type Prepared } from './contract';
import { contextFor, django, djangoProbe, portProbe, uniqueTag, SECRET } from './support';

const DATABASE = 'ds_stores_test';

async function admin(database = 'test'): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database, connectionTimeoutMillis: 3000 });
  await client.connect();
  return client;
}

async function ensureDatabase(): Promise<void> {
  const client = await admin();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`).catch((e: { code?: string }) => { if (e.code !== '42P04' && e.code !== '23505') throw e; });
  } finally {
    await client.end();
  }
}

async function inDatabase<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = await admin(DATABASE);
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const pgNeeds = [{ what: 'PostgreSQL on 127.0.0.1:5432', probe: portProbe(5432) }];

for (const version of ['3.2', '5.2'] as const) {
  contractSuite({
    name: 'db/postgres',
    django: version,
    needs: [...pgNeeds, { what: `Django ${version} with psycopg2`, probe: djangoProbe(version, ['psycopg2']) }],
    specs: version === '5.2' ? [...ALL_KINDS, { kind: 'expiry_datetime' }] : ALL_KINDS,
    signed: true,
    async prepare(): Promise<Prepared> {
      await ensureDatabase();
      const schema = `s_${uniqueTag()}`;
      await inDatabase((c) => c.query(`CREATE SCHEMA ${schema}`));
      const store = { engine: 'db', db: { kind: 'postgres', name: DATABASE, schema } };
      await django(version, { store, action: 'migrate' });
      return {
        store,
        config: parseStoreUrl(`postgres://postgres@127.0.0.1:5432/${DATABASE}`, { table: `${schema}.django_session` }),
        corrupt: (key) => inDatabase((c) => c.query(`UPDATE ${schema}.django_session SET session_data = 'garbage!' || session_data WHERE session_key = $1`, [key])).then(() => undefined),
        async clearsessionsOnCopy() {
          const copy = `${schema}_copy`;
          await inDatabase(async (c) => {
            await c.query(`CREATE SCHEMA ${copy}`);
            await c.query(`CREATE TABLE ${copy}.django_session (LIKE ${schema}.django_session INCLUDING ALL)`);
            await c.query(`INSERT INTO ${copy}.django_session SELECT * FROM ${schema}.django_session`);
          });
          const copyStore = { engine: 'db', db: { kind: 'postgres', name: DATABASE, schema: copy } };
          await django(version, { store: copyStore, action: 'clearsessions' });
          return (await django<{ keys: string[] }>(version, { store: copyStore, action: 'keys' })).keys.sort();
        },
        cleanup: () => inDatabase((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_copy CASCADE`)).then(() => undefined),
      };
    },
  });
}

/** A table shaped like Django's (same index) holding many rows, in its own schema. */
async function bigTable(c: pg.Client, schema: string, rows: number): Promise<void> {
  await c.query(`CREATE SCHEMA ${schema}`);
  await c.query(`CREATE TABLE ${schema}.django_session (session_key varchar(40) PRIMARY KEY, session_data text NOT NULL, expire_date timestamptz NOT NULL)`);
  await c.query(`CREATE INDEX ON ${schema}.django_session (expire_date)`);
  await c.query(`INSERT INTO ${schema}.django_session SELECT md5(i::text), 'x', now() + (i || ' seconds')::interval FROM generate_series(1, ${rows}) i`);
  await c.query(`ANALYZE ${schema}.django_session`);
}

test('db/postgres: a page is an index range scan on expire_date, never a full scan', async (t) => {
  if (!(await requires(t, 'PostgreSQL on 127.0.0.1:5432', pgNeeds[0]!.probe))) return;
  await ensureDatabase();
  const schema = `p_${uniqueTag()}`;
  await inDatabase(async (c) => {
    try {
      await bigTable(c, schema, 20000);
      const q = sessionQueries(postgresDialect, [schema, 'django_session']);
      for (const [sql, params] of [[q.firstPage(51), []], [q.nextPage(51), ['2030-01-01 00:00:00.000000', 'zzz']]] as const) {
        const { rows } = await c.query(`EXPLAIN (FORMAT JSON) ${sql}`, [...params]);
        const plan = JSON.stringify(rows[0]['QUERY PLAN']);
        assert.match(plan, /"Node Type":"Index Scan"/, plan);
        assert.match(plan, /"Scan Direction":"Backward"/, plan);
        assert.match(plan, /django_session_expire_date_idx/);
        assert.doesNotMatch(plan, /Seq Scan/);
        // The keyset predicate bounds the index range (it is not a filter over every row).
        if (params.length) assert.match(plan, /"Index Cond":"\(expire_date <=/, plan);
      }
      // And the keyset walk visits every row exactly once, in order.
      const adapter = createAdapter({ ...parseStoreUrl(`postgres://postgres@127.0.0.1:5432/${DATABASE}`), table: `${schema}.django_session` }, contextFor());
      try {
        let cursor: string | undefined;
        let seen = 0;
        let last = Infinity;
        for (let i = 0; i < 5; i++) {
          const page = await adapter.list({ limit: 1000, cursor });
          for (const s of page.sessions) {
            const at = Date.parse(s.expires!);
            assert.ok(at <= last);
            last = at;
          }
          seen += page.sessions.length;
          cursor = page.cursor;
        }
        assert.equal(seen, 5000);
        assert.ok(cursor);
      } finally {
        await adapter.close();
      }
    } finally {
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  });
});

test('db/postgres: a role without SELECT and a missing table give clear errors', async (t) => {
  if (!(await requires(t, 'PostgreSQL on 127.0.0.1:5432', pgNeeds[0]!.probe))) return;
  await ensureDatabase();
  const tag = uniqueTag();
  const schema = `r_${tag}`;
  const role = `ds_noselect_${tag}`;
  const service = new LiveSessionService({ timeoutMs: 3000 });
  await inDatabase(async (c) => {
    try {
      await bigTable(c, schema, 3);
      await c.query(`CREATE ROLE ${role} LOGIN`);
      await c.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
      const id = service.register(parseStoreUrl(`postgres://${role}@127.0.0.1:5432/${DATABASE}`, { table: `${schema}.django_session` }));
      const denied = await service.listSessions(id, { limit: 10 }, [SECRET]);
      assert.match(denied.error ?? '', /permission denied.*needs SELECT/);
      const missing = service.register(parseStoreUrl(`postgres://postgres@127.0.0.1:5432/${DATABASE}`, { table: `${schema}.no_such_table` }));
      const outcome = await service.listSessions(missing, { limit: 10 }, [SECRET]);
      assert.match(outcome.error ?? '', /does not exist.*migrate/);
    } finally {
      await service.dispose();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.query(`DROP ROLE IF EXISTS ${role}`);
    }
  });
});
