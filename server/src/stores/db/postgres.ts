// PostgreSQL through `pg` (pure JS). One lazily connected client per adapter; reads run in
// `BEGIN READ ONLY` transactions; connect, statement and query timeouts bound every call.
import type { Client } from 'pg';
import { StoreError, unreachable } from '../errors';
import type { RunResult, SqlDialect } from './driver';
import { NetworkSqlDriver, type NetworkTarget } from './networkDriver';

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  param: (i) => `$${i}`,
  quote: (id) => `"${id.replace(/"/g, '""')}"`,
  selectExpiry: (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`,
  timestampParam: (i) => `($${i}::timestamp AT TIME ZONE 'UTC')`,
  // A row comparison: PostgreSQL turns it into an index range on expire_date (checked by a test).
  before: (e, k, pe, pk) => `(${e}, ${k}) < (($${pe}::timestamp AT TIME ZONE 'UTC'), $${pk})`,
  beforeParams: (expiry, key) => [expiry, key],
};

export type PgTarget = NetworkTarget;

export class PostgresDriver extends NetworkSqlDriver<Client> {
  readonly dialect = postgresDialect;
  protected readonly beginReadOnly = 'BEGIN READ ONLY';
  protected readonly beginReadWrite = 'BEGIN';

  protected async query(client: Client, sql: string, params: unknown[]): Promise<RunResult> {
    const result = await client.query(sql, params);
    return { rows: result.rows as Record<string, unknown>[], affected: result.rowCount ?? 0 };
  }

  protected end(client: Client): Promise<void> {
    return client.end();
  }

  protected async open(): Promise<Client> {
    const pg = await import('pg');
    const PgClient = (pg.default ?? pg).Client;
    const t = this.target;
    const client = new PgClient({
      host: t.host, port: t.port, database: t.database, user: t.user, password: t.password,
      ssl: t.tls ? { rejectUnauthorized: true } : undefined,
      connectionTimeoutMillis: t.timeoutMs, statement_timeout: t.timeoutMs, query_timeout: t.timeoutMs,
      application_name: 'django-sessions',
    });
    // A dropped connection emits 'error' on the client; unhandled it would kill the process.
    client.on('error', () => this.forget());
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw this.translate(error);
    }
    return client;
  }

  protected translate(error: unknown): Error {
    if (error instanceof StoreError) return error;
    const where = `PostgreSQL ${this.target.host}:${this.target.port}/${this.target.database}`;
    const net = unreachable(error, where);
    if (net) return net;
    const e = error as { code?: string; message?: string };
    const message = e.message ?? String(error);
    if (/timeout|timed out/i.test(message)) return new StoreError('timeout', `${where} did not answer within ${this.target.timeoutMs / 1000} s`);
    if (e.code === '42P01') return new StoreError('missing-table', `${where}: ${message} (has "migrate" run?)`);
    if (e.code === '42501') return new StoreError('permission', `${where}: ${message} (role "${this.target.user}" needs SELECT, and DELETE to delete)`);
    if (e.code === '28P01' || e.code === '28000') return new StoreError('auth', `${where}: authentication failed for "${this.target.user}" (set the password in the store's password variable or SecretStorage)`);
    if (e.code === '3D000') return new StoreError('bad-config', `${where}: ${message}`);
    return new StoreError('driver', `${where}: ${message}`);
  }
}
