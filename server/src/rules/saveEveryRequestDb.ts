import { truthy } from '../settings/values';
import { clauseFor, ENGINE_PREFIX, locate, setSettingFix } from './helpers';
import type { Rule } from './types';

export const saveEveryRequestDb: Rule = {
  code: 'DS217',
  name: 'save-every-request-with-db',
  djangoIds: [],
  deploy: false,
  summary: 'SESSION_SAVE_EVERY_REQUEST with the database engine',
  docs: {
    whatItDoes: 'Reports SESSION_SAVE_EVERY_REQUEST = True with the db or cached_db engine.',
    whyIsThisBad: 'Every request that has a session then writes the session row (an UPDATE, plus a cache write for cached_db), even when nothing changed: a database write per page view.',
    example: 'SESSION_SAVE_EVERY_REQUEST = True',
    fix: 'Set request.session.modified = True where a change needs saving, and drop SESSION_SAVE_EVERY_REQUEST.',
  },
  severity: { production: 'info', development: 'off' },
  check(ctx) {
    const every = ctx.setting('SESSION_SAVE_EVERY_REQUEST');
    const engine = ctx.setting('SESSION_ENGINE');
    if (!every.resolved.known || !engine.resolved.known || !truthy(every.resolved.value)) return [];
    if (engine.resolved.value !== `${ENGINE_PREFIX}db` && engine.resolved.value !== `${ENGINE_PREFIX}cached_db`) return [];
    return [{ message: `SESSION_SAVE_EVERY_REQUEST with database sessions${clauseFor(every, engine)} writes the session row on every request.`, at: locate(ctx, every), fixes: setSettingFix(ctx, every, 'False') }];
  },
};
