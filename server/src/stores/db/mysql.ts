// MySQL / MariaDB through `mysql2` (pure JS). Dates come back as text (`dateStrings`), so keyset
// cursors keep Django's microseconds exactly; reads run in `START TRANSACTION READ ONLY`.
import type { Connection } from 'mysql2/promise';
import { StoreError, unreachable } from '../errors';
import type { RunResult, SqlDialect } from './driver';
import { NetworkSqlDriver, type NetworkTarget } from './networkDriver';

export const mysqlDialect: SqlDialect = {
  name: 'mysql',
  param: () => '?',
  quote: (id) => `\`${id.replace(/`/g, '``')}\``,
  // datetime(6) holds naive UTC (Django's default connection time zone); dateStrings keeps it text.
  selectExpiry: (column) => column,
  timestampParam: () => '?',
  // Expanded form: MySQL's range optimizer uses the expire_date index for it (row values it does not).
  before: (e, k) => `(${e} < ? OR (${e} = ? AND ${k} < ?))`,
  beforeParams: (expiry, key) => [expiry, expiry, key],
};

export type MysqlTarget = NetworkTarget;

export class MysqlDriver extends NetworkSqlDriver<Connection> {
  readonly dialect = mysqlDialect;
  protected readonly beginReadOnly = 'START TRANSACTION READ ONLY';
  protected readonly beginReadWrite = 'START TRANSACTION';

  protected async query(connection: Connection, sql: string, params: unknown[]): Promise<RunResult> {
    const [result] = await connection.query({ sql, values: params, timeout: this.target.timeoutMs });
    if (Array.isArray(result)) return { rows: result as Record<string, unknown>[], affected: 0 };
    return { rows: [], affected: (result as { affectedRows?: number }).affectedRows ?? 0 };
  }

  protected end(connection: Connection): Promise<void> {
    return connection.end();
  }

  protected async open(): Promise<Connection> {
    const mysql = await import('mysql2/promise');
    const t = this.target;
    try {
      const connection = await (mysql.default ?? mysql).createConnection({
        host: t.host, port: t.port, database: t.database, user: t.user, password: t.password,
        ssl: t.tls ? {} : undefined, connectTimeout: t.timeoutMs, dateStrings: true, supportBigNumbers: true,
      });
      // A dropped connection emits 'error'; forget it so the next call reconnects.
      connection.on('error', () => this.forget());
      return connection;
    } catch (error) {
      throw this.translate(error);
    }
  }

  protected translate(error: unknown): Error {
    if (error instanceof StoreError) return error;
    const where = `MySQL ${this.target.host}:${this.target.port}/${this.target.database}`;
    const net = unreachable(error, where);
    if (net) return net;
    const e = error as { code?: string; message?: string };
    const message = e.message ?? String(error);
    if (e.code === 'PROTOCOL_SEQUENCE_TIMEOUT' || /timeout|timed out/i.test(message)) {
      return new StoreError('timeout', `${where} did not answer within ${this.target.timeoutMs / 1000} s`);
    }
    if (e.code === 'ER_NO_SUCH_TABLE') return new StoreError('missing-table', `${where}: ${message} (has "migrate" run?)`);
    if (e.code === 'ER_TABLEACCESS_DENIED_ERROR' || e.code === 'ER_DBACCESS_DENIED_ERROR') {
      return new StoreError('permission', `${where}: ${message}`);
    }
    if (e.code === 'ER_ACCESS_DENIED_ERROR') return new StoreError('auth', `${where}: access denied for "${this.target.user}" (set the password in the store's password variable or SecretStorage)`);
    return new StoreError('driver', `${where}: ${message}`);
  }
}
