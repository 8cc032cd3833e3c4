import { AUTH_MIDDLEWARE, clauseFor, isAdminInstalled, knownStrings, locate, mayBeSessionSubclass, rewriteListFix, SESSION_MIDDLEWARE } from './helpers';
import type { Rule } from './types';

export const adminWithoutSessionMiddleware: Rule = {
  code: 'DS306',
  name: 'admin-without-session-middleware',
  djangoIds: ['admin.E410'],
  deploy: false,
  summary: 'The admin is installed but SessionMiddleware is not in MIDDLEWARE',
  docs: {
    whatItDoes: 'Reports django.contrib.admin in INSTALLED_APPS without SessionMiddleware (or a subclass) in MIDDLEWARE, like Django\'s admin.E410.',
    whyIsThisBad: 'The admin logs users in through sessions: without the middleware nobody can log in to it, and Django refuses to start its checks with this error.',
    example: "INSTALLED_APPS = ['django.contrib.admin', ...]\nMIDDLEWARE = ['django.contrib.auth.middleware.AuthenticationMiddleware', ...]",
    fix: "Insert 'django.contrib.sessions.middleware.SessionMiddleware' before AuthenticationMiddleware.",
    versions: 'An error of the admin\'s own checks (reported by `check`, not only `check --deploy`) in 3.2 and 5.2 alike.',
  },
  severity: { production: 'error', development: 'error' },
  check(ctx) {
    const appsSetting = ctx.setting('INSTALLED_APPS');
    const middlewareSetting = ctx.setting('MIDDLEWARE');
    const apps = knownStrings(appsSetting);
    const middleware = knownStrings(middlewareSetting);
    if (!apps || !middleware || !isAdminInstalled(apps)) return [];
    if (middleware.includes(SESSION_MIDDLEWARE) || mayBeSessionSubclass(middleware)) return [];
    const auth = middleware.indexOf(AUTH_MIDDLEWARE);
    const fixed = auth >= 0 ? [...middleware.slice(0, auth), SESSION_MIDDLEWARE, ...middleware.slice(auth)] : [...middleware, SESSION_MIDDLEWARE];
    return [{
      message: `django.contrib.admin is installed but SessionMiddleware is not in MIDDLEWARE${clauseFor(appsSetting, middlewareSetting)}: nobody can log in to the admin.`,
      at: locate(ctx, middlewareSetting, appsSetting),
      fixes: rewriteListFix(ctx, middlewareSetting, fixed, 'Add SessionMiddleware before AuthenticationMiddleware'),
    }];
  },
};
