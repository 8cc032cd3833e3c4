// One interface for every session store; one adapter per backend implements it.
import type { DecodedSession } from '../codec/types';

export type StoreEngine = 'db' | 'cache' | 'cached_db' | 'file' | 'signed_cookies';
export type StoreBackend = 'sqlite' | 'postgres' | 'mysql' | 'redis' | 'memcached' | 'file' | 'signed_cookies';

/** Everything needed to reach a store, without secrets (passwords come from env or SecretStorage). */
export interface StoreConfig {
  /** Stable id, e.g. `postgres://app@127.0.0.1:5432/shop` without password. */
  id: string;
  label: string;
  engine: StoreEngine;
  backend: StoreBackend;
  /** sqlite: file path; file: directory; others: host/port/database. */
  path?: string;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  /** Name of the environment variable holding the password, never the password. */
  passwordEnv?: string;
  table?: string;
  /** Cache key parts (KEY_PREFIX, VERSION) and the django-redis / Django client flavour. */
  keyPrefix?: string;
  keyVersion?: number;
  /** A simple KEY_FUNCTION as a format: `{prefix}`, `{version}`, `{key}`; default `{prefix}:{version}:{key}`. */
  keyFormat?: string;
  /** Redis database number (the `/n` of the LOCATION url). */
  db?: number;
  /** Redis username (ACL); the password still comes from `passwordEnv` or SecretStorage. */
  username?: string;
  /** Redis Cluster seed nodes, or Sentinel nodes with `sentinelMaster`; replaces host/port. */
  nodes?: { host: string; port: number }[];
  redisMode?: 'single' | 'cluster' | 'sentinel';
  sentinelMaster?: string;
  redisClient?: 'django' | 'django-redis';
  redisSerializer?: 'pickle' | 'json' | 'msgpack';
  redisCompressor?: 'none' | 'zlib' | 'gzip' | 'lzma' | 'lz4' | 'zstd';
  cookieName?: string;
  /** Salt for db/file data: `django.contrib.sessions.` + store class qualname. */
  salt?: string;
  /** For cached_db: the cache half. */
  cache?: StoreConfig;
  sessionCookieAge?: number;
  tls?: boolean;
}

export interface LiveSession extends DecodedSession {
  /** The real session key; shells mask it unless the user reveals it. */
  key: string;
  /** Expiry as the store sees it (expire_date, TTL, file mtime + age), ISO-8601, or null (never). */
  expires: string | null;
  /** Redis/Memcached TTL in seconds when the store has one. */
  ttl?: number | null;
  /** Size of the stored value in bytes. */
  size: number;
  /** cached_db only: whether the cache layer holds this session too. */
  cached?: boolean;
}

export interface PageRequest {
  /** Opaque cursor from the previous page (keyset or SCAN cursor); undefined for the first page. */
  cursor?: string;
  limit: number;
  /** Substring to match in key, user or data. */
  filter?: string;
}

export interface Page {
  sessions: LiveSession[];
  /** Undefined when there is no more. */
  cursor?: string;
  /** Per-session errors that did not stop the page (unreadable value, ...). */
  errors: string[];
}

export interface ClearResult {
  deleted: number;
}

export interface SessionStoreAdapter {
  readonly config: StoreConfig;
  /** Newest expiry first where the store can order; SCAN order for caches. */
  list(page: PageRequest): Promise<Page>;
  count(): Promise<number>;
  get(key: string): Promise<LiveSession | null>;
  /** Deletes one session (both layers for cached_db). Returns whether it existed. */
  delete(key: string): Promise<boolean>;
  /** Exactly what Django's `clearsessions` does for this backend. */
  clearExpired(): Promise<ClearResult>;
  close(): Promise<void>;
}
