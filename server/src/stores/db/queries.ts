// The SQL the db adapter runs, built once per dialect and table. Paging is keyset, newest expiry
// first, so each page is an index range scan on expire_date rather than OFFSET over the table.
import type { SqlDialect } from './driver';

export interface SessionQueries {
  firstPage(limit: number): string;
  nextPage(limit: number): string;
  count: string;
  get: string;
  delete: string;
  /** Django's clear_expired(): strictly earlier than now. */
  clearExpired: string;
}

export function sessionQueries(d: SqlDialect, tableParts: string[]): SessionQueries {
  const table = tableParts.map((p) => d.quote(p)).join('.');
  const key = d.quote('session_key');
  const expiry = d.quote('expire_date');
  const columns = `${key} AS session_key, ${d.quote('session_data')} AS session_data, ${d.selectExpiry(expiry)} AS expire_at`;
  const order = `ORDER BY ${expiry} DESC, ${key} DESC`;
  return {
    firstPage: (limit) => `SELECT ${columns} FROM ${table} ${order} LIMIT ${limit}`,
    nextPage: (limit) => `SELECT ${columns} FROM ${table} WHERE ${d.before(expiry, key, 1, 2)} ${order} LIMIT ${limit}`,
    count: `SELECT COUNT(*) AS n FROM ${table}`,
    get: `SELECT ${columns} FROM ${table} WHERE ${key} = ${d.param(1)}`,
    delete: `DELETE FROM ${table} WHERE ${key} = ${d.param(1)}`,
    clearExpired: `DELETE FROM ${table} WHERE ${expiry} < ${d.timestampParam(1)}`,
  };
}

/** Naive UTC text as Django's SQLite/MySQL adapters write it (`str(datetime)`: no fraction when 0). */
export function naiveUtc(date: Date): string {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const ms = date.getUTCMilliseconds();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${ms ? `.${String(ms * 1000).padStart(6, '0')}` : ''}`;
}

/** `YYYY-MM-DD HH:MM:SS[.f]` (naive UTC) to ISO-8601 with Z. */
export function isoFromNaiveUtc(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?/.exec(text);
  return m ? `${m[1]}T${m[2]}${m[3] ?? ''}Z` : null;
}
