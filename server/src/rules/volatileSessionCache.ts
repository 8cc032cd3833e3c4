import { ENGINE_PREFIX, locate, setSettingFix } from './helpers';
import { DUMMY, LOCMEM, sessionCache } from './cacheSessionBackend';
import type { Rule } from './types';

export const volatileSessionCache: Rule = {
  code: 'DS207',
  name: 'session-cache-not-shared',
  djangoIds: [],
  deploy: false,
  summary: 'Cache sessions on LocMemCache or DummyCache',
  docs: {
    whatItDoes: 'Reports the cache or cached_db session engine on a LocMemCache (per process) or DummyCache (stores nothing).',
    whyIsThisBad: 'LocMemCache lives in one worker process: with several workers users are logged out at random, and every restart logs everyone out. With DummyCache the cache engine stores nothing at all, so nobody stays logged in.',
    example: "SESSION_ENGINE = 'django.contrib.sessions.backends.cache'\nCACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}",
    fix: 'Point SESSION_CACHE_ALIAS at a shared cache (Redis, Memcached) or use the db / cached_db engine.',
  },
  severity: { production: 'warning', development: 'off' },
  check(ctx) {
    const c = sessionCache(ctx);
    if (!c || (c.backend !== LOCMEM && c.backend !== DUMMY)) return [];
    const dummy = c.backend === DUMMY;
    const what = dummy
      ? c.engine === 'cache' ? 'stores nothing: sessions are lost after every request' : 'stores nothing: every session read goes to the database'
      : 'lives inside each worker process: sessions are not shared between workers and vanish on restart';
    return [{
      message: `Sessions use the '${c.alias}' cache, a ${dummy ? 'DummyCache' : 'LocMemCache'}${c.clause}, which ${what}.`,
      at: locate(ctx, c.engineSetting, c.caches),
      fixes: c.engine === 'cache' ? setSettingFix(ctx, c.engineSetting, `'${ENGINE_PREFIX}db'`, 'Use the database session engine') : [],
    }];
  },
};
