// SQLite through node-sqlite3-wasm: WebAssembly (runs inside VS Code's Electron, no native module)
// with real file I/O. Each operation opens its own connection and closes it, so no lock or stale
// schema is held between calls; reads open the file read-only. Caveat (docs/stores.md): its VFS
// locks with a `<db>.lock` directory, which Django's native SQLite does not see, so our writes only
// happen on an explicit confirmation.
import { existsSync } from 'node:fs';
import type { Database } from 'node-sqlite3-wasm';
import { StoreError } from '../errors';
import type { Run, SqlDialect, SqlDriver } from './driver';

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  param: (i) => `?${i}`,
  quote: (id) => `"${id.replace(/"/g, '""')}"`,
  // Django stores `str(datetime)` text (naive UTC); text order is time order.
  selectExpiry: (column) => column,
  timestampParam: (i) => `?${i}`,
  before: (e, k, pe, pk) => `(${e} < ?${pe} OR (${e} = ?${pe} AND ${k} < ?${pk}))`,
  beforeParams: (expiry, key) => [expiry, key],
};

export class SqliteDriver implements SqlDriver {
  readonly dialect = sqliteDialect;

  constructor(private readonly path: string) {}

  /** A read racing a Django write can see a torn page (our locks are invisible to Django): retry once. */
  async read<T>(work: (run: Run) => Promise<T>): Promise<T> {
    try {
      return await this.withDatabase(true, work);
    } catch (error) {
      if (!(error instanceof StoreError) || !/malformed|corrupt/i.test(error.message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return this.withDatabase(true, work);
    }
  }

  write<T>(work: (run: Run) => Promise<T>): Promise<T> {
    return this.withDatabase(false, async (run) => {
      await run('BEGIN IMMEDIATE', []);
      try {
        const result = await work(run);
        await run('COMMIT', []);
        return result;
      } catch (error) {
        await run('ROLLBACK', []).catch(() => undefined);
        throw error;
      }
    });
  }

  async close(): Promise<void> {}

  private async withDatabase<T>(readOnly: boolean, work: (run: Run) => Promise<T>): Promise<T> {
    if (!existsSync(this.path)) throw new StoreError('missing-path', `SQLite database not found: ${this.path}`);
    const sqlite = await import('node-sqlite3-wasm');
    const DatabaseClass = (sqlite.default ?? sqlite).Database;
    let db: Database;
    try {
      db = new DatabaseClass(this.path, readOnly ? { readOnly: true } : { fileMustExist: true });
    } catch (error) {
      throw this.translate(error, 'cannot open ');
    }
    const run: Run = async (sql, params) => {
      const bind = params as (string | number | null)[];
      try {
        if (/^\s*(SELECT|PRAGMA)/i.test(sql)) return { rows: db.all(sql, bind) as Record<string, unknown>[], affected: 0 };
        return { rows: [], affected: db.run(sql, bind).changes };
      } catch (error) {
        throw this.translate(error);
      }
    };
    try {
      return await work(run);
    } finally {
      db.close();
    }
  }

  private translate(error: unknown, doing = ''): StoreError {
    if (error instanceof StoreError) return error;
    const message = (error as Error)?.message ?? String(error);
    const where = `SQLite database ${this.path}`;
    if (/no such table/i.test(message)) return new StoreError('missing-table', `${where}: ${message} (has "migrate" run?)`);
    if (/locked|busy/i.test(message)) {
      return new StoreError('driver', `${where} is locked by another Django Sessions reader; if none is running, remove the stale ${this.path}.lock directory`);
    }
    return new StoreError('driver', `${doing}${where}: ${message}`);
  }
}
