import { AUTH_MIDDLEWARE, clauseFor, knownStrings, locate, MESSAGE_MIDDLEWARE, rewriteListFix, SESSION_MIDDLEWARE } from './helpers';
import type { Rule } from './types';

export const sessionMiddlewareOrder: Rule = {
  code: 'DS213',
  name: 'session-middleware-after-dependents',
  djangoIds: [],
  deploy: false,
  summary: 'SessionMiddleware comes after AuthenticationMiddleware or MessageMiddleware',
  docs: {
    whatItDoes: 'Reports SessionMiddleware listed after a middleware that needs request.session.',
    whyIsThisBad: 'AuthenticationMiddleware and MessageMiddleware read request.session: placed before SessionMiddleware they fail (ImproperlyConfigured / AssertionError) on every request.',
    example: "MIDDLEWARE = [\n    'django.contrib.auth.middleware.AuthenticationMiddleware',\n    'django.contrib.sessions.middleware.SessionMiddleware',\n]",
    fix: 'Move SessionMiddleware above them.',
  },
  severity: { production: 'error', development: 'error' },
  check(ctx) {
    const setting = ctx.setting('MIDDLEWARE');
    const middleware = knownStrings(setting);
    if (!middleware) return [];
    const session = middleware.indexOf(SESSION_MIDDLEWARE);
    if (session < 0) return [];
    const before = [AUTH_MIDDLEWARE, MESSAGE_MIDDLEWARE].filter((m) => { const i = middleware.indexOf(m); return i >= 0 && i < session; });
    if (before.length === 0) return [];
    const first = Math.min(...before.map((m) => middleware.indexOf(m)));
    const rest = middleware.filter((_, i) => i !== session);
    const fixed = [...rest.slice(0, first), SESSION_MIDDLEWARE, ...rest.slice(first)];
    return [{
      message: `SessionMiddleware comes after ${before.map((m) => m.split('.').pop()).join(' and ')}${clauseFor(setting)}, which need request.session: every request fails.`,
      at: locate(ctx, setting),
      fixes: rewriteListFix(ctx, setting, fixed, 'Move SessionMiddleware before them'),
    }];
  },
};
