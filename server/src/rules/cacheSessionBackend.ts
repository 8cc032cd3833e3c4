// Shared by the cache-backed session rules: which cache the session engine uses.
import { clauseFor, ENGINE_PREFIX } from './helpers';
import type { EffectiveSetting, RuleContext } from './types';

export interface SessionCache {
  engine: 'cache' | 'cached_db';
  alias: string;
  /** The CACHES entry, or undefined when the alias is missing. */
  backend: string | undefined;
  caches: EffectiveSetting;
  aliasSetting: EffectiveSetting;
  engineSetting: EffectiveSetting;
  clause: string;
}

export function sessionCache(ctx: RuleContext): SessionCache | undefined {
  const engineSetting = ctx.setting('SESSION_ENGINE');
  const aliasSetting = ctx.setting('SESSION_CACHE_ALIAS');
  const caches = ctx.setting('CACHES');
  if (!engineSetting.resolved.known || !aliasSetting.resolved.known || !caches.resolved.known) return undefined;
  const engine = engineSetting.resolved.value === `${ENGINE_PREFIX}cache` ? 'cache' : engineSetting.resolved.value === `${ENGINE_PREFIX}cached_db` ? 'cached_db' : undefined;
  const alias = aliasSetting.resolved.value;
  const all = caches.resolved.value;
  if (!engine || typeof alias !== 'string' || !all || typeof all !== 'object' || Array.isArray(all)) return undefined;
  const entry = all[alias];
  const backend = entry && typeof entry === 'object' && !Array.isArray(entry) && typeof entry.BACKEND === 'string' ? entry.BACKEND : undefined;
  if (entry !== undefined && backend === undefined) return undefined;
  return { engine, alias, backend, caches, aliasSetting, engineSetting, clause: clauseFor(engineSetting, aliasSetting, caches) };
}

export const memcachedBackends = [
  'django.core.cache.backends.memcached.MemcachedCache',
  'django.core.cache.backends.memcached.PyMemcacheCache',
  'django.core.cache.backends.memcached.PyLibMCCache',
];
export const LOCMEM = 'django.core.cache.backends.locmem.LocMemCache';
export const DUMMY = 'django.core.cache.backends.dummy.DummyCache';
