// PostgreSQL through `pg` (pure JS). One lazily connected client per adapter; reads run in
// `BEGIN READ ONLY` transactions; connect, statement and query timeouts bound every call.
import type { Client } from 'pg';
import { StoreError, unreachable } from '../errors';
import type { Run, SqlDialect, SqlDriver } from './driver';

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

export interface PgTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  tls?: boolean;
  timeoutMs: number;
}

export class PostgresDriver implements SqlDriver {
  readonly dialect = postgresDialect;
  private client: Promise<Client> | undefined;

  constructor(private readonly target: PgTarget) {}

  read<T>(work: (run: Run) => Promise<T>): Promise<T> {
    return this.transaction('BEGIN READ ONLY', work);
  }

  write<T>(work: (run: Run) => Promise<T>): Promise<T> {
    return this.transaction('BEGIN', work);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.then((c) => c.end()).catch(() => undefined);
  }

  private async transaction<T>(begin: string, work: (run: Run) => Promise<T>): Promise<T> {
    const client = await this.connect();
    const run: Run = async (sql, params) => {
      try {
        const result = await client.query(sql, params);
        return { rows: result.rows as Record<string, unknown>[], affected: result.rowCount ?? 0 };
      } catch (error) {
        throw this.translate(error);
      }
    };
    await run(begin, []);
    try {
      const result = await work(run);
      await run('COMMIT', []);
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private connect(): Promise<Client> {
    if (!this.client) {
      this.client = this.open();
      this.client.catch(() => (this.client = undefined));
    }
    return this.client;
  }

  private async open(): Promise<Client> {
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
    client.on('error', () => (this.client = undefined));
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw this.translate(error);
    }
    return client;
  }

  private translate(error: unknown): Error {
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
