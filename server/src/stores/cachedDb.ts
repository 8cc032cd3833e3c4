// cached_db: the database row is the truth (listing, expiry, clearsessions); the cache half is
// shown as presence per session, and delete removes both the row and the cache key, as Django does.
import type { CacheSessionReader } from './cache/adapter';
import type { DbSessionAdapter } from './db/adapter';
import type { ClearResult, LiveSession, Page, PageRequest, SessionStoreAdapter, StoreConfig } from './types';

export class CachedDbSessionAdapter implements SessionStoreAdapter {
  constructor(readonly config: StoreConfig, private readonly db: DbSessionAdapter, private readonly cache: CacheSessionReader) {}

  async list(request: PageRequest): Promise<Page> {
    const page = await this.db.list(request);
    try {
      await Promise.all(page.sessions.map(async (s) => (s.cached = await this.cache.has(s.key))));
    } catch (error) {
      page.errors.push(`cache layer: ${(error as Error).message}`);
    }
    return page;
  }

  count(): Promise<number> {
    return this.db.count();
  }

  async get(key: string): Promise<LiveSession | null> {
    const session = await this.db.get(key);
    if (session) session.cached = await this.cache.has(key).catch(() => undefined);
    return session;
  }

  /** Row first, then the cache key (Django's order); true when either existed. */
  async delete(key: string): Promise<boolean> {
    const row = await this.db.delete(key);
    const cached = await this.cache.delete(key);
    return row || cached;
  }

  /** Inherited from db in Django: expired rows only; the cache relies on its TTL. */
  clearExpired(): Promise<ClearResult> {
    return this.db.clearExpired();
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.db.close(), this.cache.backend.close()]);
  }
}
