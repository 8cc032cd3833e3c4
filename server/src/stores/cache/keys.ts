// Django's cache key for a session: KEY_FUNCTION(key, KEY_PREFIX, VERSION), by default
// `<prefix>:<version>:<key>`, where key is the backend's constant prefix + the session key.
import type { StoreConfig } from '../types';

export const CACHE_SESSION_PREFIX = 'django.contrib.sessions.cache';
export const CACHED_DB_SESSION_PREFIX = 'django.contrib.sessions.cached_db';

/** A KEY_FUNCTION given as a format with `{prefix}`, `{version}` and `{key}` (Django's default below). */
export const DEFAULT_KEY_FORMAT = '{prefix}:{version}:{key}';

export interface CacheKeying {
  prefix: string;
  version: number;
  format: string;
  /** `django.contrib.sessions.cache` or `...cached_db`. */
  sessionPrefix: string;
}

export function keyingFor(config: StoreConfig, sessionPrefix: string): CacheKeying {
  const format = config.keyFormat ?? DEFAULT_KEY_FORMAT;
  if (format.split('{key}').length !== 2) throw new Error(`key format "${format}" must contain {key} exactly once`);
  return { prefix: config.keyPrefix ?? '', version: config.keyVersion ?? 1, format, sessionPrefix };
}

function parts(k: CacheKeying): [string, string] {
  const filled = k.format.replaceAll('{prefix}', k.prefix).replaceAll('{version}', String(k.version));
  const [before, after] = filled.split('{key}') as [string, string];
  return [before + k.sessionPrefix, after];
}

export function cacheKeyOf(k: CacheKeying, sessionKey: string): string {
  const [before, after] = parts(k);
  return before + sessionKey + after;
}

/** The session key inside a cache key, or null when the cache key is not one of ours. */
export function sessionKeyOf(k: CacheKeying, cacheKey: string): string | null {
  const [before, after] = parts(k);
  if (!cacheKey.startsWith(before) || !cacheKey.endsWith(after) || cacheKey.length <= before.length + after.length) return null;
  // "...sessions.cache" is a prefix of "...sessions.cached_db": those keys belong to cached_db.
  if (k.sessionPrefix === CACHE_SESSION_PREFIX && sessionKeyOf({ ...k, sessionPrefix: CACHED_DB_SESSION_PREFIX }, cacheKey) !== null) return null;
  return cacheKey.slice(before.length, cacheKey.length - after.length);
}

/** Redis SCAN MATCH pattern: the literal parts glob-escaped, `*` where the session key goes. */
export function scanPattern(k: CacheKeying): string {
  const escape = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');
  const [before, after] = parts(k);
  return `${escape(before)}*${escape(after)}`;
}
