import { clauseFor, isAdminInstalled, knownStrings, locate, mayBeSessionSubclass, SESSION_APP, SESSION_MIDDLEWARE } from './helpers';
import type { Rule } from './types';

export const sessionMiddlewareMissing: Rule = {
  code: 'DS214',
  name: 'sessions-app-without-middleware',
  djangoIds: [],
  deploy: false,
  summary: 'django.contrib.sessions is installed but SessionMiddleware is not in MIDDLEWARE',
  docs: {
    whatItDoes: "Reports 'django.contrib.sessions' in INSTALLED_APPS with no SessionMiddleware (when the admin is installed, admin.E410 reports it instead).",
    whyIsThisBad: 'request.session does not exist without the middleware: every view that uses it raises AttributeError.',
    example: "INSTALLED_APPS = ['django.contrib.sessions']\nMIDDLEWARE = []",
    fix: "Add 'django.contrib.sessions.middleware.SessionMiddleware' to MIDDLEWARE, or remove the app if sessions are not used.",
  },
  severity: { production: 'info', development: 'info' },
  check(ctx) {
    const appsSetting = ctx.setting('INSTALLED_APPS');
    const middlewareSetting = ctx.setting('MIDDLEWARE');
    const apps = knownStrings(appsSetting);
    const middleware = knownStrings(middlewareSetting);
    if (!apps || !middleware || !apps.includes(SESSION_APP) || isAdminInstalled(apps)) return [];
    if (middleware.includes(SESSION_MIDDLEWARE) || mayBeSessionSubclass(middleware)) return [];
    return [{ message: `'django.contrib.sessions' is installed but SessionMiddleware is not in MIDDLEWARE${clauseFor(appsSetting, middlewareSetting)}: request.session does not exist.`, at: locate(ctx, middlewareSetting, appsSetting) }];
  },
};
