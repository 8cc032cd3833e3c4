import { clauseFor, ENGINE_PREFIX, knownStrings, locate, SESSION_APP, SESSION_MIDDLEWARE } from './helpers';
import type { Rule } from './types';

export const sessionAppMissing: Rule = {
  code: 'DS215',
  name: 'database-sessions-without-app',
  djangoIds: [],
  deploy: false,
  summary: 'Database sessions without django.contrib.sessions in INSTALLED_APPS',
  docs: {
    whatItDoes: "Reports SessionMiddleware with the db or cached_db engine while 'django.contrib.sessions' is not installed.",
    whyIsThisBad: 'Those engines store sessions in the Session model of django.contrib.sessions: without the app there is no table (and no model), so saving a session fails.',
    example: "INSTALLED_APPS = ['django.contrib.auth']\nMIDDLEWARE = ['django.contrib.sessions.middleware.SessionMiddleware']",
    fix: "Add 'django.contrib.sessions' to INSTALLED_APPS and run migrate, or use the signed_cookies or cache engine.",
  },
  severity: { production: 'error', development: 'error' },
  check(ctx) {
    const appsSetting = ctx.setting('INSTALLED_APPS');
    const middlewareSetting = ctx.setting('MIDDLEWARE');
    const engine = ctx.setting('SESSION_ENGINE');
    const apps = knownStrings(appsSetting);
    const middleware = knownStrings(middlewareSetting);
    if (!apps || !middleware || !engine.resolved.known) return [];
    const dbEngine = engine.resolved.value === `${ENGINE_PREFIX}db` || engine.resolved.value === `${ENGINE_PREFIX}cached_db`;
    if (!dbEngine || !middleware.includes(SESSION_MIDDLEWARE) || apps.some((a) => a === SESSION_APP || a.startsWith(`${SESSION_APP}.apps.`))) return [];
    return [{ message: `Sessions are stored in the database but 'django.contrib.sessions' is not in INSTALLED_APPS${clauseFor(appsSetting, engine)}: there is no session table.`, at: locate(ctx, appsSetting) }];
  },
};
