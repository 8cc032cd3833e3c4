// The db backend on MariaDB/MySQL (mysql2) against Django 3.2 and 5.2 (mysqlclient); passwords
// from the named variable, access errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import mysql from 'mysql2/promise';
import { requires } from '../support/requirements';
import { LiveSessionService } from '../../server/src/stores/service';
import { parseStoreUrl } from '../../server/src/stores/url';
import { ALL_KINDS, contractSuite, type Prepared } from './contract';
import { django, djangoProbe, portProbe, SECRET, uniqueTag } from './support';

async function sql(statements: string[], params: unknown[][] = []): Promise<void> {
  const c = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', connectTimeout: 3000 });
  try {
    for (const [i, s] of statements.entries()) await c.query(s, params[i] ?? []);
  } finally {
    await c.end();
  }
}

for (const version of ['3.2', '5.2'] as const) {
  contractSuite({
    name: 'db/mysql',
    django: version,
    needs: [{ what: 'MariaDB on 127.0.0.1:3306', probe: portProbe(3306) }, { what: `Django ${version} with mysqlclient`, probe: djangoProbe(version, ['MySQLdb']) }],
    specs: version === '5.2' ? [...ALL_KINDS, { kind: 'expiry_datetime' }] : ALL_KINDS,
    signed: true,
    async prepare(): Promise<Prepared> {
      const name = `ds_stores_${uniqueTag()}`;
      await sql([`CREATE DATABASE ${name} CHARACTER SET utf8mb4`]);
      const store = { engine: 'db', db: { kind: 'mysql', name } };
      await django(version, { store, action: 'migrate' });
      return {
        store,
        config: parseStoreUrl(`mysql://root@127.0.0.1:3306/${name}`),
        corrupt: (key) => sql([`UPDATE ${name}.django_session SET session_data = REVERSE(session_data) WHERE session_key = ?`], [[key]]),
        async clearsessionsOnCopy() {
          await sql([`CREATE DATABASE ${name}_copy`, `CREATE TABLE ${name}_copy.django_session LIKE ${name}.django_session`,
            `INSERT INTO ${name}_copy.django_session SELECT * FROM ${name}.django_session`]);
          const copyStore = { engine: 'db', db: { kind: 'mysql', name: `${name}_copy` } };
          await django(version, { store: copyStore, action: 'clearsessions' });
          return (await django<{ keys: string[] }>(version, { store: copyStore, action: 'keys' })).keys.sort();
        },
        cleanup: () => sql([`DROP DATABASE IF EXISTS ${name}`, `DROP DATABASE IF EXISTS ${name}_copy`]),
      };
    },
  });
}

test('db/mysql: the password comes from the named variable; a wrong one and a missing grant are clear errors', async (t) => {
  if (!(await requires(t, 'MariaDB on 127.0.0.1:3306', portProbe(3306)))) return;
  const tag = uniqueTag();
  const name = `ds_stores_${tag}`;
  const user = `ds_${tag}`.slice(0, 32);
  const password = `pw-${tag}-correct-horse`;
  const variable = `DS_STORES_TEST_PW_${tag.toUpperCase()}`;
  await sql([
    `CREATE DATABASE ${name}`,
    `CREATE TABLE ${name}.django_session (session_key varchar(40) PRIMARY KEY, session_data longtext NOT NULL, expire_date datetime(6) NOT NULL, KEY (expire_date))`,
    `CREATE TABLE ${name}.secret_table (x int)`,
    `CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`,
    `CREATE USER '${user}'@'localhost' IDENTIFIED BY '${password}'`,
    `GRANT SELECT ON ${name}.secret_table TO '${user}'@'%'`,
    `GRANT SELECT ON ${name}.secret_table TO '${user}'@'localhost'`,
  ]);
  const service = new LiveSessionService({ timeoutMs: 3000 });
  process.env[variable] = password;
  try {
    const id = service.register(parseStoreUrl(`mysql://${user}@127.0.0.1:3306/${name}?passwordEnv=${variable}`));
    const denied = await service.listSessions(id, { limit: 5 }, [SECRET]);
    assert.match(denied.error ?? '', /denied/i);
    await sql([`GRANT SELECT ON ${name}.django_session TO '${user}'@'%'`, `GRANT SELECT ON ${name}.django_session TO '${user}'@'localhost'`]);
    const ok = await service.listSessions(id, { limit: 5 }, [SECRET]);
    assert.deepEqual([ok.error, ok.total], [undefined, 0]);
    const wrong = await service.listSessions(id, { limit: 5 }, [SECRET], 'not-the-password');
    assert.match(wrong.error ?? '', /access denied for .*set the password/);
    assert.ok(!(wrong.error ?? '').includes('not-the-password') && !(denied.error ?? '').includes(password));
    // The role may read but not delete: the guard passes, the server refuses, the message says so.
    const del = await service.deleteSession(id, 'abcdefgh12345678', { confirmed: true, readOnly: false });
    assert.equal(del.ok, false);
    assert.match(del.message ?? '', /denied/i);
  } finally {
    delete process.env[variable];
    await service.dispose();
    await sql([`DROP USER IF EXISTS '${user}'@'%'`, `DROP USER IF EXISTS '${user}'@'localhost'`, `DROP DATABASE IF EXISTS ${name}`]);
  }
});
