// The little each SQL driver (SQLite, PostgreSQL, MySQL) must provide to the shared db adapter.

export interface RunResult {
  rows: Record<string, unknown>[];
  affected: number;
}

export type Run = (sql: string, params: unknown[]) => Promise<RunResult>;

export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres' | 'mysql';
  /** Placeholder for the i-th (1-based) parameter. */
  param(i: number): string;
  quote(identifier: string): string;
  /** Selects expire_date as naive UTC text `YYYY-MM-DD HH:MM:SS[.ffffff]`, aliased `expire_at` (not the column name: ORDER BY must use the column). */
  selectExpiry(column: string): string;
  /** A timestamp parameter given as naive UTC text, in a form comparable with the column. */
  timestampParam(i: number): string;
  /** Keyset predicate "(expire_date, session_key) < (p_e, p_k)" for newest-first paging. */
  before(expiry: string, key: string, pe: number, pk: number): string;
  /** The parameters `before` binds, in placeholder order. */
  beforeParams(expiry: string, key: string): unknown[];
}

export interface SqlDriver {
  readonly dialect: SqlDialect;
  /** Runs `work` in a read-only transaction (or a read-only connection). */
  read<T>(work: (run: Run) => Promise<T>): Promise<T>;
  /** Runs `work` in a read-write transaction; only delete and clearExpired call it. */
  write<T>(work: (run: Run) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Table names come from settings or user config: only plain (optionally schema-qualified) identifiers. */
export function checkedTable(table: string | undefined): string[] {
  const name = table ?? 'django_session';
  if (!/^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/.test(name)) {
    throw new Error(`invalid table name "${name}"`);
  }
  return name.split('.');
}
