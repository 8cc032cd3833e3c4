// Builds the adapter for a StoreConfig. Drivers load lazily inside each adapter, so listing a
// Redis store never loads pg or the SQLite wasm.
import { CacheSessionAdapter, CacheSessionReader } from './cache/adapter';
import type { CacheBackend } from './cache/backend';
import { CACHE_SESSION_PREFIX, CACHED_DB_SESSION_PREFIX, keyingFor } from './cache/keys';
import { MemcachedBackend } from './cache/memcached';
import { RedisBackend } from './cache/redis';
import type { ValueFlavour } from './cache/values';
import { CachedDbSessionAdapter } from './cachedDb';
import { passwordFor, type AdapterContext } from './context';
import { DbSessionAdapter } from './db/adapter';
import type { SqlDriver } from './db/driver';
import { MysqlDriver } from './db/mysql';
import { PostgresDriver } from './db/postgres';
import { SqliteDriver } from './db/sqlite';
import { StoreError } from './errors';
import { FileSessionAdapter } from './file';
import { SignedCookieAdapter } from './signedCookies';
import type { SessionStoreAdapter, StoreConfig } from './types';

/** Cap on a decompressed cache value (a small value can inflate to gigabytes). */
const MAX_VALUE_BYTES = 16 * 1024 * 1024;

export function createAdapter(config: StoreConfig, ctx: AdapterContext): SessionStoreAdapter {
  switch (config.engine) {
    case 'db':
      return dbAdapter(config, ctx);
    case 'cache':
      return new CacheSessionAdapter(config, cacheReader(config, CACHE_SESSION_PREFIX, ctx));
    case 'cached_db': {
      if (!config.cache) throw new StoreError('bad-config', 'cached_db store without its cache half');
      return new CachedDbSessionAdapter(config, dbAdapter(config, ctx), cacheReader(config.cache, CACHED_DB_SESSION_PREFIX, ctx));
    }
    case 'file':
      return new FileSessionAdapter(config, ctx);
    case 'signed_cookies':
      return new SignedCookieAdapter(config, ctx);
  }
}

function dbAdapter(config: StoreConfig, ctx: AdapterContext): DbSessionAdapter {
  return new DbSessionAdapter(config, sqlDriver(config, ctx), ctx);
}

function sqlDriver(c: StoreConfig, ctx: AdapterContext): SqlDriver {
  if (c.backend === 'sqlite') {
    if (!c.path) throw new StoreError('bad-config', 'SQLite store without a database path');
    return new SqliteDriver(c.path);
  }
  const target = {
    host: c.host ?? '127.0.0.1', database: c.database ?? '', user: c.user ?? '',
    password: passwordFor(ctx, c.passwordEnv), tls: c.tls, timeoutMs: ctx.timeoutMs,
  };
  if (c.backend === 'postgres') return new PostgresDriver({ ...target, port: c.port ?? 5432 });
  if (c.backend === 'mysql') return new MysqlDriver({ ...target, port: c.port ?? 3306 });
  throw new StoreError('bad-config', `a ${c.engine} store cannot use backend ${c.backend}`);
}

function cacheReader(c: StoreConfig, sessionPrefix: string, ctx: AdapterContext): CacheSessionReader {
  let backend: CacheBackend;
  let flavour: ValueFlavour;
  if (c.backend === 'redis') {
    backend = new RedisBackend({
      mode: c.redisMode ?? 'single', host: c.host ?? '127.0.0.1', port: c.port ?? 6379, nodes: c.nodes ?? [],
      sentinelMaster: c.sentinelMaster, db: c.db ?? 0, username: c.username,
      password: passwordFor(ctx, c.passwordEnv), tls: !!c.tls, timeoutMs: ctx.timeoutMs,
    });
    flavour = { client: c.redisClient ?? 'django-redis', serializer: c.redisSerializer ?? 'pickle', compressor: c.redisCompressor ?? 'none', maxBytes: MAX_VALUE_BYTES };
  } else if (c.backend === 'memcached') {
    backend = new MemcachedBackend(c.host ?? '127.0.0.1', c.port ?? 11211, ctx.timeoutMs);
    flavour = { client: 'pymemcache', serializer: 'pickle', compressor: 'none', maxBytes: MAX_VALUE_BYTES };
  } else {
    throw new StoreError('bad-config', `a cache store cannot use backend ${c.backend}`);
  }
  return new CacheSessionReader(backend, keyingFor(c, sessionPrefix), flavour, ctx);
}
