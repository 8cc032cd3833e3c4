// Fills the live-listing corpora in bulk, once, and reuses them on later runs:
// 1,000,000 rows of Django-encoded session_data in PostgreSQL database `ds_bench` (table made by
// Django's own migrate), and 1,000,000 RedisCache-pickled sessions in Redis db 9.
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { djangoData, type EncodedData, type PickledData, PYTHON } from './reference-data';
import { run } from './proc';

export const PG = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'ds_bench' };
export const REDIS = { host: '127.0.0.1', port: 6379, db: 9 };
export const ROWS = 1_000_000;
/** Distinct encoded values cycled over the rows (Django encodes them; SQL repeats them). */
const DISTINCT = 2000;
/** Django's default cache key: KEY_PREFIX '' , VERSION 1, session cache prefix. */
export const REDIS_PREFIX = ':1:django.contrib.sessions.cache';

async function pg(database: string): Promise<Client> {
  const c = new Client({ ...PG, database, connectionTimeoutMillis: 5000 });
  await c.connect();
  return c;
}

export async function fillPostgres(root: string, work: string, log: (m: string) => void): Promise<{ rows: number; reused: boolean }> {
  const admin = await pg('postgres');
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [PG.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${PG.database}`);
  } finally {
    await admin.end();
  }
  const db = await pg(PG.database);
  try {
    const table = await db.query("SELECT to_regclass('public.django_session') AS t");
    if (table.rows[0].t === null) {
      log('creating django_session in ds_bench with Django migrate');
      const r = await run(PYTHON, [join(root, 'bench', 'python', 'migrate_sessions.py'), PG.database], { timeoutMs: 120_000 });
      if (r.code !== 0) throw new Error(`Django migrate failed: ${r.stderr.trim().split('\n').pop()}`);
    }
    const count = Number((await db.query('SELECT count(*) AS n FROM django_session')).rows[0].n);
    if (count === ROWS) return { rows: count, reused: true };
    log(`filling ${ROWS.toLocaleString('en-US')} rows into PostgreSQL ${PG.database}`);
    const { data } = await djangoData<EncodedData>(root, work, 'encode', DISTINCT);
    await db.query('TRUNCATE django_session');
    // Keys are md5 hex (32 chars of [0-9a-f], valid Django keys); ~10% already expired.
    await db.query(
      `INSERT INTO django_session (session_key, session_data, expire_date)
       SELECT md5('ds-bench-' || g), ($1::text[])[1 + g % $2], now() + ((g % 1209600) - 120960) * interval '1 second'
       FROM generate_series(1, ${ROWS}) AS g`, [data.session_data, data.session_data.length]);
    await db.query('ANALYZE django_session');
    return { rows: ROWS, reused: false };
  } finally {
    await db.end();
  }
}

export async function fillRedis(root: string, work: string, log: (m: string) => void): Promise<{ keys: number; reused: boolean }> {
  const redis = new Redis({ ...REDIS, lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
  try {
    await redis.connect();
    const size = await redis.dbsize();
    if (size === ROWS) return { keys: size, reused: true };
    log(`filling ${ROWS.toLocaleString('en-US')} keys into Redis db ${REDIS.db}`);
    const { data } = await djangoData<PickledData>(root, work, 'pickled', DISTINCT, true);
    const values = data.values_b64.map((b) => Buffer.from(b, 'base64'));
    await redis.flushdb();
    const BATCH = 10_000;
    for (let start = 0; start < ROWS; start += BATCH) {
      const p = redis.pipeline();
      for (let i = start; i < start + BATCH; i++) {
        const key = `${REDIS_PREFIX}${(i * 2654435761 >>> 0).toString(36).padStart(7, '0')}${i.toString(36).padStart(25, 'k')}`;
        p.set(key, values[i % values.length], 'EX', 3600 + (i % 1209600));
      }
      await p.exec();
    }
    return { keys: await redis.dbsize(), reused: false };
  } finally {
    redis.disconnect();
  }
}
