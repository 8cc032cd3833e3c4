// Store URLs, as the CLI's `--store` and `djangoSessions.stores[].url` give them (never a password):
//   sqlite:PATH[?table=]                      postgres://user@host:port/db[?table=&passwordEnv=&tls=1]
//   mysql://user@host:port/db[?table=]        redis[s]://[user@]host:port/db?prefix=&version=&client=django|django-redis
//   redis+cluster://h:p,h:p?...               redis+sentinel://h:p,h:p/master/db?...
//   memcached://host:port?prefix=&version=    file:DIR?cookie=sessionid&age=1209600
//   signed_cookies:?age=1209600               cached_db: the db URL + `cache=<encoded cache URL>`
import { isAbsolute, resolve } from 'node:path';
import { StoreError } from './errors';
import type { StoreConfig, StoreEngine } from './types';

export const SESSION_STORE_SALT = 'django.contrib.sessions.SessionStore';
export const DB_PASSWORD_ENV = 'DJANGO_SESSIONS_DB_PASSWORD';
export const CACHE_PASSWORD_ENV = 'DJANGO_SESSIONS_CACHE_PASSWORD';

const serializers = ['pickle', 'json', 'msgpack'] as const;
const compressors = ['none', 'zlib', 'gzip', 'lzma', 'lz4', 'zstd'] as const;

export interface UrlOptions {
  /** Relative sqlite/file paths resolve against it (the project root). */
  root?: string;
  engine?: StoreEngine;
  label?: string;
  table?: string;
  keyPrefix?: string;
}

