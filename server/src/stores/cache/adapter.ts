// The cache backend (SESSION_ENGINE = ...cache): the value is the raw session dict serialized by
// the cache client; liveness is the cache's TTL. clearsessions is a no-op there, as in Django.
import type { AdapterContext } from '../context';
import { liveSession, matchesFilter } from '../live';
import { maskSessionKey } from '../mask';
import type { ClearResult, LiveSession, Page, PageRequest, SessionStoreAdapter, StoreConfig } from '../types';
import { pageLimit } from '../cursor';
import type { CacheBackend, CacheEntry } from './backend';
import { cacheKeyOf, sessionKeyOf, type CacheKeying } from './keys';
import { decodeCacheValue, type ValueFlavour } from './values';

/** At most this many keys are read for one page (sparse filter matches) before handing back a cursor. */
const MAX_KEYS_PER_PAGE = 2000;

export class CacheSessionReader {
  constructor(
    readonly backend: CacheBackend,
    readonly keying: CacheKeying,
    private readonly flavour: ValueFlavour,
    private readonly ctx: AdapterContext,
  ) {}

  async page(request: PageRequest): Promise<Page> {
    const limit = pageLimit(request.limit);
    const sessions: LiveSession[] = [];
    const errors: string[] = [];
    let cursor = request.cursor;
    let read = 0;
    do {
      const scanned = await this.backend.scan(this.keying, cursor, limit);
      cursor = scanned.cursor;
      for (const entry of await this.backend.fetch(scanned.keys)) {
        read++;
        const session = await this.toSession(entry, errors);
        if (session && matchesFilter(session, request.filter)) sessions.push(session);
      }
    } while (cursor !== undefined && sessions.length < limit && read < MAX_KEYS_PER_PAGE);
    return { sessions, errors, cursor };
  }

  async get(sessionKey: string): Promise<LiveSession | null> {
    const [entry] = await this.backend.fetch([cacheKeyOf(this.keying, sessionKey)]);
    return entry ? this.toSession(entry, []) : null;
  }

  async has(sessionKey: string): Promise<boolean> {
    const [entry] = await this.backend.fetch([cacheKeyOf(this.keying, sessionKey)]);
    return !!entry?.value;
  }

  async delete(sessionKey: string): Promise<boolean> {
    return (await this.backend.remove([cacheKeyOf(this.keying, sessionKey)])) > 0;
  }

  private async toSession(entry: CacheEntry, errors: string[]): Promise<LiveSession | null> {
    const key = sessionKeyOf(this.keying, entry.key);
    if (key === null || entry.value === null) return null;
    const now = this.ctx.now();
    const decoded = await decodeCacheValue(entry.value, this.flavour, now, entry.flags);
    if (decoded.status === 'undecodable') errors.push(`${maskSessionKey(key)}: ${decoded.reason ?? 'undecodable'}`);
    const expires = typeof entry.ttl === 'number' ? new Date(now.getTime() + entry.ttl * 1000).toISOString() : null;
    return liveSession(key, decoded, { expires, ttl: entry.ttl, size: entry.value.length }, now);
  }
}

export class CacheSessionAdapter implements SessionStoreAdapter {
  constructor(readonly config: StoreConfig, private readonly reader: CacheSessionReader) {}

  list(request: PageRequest): Promise<Page> {
    return this.reader.page(request);
  }

  count(): Promise<number> {
    return this.reader.backend.countKeys(this.reader.keying);
  }

  get(key: string): Promise<LiveSession | null> {
    return this.reader.get(key);
  }

  delete(key: string): Promise<boolean> {
    return this.reader.delete(key);
  }

  /** Django's cache SessionStore.clear_expired() does nothing: the cache expires keys itself. */
  async clearExpired(): Promise<ClearResult> {
    return { deleted: 0 };
  }

  close(): Promise<void> {
    return this.reader.backend.close();
  }
}
