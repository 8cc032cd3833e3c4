// What the PostgreSQL and MySQL drivers share: one lazily opened connection per adapter, forgotten
// when it fails so the next call reconnects, and every unit of work inside BEGIN ... COMMIT.
import type { Run, RunResult, SqlDialect, SqlDriver } from './driver';

export interface NetworkTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  tls?: boolean;
  timeoutMs: number;
}

export abstract class NetworkSqlDriver<Connection> implements SqlDriver {
  abstract readonly dialect: SqlDialect;
  protected abstract readonly beginReadOnly: string;
  protected abstract readonly beginReadWrite: string;
  private connection: Promise<Connection> | undefined;

  constructor(protected readonly target: NetworkTarget) {}

  /** Opens a connection; failures are already translated. */
  protected abstract open(): Promise<Connection>;
  protected abstract query(connection: Connection, sql: string, params: unknown[]): Promise<RunResult>;
  protected abstract end(connection: Connection): Promise<void>;
  /** A driver error as a StoreError with a message that names the server, never a secret. */
  protected abstract translate(error: unknown): Error;

  read<T>(work: (run: Run) => Promise<T>): Promise<T> {
    return this.transaction(this.beginReadOnly, work);
  }

  write<T>(work: (run: Run) => Promise<T>): Promise<T> {
    return this.transaction(this.beginReadWrite, work);
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await connection.then((c) => this.end(c)).catch(() => undefined);
  }

  /** A dropped connection: the next call opens a new one. */
  protected forget(): void {
    this.connection = undefined;
  }

  private async transaction<T>(begin: string, work: (run: Run) => Promise<T>): Promise<T> {
    const connection = await this.connect();
    const run: Run = async (sql, params) => {
      try {
        return await this.query(connection, sql, params);
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
      await this.query(connection, 'ROLLBACK', []).catch(() => undefined);
      throw error;
    }
  }

  private connect(): Promise<Connection> {
    if (!this.connection) {
      this.connection = this.open();
      this.connection.catch(() => this.forget());
    }
    return this.connection;
  }
}