export function parseStoreUrl(url: string, options: UrlOptions = {}): StoreConfig {
  const scheme = /^([a-z][a-z0-9+_-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (!scheme) throw new StoreError('bad-config', `store URL "${redact(url)}" has no scheme (sqlite:, postgres://, mysql://, redis://, memcached://, file:)`);
  const [body, query = ''] = splitQuery(url.slice(scheme.length + 1));
  const q = new URLSearchParams(query);
  const config = parseBody(scheme, body, q, options);
  config.label = options.label ?? config.label;
  if (config.engine === 'cached_db') {
    const cacheUrl = q.get('cache');
    if (!cacheUrl) throw new StoreError('bad-config', 'a cached_db store needs `cache=<cache URL>` beside its database URL');
    config.cache = parseStoreUrl(cacheUrl, { root: options.root, engine: 'cache', keyPrefix: options.keyPrefix });
    config.id = `cached_db:${config.id}+${config.cache.id}`;
  }
  return config;
}

function parseBody(scheme: string, body: string, q: URLSearchParams, o: UrlOptions): StoreConfig {
  const table = o.table ?? q.get('table') ?? undefined;
  const dbEngine = o.engine === 'cached_db' ? 'cached_db' : 'db';
  switch (scheme) {
    case 'sqlite': {
      const path = absolute(decodeURIComponent(body.replace(/^\/\/(?=\/)/, '')), o.root);
      return withId({ engine: dbEngine, backend: 'sqlite', path, table, salt: SESSION_STORE_SALT, label: `SQLite ${path}` }, `sqlite:${path}`);
    }
    case 'postgres': case 'postgresql': case 'mysql': case 'mariadb': {
      const u = serverUrl(scheme, body);
      const backend = scheme.startsWith('postgres') ? 'postgres' : 'mysql';
      const port = u.port ? Number(u.port) : backend === 'postgres' ? 5432 : 3306;
      const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
      const user = decodeURIComponent(u.username) || undefined;
      const id = `${backend}://${user ? `${user}@` : ''}${u.hostname}:${port}/${database}${table ? `#${table}` : ''}`;
      return withId({
        engine: dbEngine, backend, host: u.hostname, port, database, user, table, salt: SESSION_STORE_SALT,
        passwordEnv: q.get('passwordEnv') ?? DB_PASSWORD_ENV, tls: q.get('tls') === '1', label: id,
      }, id);
    }
    case 'redis': case 'rediss': case 'redis+cluster': case 'redis+sentinel':
      return redisConfig(scheme, body, q, o);
    case 'memcached': {
      const u = serverUrl(scheme, body);
      const port = u.port ? Number(u.port) : 11211;
      return withId({ engine: 'cache', backend: 'memcached', host: u.hostname, port, ...cacheKeying(q, o), label: `Memcached ${u.hostname}:${port}` },
        `memcached://${u.hostname}:${port}${keyingSuffix(q, o)}`);
    }
    case 'file': {
      const path = absolute(decodeURIComponent(body.replace(/^\/\/(?=\/)/, '')), o.root);
      const cookieName = q.get('cookie') ?? 'sessionid';
      return withId({ engine: 'file', backend: 'file', path, cookieName, sessionCookieAge: int(q.get('age')), salt: SESSION_STORE_SALT, label: `Files ${path}` },
        `file:${path}?cookie=${cookieName}`);
    }
    case 'signed_cookies': case 'signed-cookies':
      return withId({ engine: 'signed_cookies', backend: 'signed_cookies', cookieName: q.get('cookie') ?? 'sessionid', sessionCookieAge: int(q.get('age')), label: 'Signed cookies' }, 'signed_cookies:');
    default:
      throw new StoreError('bad-config', `unknown store URL scheme "${scheme}:"`);
  }
}

function redisConfig(scheme: string, body: string, q: URLSearchParams, o: UrlOptions): StoreConfig {
  const mode: NonNullable<StoreConfig['redisMode']> = scheme === 'redis+cluster' ? 'cluster' : scheme === 'redis+sentinel' ? 'sentinel' : 'single';
  const client: StoreConfig['redisClient'] = q.get('client') === 'django' ? 'django' : 'django-redis';
  const serializer = pick(q.get('serializer'), serializers, 'pickle');
  const compressor = pick(q.get('compressor'), compressors, 'none');
  const base = { engine: 'cache' as const, backend: 'redis' as const, redisClient: client, redisSerializer: serializer, redisCompressor: compressor, ...cacheKeying(q, o), passwordEnv: q.get('passwordEnv') ?? CACHE_PASSWORD_ENV };
  if (mode === 'single') {
    const u = serverUrl(scheme, body);
    const port = u.port ? Number(u.port) : 6379;
    const db = Number(u.pathname.replace(/^\//, '') || 0);
    const id = `${scheme}://${u.hostname}:${port}/${db}${keyingSuffix(q, o)}`;
    return withId({ ...base, redisMode: 'single', host: u.hostname, port, db, username: decodeURIComponent(u.username) || undefined, tls: scheme === 'rediss', label: `Redis ${u.hostname}:${port}/${db}` }, id);
  }
  if (body.includes('@')) throw new StoreError('bad-config', 'put no credentials in a store URL; give the password through its environment variable or SecretStorage');
  const [hosts = '', ...path] = body.replace(/^\/\//, '').split('/');
  const nodes = hosts.split(',').filter(Boolean).map((h) => {
    const [host = '', port] = h.split(':');
    return { host, port: Number(port || (mode === 'sentinel' ? 26379 : 6379)) };
  });
  if (nodes.length === 0) throw new StoreError('bad-config', `${scheme} URL needs host:port nodes`);
  const sentinelMaster = mode === 'sentinel' ? path[0] || 'mymaster' : undefined;
  const db = Number((mode === 'sentinel' ? path[1] : path[0]) || 0);
  // A Cluster has only db 0 (SELECT is refused in cluster mode).
  if (mode === 'cluster' && db !== 0) throw new StoreError('bad-config', 'a Redis Cluster has only db 0; drop the db from the redis+cluster URL');
  const id = `${scheme}://${hosts}${sentinelMaster ? `/${sentinelMaster}` : ''}/${db}${keyingSuffix(q, o)}`;
  return withId({ ...base, redisMode: mode, nodes, sentinelMaster, db, tls: q.get('tls') === '1', label: `Redis ${mode} ${hosts}` }, id);
}

function cacheKeying(q: URLSearchParams, o: UrlOptions) {
  return { keyPrefix: o.keyPrefix ?? q.get('prefix') ?? '', keyVersion: int(q.get('version')) ?? 1, keyFormat: q.get('format') ?? undefined };
}

function keyingSuffix(q: URLSearchParams, o: UrlOptions): string {
  const k = cacheKeying(q, o);
  return `?prefix=${encodeURIComponent(k.keyPrefix)}&version=${k.keyVersion}`;
}

function serverUrl(scheme: string, body: string): URL {
  let u: URL;
  try {
    u = new URL(`${scheme}:${body}`);
  } catch {
    throw new StoreError('bad-config', `cannot parse store URL "${redact(`${scheme}:${body}`)}"`);
  }
  if (u.password) throw new StoreError('bad-config', 'put no password in a store URL; give it through its environment variable or SecretStorage');
  if (!u.hostname) throw new StoreError('bad-config', `store URL "${scheme}:${redact(body)}" has no host`);
  return u;
}

function withId(config: Omit<StoreConfig, 'id' | 'label'> & { label: string }, id: string): StoreConfig {
  return { id, ...config };
}

function splitQuery(text: string): [string, string?] {
  const i = text.indexOf('?');
  return i < 0 ? [text] : [text.slice(0, i), text.slice(i + 1)];
}

function absolute(path: string, root: string | undefined): string {
  if (!path) throw new StoreError('bad-config', 'store URL has an empty path');
  return isAbsolute(path) || !root ? path : resolve(root, path);
}

function int(text: string | null): number | undefined {
  return text !== null && /^\d+$/.test(text) ? Number(text) : undefined;
}

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  if (value === null) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new StoreError('bad-config', `"${value}" is not one of ${allowed.join(', ')}`);
}

function redact(text: string): string {
  return text.replace(/\/\/([^@/]*)@/, (_, cred: string) => `//${cred.split(':')[0]}:***@`);
}
