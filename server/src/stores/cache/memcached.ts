// Memcached as Django's PyMemcacheCache uses it: keys are enumerated with `lru_crawler metadump`
// where the server allows it (otherwise list() says so and get/delete by key still work); values
// are read with meta get for flags and TTL.
import { decodeCursor, encodeCursor } from '../cursor';
import { StoreError } from '../errors';
import type { CacheBackend, CacheEntry, ScanResult } from './backend';
import { sessionKeyOf, type CacheKeying } from './keys';
import { CrawlerBusy, MemcachedClient, validMemcachedKey, type DumpedKey } from './memcachedClient';

interface AfterCursor { after: string }
const isAfter = (v: unknown): v is AfterCursor => !!v && typeof (v as AfterCursor).after === 'string';

export class MemcachedBackend implements CacheBackend {
  readonly where: string;
  private readonly client: MemcachedClient;
  private lruWalkOnly = false;

  constructor(host: string, port: number, private readonly timeoutMs: number) {
    this.where = `Memcached ${host}:${port}`;
    this.client = new MemcachedClient(host, port, timeoutMs, this.where);
  }

  /** Metadump has no cursor of its own: keys are sorted and the page resumes after the last one. */
  async scan(keying: CacheKeying, cursor: string | undefined, want: number): Promise<ScanResult> {
    const after = cursor ? decodeCursor(cursor, isAfter).after : undefined;
    const keys = (await this.sessionKeys(keying)).filter((k) => after === undefined || k > after);
    const page = keys.slice(0, want);
    return { keys: page, cursor: keys.length > want ? encodeCursor({ after: page.at(-1) }) : undefined };
  }

  async fetch(keys: string[]): Promise<CacheEntry[]> {
    const entries: CacheEntry[] = [];
    for (const key of keys) {
      if (!validMemcachedKey(key)) {
        entries.push({ key, value: null });
        continue;
      }
      const found = await this.client.metaGet(key);
      entries.push(found ? { key, value: found.value, flags: found.flags, ttl: found.ttl } : { key, value: null });
    }
    return entries;
  }

  async countKeys(keying: CacheKeying): Promise<number> {
    return (await this.sessionKeys(keying)).length;
  }

  async remove(keys: string[]): Promise<number> {
    let removed = 0;
    for (const key of keys) if (validMemcachedKey(key) && (await this.client.delete(key))) removed++;
    return removed;
  }

  async close(): Promise<void> {
    this.client.close();
  }

  private async sessionKeys(keying: CacheKeying): Promise<string[]> {
    const now = Date.now() / 1000;
    // The dump walks the whole cache: idle timeout per chunk, and a longer bound for the whole.
    const keep = (key: string) => sessionKeyOf(keying, key) !== null;
    const deadline = this.timeoutMs * 20;
    const dump = () => this.lruWalkOnly
      ? this.client.metadump(keep, deadline, 'all')
      : this.client.metadump(keep, deadline, 'hash').catch((error: unknown) => {
          // Servers before 1.6.12 only know the LRU walk.
          if (!(error instanceof StoreError) || error.code !== 'unsupported') throw error;
          this.lruWalkOnly = true;
          return this.client.metadump(keep, deadline, 'all');
        });
    const dumped = await retryWhileBusy(dump, this.timeoutMs);
    return dumped.filter((d) => d.exp < 0 || d.exp > now).map((d) => d.key).sort();
  }
}

async function retryWhileBusy(dump: () => Promise<DumpedKey[]>, withinMs: number): Promise<DumpedKey[]> {
  const until = Date.now() + withinMs;
  for (;;) {
    try {
      return await dump();
    } catch (error) {
      if (!(error instanceof CrawlerBusy) || Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
