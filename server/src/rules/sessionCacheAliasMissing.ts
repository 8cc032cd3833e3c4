import { locate, setSettingFix } from './helpers';
import { sessionCache } from './cacheSessionBackend';
import type { Rule } from './types';

export const sessionCacheAliasMissing: Rule = {
  code: 'DS209',
  name: 'session-cache-alias-missing',
  djangoIds: [],
  deploy: false,
  summary: 'SESSION_CACHE_ALIAS names no entry of CACHES',
  docs: {
    whatItDoes: 'Reports the cache or cached_db engine with a SESSION_CACHE_ALIAS that CACHES does not define.',
    whyIsThisBad: 'Django raises InvalidCacheBackendError on every request that touches the session.',
    example: "SESSION_ENGINE = 'django.contrib.sessions.backends.cache'\nSESSION_CACHE_ALIAS = 'sessions'\nCACHES = {'default': {...}}",
    fix: "Add a 'sessions' entry to CACHES, or set SESSION_CACHE_ALIAS to an existing alias.",
  },
  severity: { production: 'error', development: 'error' },
  check(ctx) {
    const c = sessionCache(ctx);
    if (!c || c.backend !== undefined) return [];
    const all = c.caches.resolved.known ? c.caches.resolved.value : {};
    const aliases = all && typeof all === 'object' && !Array.isArray(all) ? Object.keys(all) : [];
    return [{
      message: `SESSION_CACHE_ALIAS is '${c.alias}' but CACHES has no such entry${aliases.length ? ` (it has ${aliases.map((a) => `'${a}'`).join(', ')})` : ''}${c.clause}: every session access fails.`,
      at: locate(ctx, c.aliasSetting, c.engineSetting),
      fixes: aliases.length ? setSettingFix(ctx, c.aliasSetting, `'${aliases[0]}'`, `Use the '${aliases[0]}' cache`) : [],
    }];
  },
};
