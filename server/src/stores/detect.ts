// Derives the session store(s) a project uses from its evaluated settings: SESSION_ENGINE,
// DATABASES, CACHES + SESSION_CACHE_ALIAS, SESSION_FILE_PATH, SESSION_COOKIE_NAME/AGE.
// Passwords are never read: each store names the environment variable to set instead.
import { tmpdir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { Known, SettingValue, SettingsModel } from '../settings/types';
import { CACHE_PASSWORD_ENV, DB_PASSWORD_ENV, SESSION_STORE_SALT } from './url';
import type { StoreConfig, StoreEngine } from './types';

export interface Detection {
  stores: StoreConfig[];
  /** What could not be derived and what the user should do (set a variable, configure a store). */
  notes: string[];
}

const ENGINES: Record<string, StoreEngine> = {
  'django.contrib.sessions.backends.db': 'db',
  'django.contrib.sessions.backends.cache': 'cache',
  'django.contrib.sessions.backends.cached_db': 'cached_db',
  'django.contrib.sessions.backends.file': 'file',
  'django.contrib.sessions.backends.signed_cookies': 'signed_cookies',
};

const SERIALIZERS: Record<string, StoreConfig['redisSerializer']> = {
  'django_redis.serializers.pickle.PickleSerializer': 'pickle',
  'django_redis.serializers.json.JSONSerializer': 'json',
  'django_redis.serializers.msgpack.MSGPackSerializer': 'msgpack',
};

const COMPRESSORS: Record<string, StoreConfig['redisCompressor']> = {
  'django_redis.compressors.identity.IdentityCompressor': 'none',
  'django_redis.compressors.zlib.ZlibCompressor': 'zlib',
  'django_redis.compressors.gzip.GzipCompressor': 'gzip',
  'django_redis.compressors.lzma.LzmaCompressor': 'lzma',
  'django_redis.compressors.lz4.Lz4Compressor': 'lz4',
  'django_redis.compressors.zstd.ZStdCompressor': 'zstd',
};

type Dict = { [key: string]: Known };

const PASSWORD_VARIABLE = /PASS|PWD/i;

/** The environment variable a setting reads, when it looks like the password's. */
function passwordVariable(value: SettingValue | undefined): string | undefined {
  return value?.kind === 'env' && PASSWORD_VARIABLE.test(value.variable) ? value.variable : undefined;
}

export function detectStores(model: SettingsModel, root: string): Detection {
  const notes: string[] = [];
  const read = (name: string): Known | undefined => valueOf(model.get(name)?.value, name, notes);
  const engineName = str(read('SESSION_ENGINE')) ?? 'django.contrib.sessions.backends.db';
  const engine = ENGINES[engineName];
  if (!engine) {
    notes.push(`SESSION_ENGINE "${engineName}" is a custom engine: add its store under djangoSessions.stores`);
    return { stores: [], notes };
  }
  const cookieName = str(read('SESSION_COOKIE_NAME')) ?? 'sessionid';
  const sessionCookieAge = num(read('SESSION_COOKIE_AGE')) ?? 1209600;
  const common = { engine, cookieName, sessionCookieAge };

  if (engine === 'signed_cookies') return { stores: [{ ...common, id: 'signed_cookies:', label: 'Signed cookies', backend: 'signed_cookies' }], notes };
  if (engine === 'file') {
    const setting = str(read('SESSION_FILE_PATH'));
    if (!setting) notes.push(`SESSION_FILE_PATH is not set: Django uses the temp directory (${tmpdir()} here)`);
    const path = setting ? absolute(setting, root) : tmpdir();
    return { stores: [{ ...common, id: `file:${path}?cookie=${cookieName}`, label: `Files ${path}`, backend: 'file', path, salt: SESSION_STORE_SALT }], notes };
  }
  const cache = engine === 'db' ? undefined : cacheStore(read, notes);
  if (engine === 'cache') return { stores: cache ? [{ ...cache, ...common }] : [], notes };
  const db = dbStore(read('DATABASES'), passwordVariable(model.get('DATABASES')?.value), root, notes);
  if (!db) return { stores: [], notes };
  if (engine === 'db') return { stores: [{ ...db, ...common }], notes };
  if (!cache) {
    notes.push('cached_db: the cache half is unknown; sessions are listed from the database only');
    return { stores: [{ ...db, ...common, engine: 'db' }], notes };
  }
  return { stores: [{ ...db, ...common, id: `cached_db:${db.id}+${cache.id}`, label: `${db.label} + ${cache.label}`, cache }], notes };
}

function dbStore(databases: Known | undefined, projectPasswordEnv: string | undefined, root: string, notes: string[]): StoreConfig | undefined {
  const db = dict(dict(databases)?.default);
  if (!db) {
    notes.push('DATABASES["default"] is not known statically: add the store under djangoSessions.stores');
    return undefined;
  }
  const backend = str(db.ENGINE) ?? '';
  const name = str(db.NAME);
  const base = { engine: 'db' as const, salt: SESSION_STORE_SALT };
  if (/sqlite3/.test(backend)) {
    if (!name) return void notes.push('DATABASES["default"]["NAME"] (the SQLite file) is not known');
    const path = absolute(name, root);
    return { ...base, id: `sqlite:${path}`, label: `SQLite ${path}`, backend: 'sqlite', path };
  }
  const kind = /postg/.test(backend) ? 'postgres' : /mysql/.test(backend) ? 'mysql' : undefined;
  if (!kind) return void notes.push(`database ENGINE "${backend}" is not supported for live sessions`);
  const host = str(db.HOST) || '127.0.0.1';
  const port = num(db.PORT) ?? (Number(str(db.PORT)) || (kind === 'postgres' ? 5432 : 3306));
  const user = str(db.USER) || undefined;
  const id = `${kind}://${user ? `${user}@` : ''}${host}:${port}/${name ?? ''}`;
  // The project's own password variable (PASSWORD = os.environ.get("DB_PASSWORD")) when it has one.
  const passwordEnv = projectPasswordEnv ?? DB_PASSWORD_ENV;
  notes.push(`${id}: the password is never read from settings; set ${passwordEnv} or store it in SecretStorage`);
  return { ...base, id, label: id, backend: kind, host, port, database: name ?? '', user, passwordEnv };
}

function cacheStore(read: (name: string) => Known | undefined, notes: string[]): StoreConfig | undefined {
  const engine: StoreEngine = 'cache';
  const alias = str(read('SESSION_CACHE_ALIAS')) ?? 'default';
  const cache = dict(dict(read('CACHES'))?.[alias]);
  if (!cache) return void notes.push(`CACHES["${alias}"] is not known statically: add the store under djangoSessions.stores`);
  const backend = str(cache.BACKEND) ?? '';
  const location = Array.isArray(cache.LOCATION) ? str(cache.LOCATION[0]) : str(cache.LOCATION);
  const options = dict(cache.OPTIONS) ?? {};
  const keying = { keyPrefix: str(cache.KEY_PREFIX) ?? '', keyVersion: num(cache.VERSION) ?? 1 };
  if (cache.KEY_FUNCTION !== undefined && cache.KEY_FUNCTION !== null) {
    notes.push(`CACHES["${alias}"]["KEY_FUNCTION"] is custom: give its format as keyFormat ({prefix}, {version}, {key}) in djangoSessions.stores`);
  }
  const suffix = `?prefix=${encodeURIComponent(keying.keyPrefix)}&version=${keying.keyVersion}`;
  if (/redis/i.test(backend)) {
    if (!location) return void notes.push(`CACHES["${alias}"]["LOCATION"] is not known`);
    let u: URL;
    try {
      u = new URL(location.includes('://') ? location : `redis://${location}`);
    } catch {
      return void notes.push(`CACHES["${alias}"]["LOCATION"] is not a Redis URL`);
    }
    if (u.password) notes.push(`the Redis password in LOCATION is never read; set ${CACHE_PASSWORD_ENV} or store it in SecretStorage`);
    const client = backend.startsWith('django_redis') ? 'django-redis' : 'django';
    const serializer = SERIALIZERS[str(options.SERIALIZER) ?? 'django_redis.serializers.pickle.PickleSerializer'];
    const compressor = COMPRESSORS[str(options.COMPRESSOR) ?? 'django_redis.compressors.identity.IdentityCompressor'];
    if (!serializer || !compressor) notes.push(`CACHES["${alias}"] uses a custom django-redis serializer or compressor: values may not decode`);
    const port = Number(u.port || 6379);
    const db = Number(u.pathname.replace(/^\//, '') || (u.searchParams.get('db') ?? 0));
    const id = `${u.protocol.replace(':', '')}://${u.hostname}:${port}/${db}${suffix}`;
    return {
      id, label: `Redis ${u.hostname}:${port}/${db}`, engine, backend: 'redis', host: u.hostname, port, db,
      username: decodeURIComponent(u.username) || undefined, tls: u.protocol === 'rediss:', passwordEnv: CACHE_PASSWORD_ENV,
      redisClient: client, redisSerializer: serializer ?? 'pickle', redisCompressor: compressor ?? 'none', ...keying,
    };
  }
  if (/\.memcached\./.test(backend)) {
    if (!location || location.startsWith('unix:')) return void notes.push(`CACHES["${alias}"]["LOCATION"] must be host:port for live sessions`);
    const [host = '127.0.0.1', port = '11211'] = location.split(':');
    const id = `memcached://${host}:${port}${suffix}`;
    return { id, label: `Memcached ${host}:${port}`, engine, backend: 'memcached', host, port: Number(port), ...keying };
  }
  notes.push(`cache backend "${backend}" cannot be read from outside Django (locmem, db or file caches are not supported yet)`);
  return undefined;
}

/** The value a setting has statically; env-dependent ones use their fallback and say so. */
function valueOf(value: SettingValue | undefined, name: string, notes: string[]): Known | undefined {
  if (!value) return undefined;
  if (value.kind === 'known') return value.value;
  if (value.kind === 'env') {
    // The environment is never read here (it may hold the password): the static default is used.
    if (!PASSWORD_VARIABLE.test(value.variable)) notes.push(`${name} depends on $${value.variable}; using its default`);
    return valueOf(value.fallback, name, notes);
  }
  notes.push(`${name} is not known statically (${value.reason})`);
  return undefined;
}

function str(value: Known | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: Known | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function dict(value: Known | undefined): Dict | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

function absolute(path: string, root: string): string {
  return isAbsolute(path) ? path : resolve(root, path);
}
