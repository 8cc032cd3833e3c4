// The db backend on MariaDB/MySQL (mysql2) against Django 3.2 and 5.2 (mysqlclient).
import mysql from 'mysql2/promise';
import { parseStoreUrl } from '../../server/src/stores/url';
import { ALL_KINDS, contractSuite, type Prepared } from './contract';
import { django, djangoProbe, portProbe, uniqueTag } from './support';

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
