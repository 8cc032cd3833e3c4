// What the cache session adapter needs from a cache server (Redis, Memcached): enumerate keys
// by prefix, fetch raw values with their TTL, delete.
import type { CacheKeying } from './keys';

export interface CacheEntry {
  key: string;
  /** Raw stored bytes; null when the key does not exist (any more). */
  value: Buffer | null;
  /** Memcached flags (the client's serializer marker). */
  flags?: number;
  /** Seconds left; null = no expiry; undefined = the server cannot tell. */
  ttl?: number | null;
}

export interface ScanResult {
  keys: string[];
  /** Undefined when the enumeration is complete. */
  cursor?: string;
}

export interface CacheBackend {
  /** e.g. `Redis 127.0.0.1:6379/0`, for messages. */
  readonly where: string;
  /** About `want` cache keys matching the session prefix, resuming at `cursor`. */
  scan(keying: CacheKeying, cursor: string | undefined, want: number): Promise<ScanResult>;
  fetch(keys: string[]): Promise<CacheEntry[]>;
  countKeys(keying: CacheKeying): Promise<number>;
  /** Deletes keys; returns how many existed. */
  remove(keys: string[]): Promise<number>;
  close(): Promise<void>;
}
