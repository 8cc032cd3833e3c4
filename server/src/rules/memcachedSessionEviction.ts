import { ENGINE_PREFIX, locate, setSettingFix } from './helpers';
import { memcachedBackends, sessionCache } from './cacheSessionBackend';
import type { Rule } from './types';

export const memcachedSessionEviction: Rule = {
  code: 'DS208',
  name: 'sessions-only-in-memcached',
  djangoIds: [],
  deploy: false,
  summary: 'The cache session engine on Memcached',
  docs: {
    whatItDoes: 'Reports SESSION_ENGINE = cache when the session cache is Memcached.',
    whyIsThisBad: 'Memcached evicts entries when it is full and forgets everything on restart: users are logged out without warning. Django\'s docs recommend cached_db for persistent sessions.',
    example: "SESSION_ENGINE = 'django.contrib.sessions.backends.cache'\nCACHES = {'default': {'BACKEND': 'django.core.cache.backends.memcached.PyMemcacheCache', 'LOCATION': '127.0.0.1:11211'}}",
    fix: "SESSION_ENGINE = 'django.contrib.sessions.backends.cached_db'",
  },
  severity: { production: 'info', development: 'off' },
  check(ctx) {
    const c = sessionCache(ctx);
    if (!c || c.engine !== 'cache' || !c.backend || !memcachedBackends.includes(c.backend)) return [];
    return [{
      message: `Sessions live only in Memcached ('${c.alias}')${c.clause}: eviction or a restart logs users out. cached_db keeps the speed and survives eviction.`,
      at: locate(ctx, c.engineSetting),
      fixes: setSettingFix(ctx, c.engineSetting, `'${ENGINE_PREFIX}cached_db'`, 'Use cached_db'),
    }];
  },
};
