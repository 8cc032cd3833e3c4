// The db backend (`django_session` or a custom table) over any SqlDriver: keyset paging newest
// expiry first, read-only transactions for reads, Django's clear_expired for clearsessions.
import { decodeSessionData } from '../../codec';
import type { DecodedSession } from '../../codec/types';
import type { AdapterContext } from '../context';
import { decodeCursor, encodeCursor, pageLimit } from '../cursor';
import { liveSession, matchesFilter, undecodable } from '../live';
import { maskSessionKey } from '../mask';
import type { ClearResult, LiveSession, Page, PageRequest, SessionStoreAdapter, StoreConfig } from '../types';
import { checkedTable, type SqlDriver } from './driver';
import { isoFromNaiveUtc, naiveUtc, sessionQueries, type SessionQueries } from './queries';

interface KeysetCursor { e: string; k: string }
const isKeyset = (v: unknown): v is KeysetCursor =>
  !!v && typeof (v as KeysetCursor).e === 'string' && typeof (v as KeysetCursor).k === 'string';

/** With a filter, at most this many rows are read for one page before handing back a cursor. */
const MAX_ROWS_PER_FILTERED_PAGE = 2000;

interface Row { key: string; data: string; expiry: string }

export class DbSessionAdapter implements SessionStoreAdapter {
  private readonly sql: SessionQueries;

  constructor(readonly config: StoreConfig, private readonly driver: SqlDriver, private readonly ctx: AdapterContext) {
    this.sql = sessionQueries(driver.dialect, checkedTable(config.table));
  }

  async list(request: PageRequest): Promise<Page> {
    const limit = pageLimit(request.limit);
    const batch = request.filter ? Math.max(limit, 200) : limit;
    let state = request.cursor ? decodeCursor(request.cursor, isKeyset) : undefined;
    const sessions: LiveSession[] = [];
    const errors: string[] = [];
    let read = 0;
    for (;;) {
      const rows = await this.fetch(state, batch + 1);
      const more = rows.length > batch;
      const shown = rows.slice(0, batch);
      for (const [i, row] of shown.entries()) {
        read++;
        const session = this.toSession(row, errors);
        if (matchesFilter(session, request.filter)) sessions.push(session);
        if (sessions.length === limit) {
          const rest = i < shown.length - 1 || more;
          return { sessions, errors, cursor: rest ? encodeCursor({ e: row.expiry, k: row.key }) : undefined };
        }
      }
      const last = shown.at(-1);
      if (!more || !last) return { sessions, errors };
      state = { e: last.expiry, k: last.key };
      if (read >= MAX_ROWS_PER_FILTERED_PAGE) return { sessions, errors, cursor: encodeCursor(state) };
    }
  }

  async count(): Promise<number> {
    const { rows } = await this.driver.read((run) => run(this.sql.count, []));
    return Number(rows[0]?.n ?? 0);
  }

  async get(key: string): Promise<LiveSession | null> {
    const { rows } = await this.driver.read((run) => run(this.sql.get, [key]));
    const row = rows[0];
    return row ? this.toSession(rowOf(row), []) : null;
  }

  async delete(key: string): Promise<boolean> {
    const { affected } = await this.driver.write((run) => run(this.sql.delete, [key]));
    return affected > 0;
  }

  async clearExpired(): Promise<ClearResult> {
    const now = naiveUtc(this.ctx.now());
    const { affected } = await this.driver.write((run) => run(this.sql.clearExpired, [now]));
    return { deleted: affected };
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  /** Decodes one row exactly as the store's SessionStore.decode would (salt from the config). */
  decodeRow(row: Row): DecodedSession {
    try {
      return decodeSessionData(row.data, { secrets: this.ctx.secrets, salt: this.config.salt, now: this.ctx.now() });
    } catch (error) {
      return undecodable((error as Error).message);
    }
  }

  private async fetch(state: KeysetCursor | undefined, limit: number): Promise<Row[]> {
    const { rows } = await this.driver.read((run) =>
      state
        ? run(this.sql.nextPage(limit), this.driver.dialect.beforeParams(state.e, state.k))
        : run(this.sql.firstPage(limit), []),
    );
    return rows.map(rowOf);
  }

  private toSession(row: Row, errors: string[]): LiveSession {
    const decoded = this.decodeRow(row);
    if (decoded.status === 'undecodable') errors.push(`${maskSessionKey(row.key)}: ${decoded.reason ?? 'undecodable'}`);
    const facts = { expires: isoFromNaiveUtc(row.expiry), size: Buffer.byteLength(row.data, 'utf8') };
    return liveSession(row.key, decoded, facts, this.ctx.now());
  }
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return value === null || value === undefined ? '' : String(value);
}

function rowOf(raw: Record<string, unknown>): Row {
  return { key: text(raw.session_key), data: text(raw.session_data), expiry: text(raw.expire_at) };
}
