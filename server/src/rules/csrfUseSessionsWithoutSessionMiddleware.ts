import { truthy } from '../settings/values';
import { clauseFor, CSRF_MIDDLEWARE, knownStrings, locate, SESSION_MIDDLEWARE } from './helpers';
import type { Rule } from './types';

export const csrfUseSessionsWithoutSessionMiddleware: Rule = {
  code: 'DS201',
  name: 'csrf-use-sessions-without-session-middleware',
  djangoIds: [],
  deploy: false,
  summary: 'CSRF_USE_SESSIONS is on but SessionMiddleware is missing or after CsrfViewMiddleware',
  docs: {
    whatItDoes: 'Reports CSRF_USE_SESSIONS = True while SessionMiddleware is not in MIDDLEWARE, or comes after CsrfViewMiddleware.',
    whyIsThisBad: 'With CSRF_USE_SESSIONS the CSRF token lives in request.session; CsrfViewMiddleware raises ImproperlyConfigured on every request when the session is not there yet.',
    example: "CSRF_USE_SESSIONS = True\nMIDDLEWARE = ['django.middleware.csrf.CsrfViewMiddleware']",
    fix: "Put 'django.contrib.sessions.middleware.SessionMiddleware' before 'django.middleware.csrf.CsrfViewMiddleware'.",
  },
  severity: { production: 'error', development: 'error' },
  check(ctx) {
    const useSessions = ctx.setting('CSRF_USE_SESSIONS');
    const middlewareSetting = ctx.setting('MIDDLEWARE');
    const middleware = knownStrings(middlewareSetting);
    if (!useSessions.resolved.known || !truthy(useSessions.resolved.value) || !middleware) return [];
    const session = middleware.indexOf(SESSION_MIDDLEWARE);
    const csrf = middleware.indexOf(CSRF_MIDDLEWARE);
    const clause = clauseFor(useSessions, middlewareSetting);
    if (session < 0) return [{ message: `CSRF_USE_SESSIONS is True${clause} but SessionMiddleware is not in MIDDLEWARE: every request with CSRF protection fails.`, at: locate(ctx, useSessions, middlewareSetting) }];
    if (csrf >= 0 && csrf < session) return [{ message: `CSRF_USE_SESSIONS is True${clause} but CsrfViewMiddleware comes before SessionMiddleware: the session does not exist yet when the token is read.`, at: locate(ctx, middlewareSetting) }];
    return [];
  },
};
