import { clauseFor, CSRF_MIDDLEWARE, knownStrings, locate, passesFlag, setSettingFix } from './helpers';
import { pyRepr, truthy } from '../settings/values';
import type { Rule } from './types';

export const csrfCookieNotSecure: Rule = {
  code: 'DS305',
  name: 'csrf-cookie-not-secure',
  djangoIds: ['security.W016'],
  deploy: true,
  summary: 'The CSRF cookie may be sent over plain HTTP',
  docs: {
    whatItDoes: 'Reports CSRF_COOKIE_SECURE not True while CsrfViewMiddleware is active and the token is kept in a cookie (CSRF_USE_SESSIONS is false), like Django\'s security.W016.',
    whyIsThisBad: 'A CSRF token sniffed from plain HTTP traffic lets an attacker forge requests on behalf of the user.',
    example: "MIDDLEWARE = ['django.middleware.csrf.CsrfViewMiddleware']\nCSRF_COOKIE_SECURE = False",
    fix: 'CSRF_COOKIE_SECURE = True  # or CSRF_USE_SESSIONS = True to keep the token in the session',
    versions: 'Django ≤ 4.0 accepts any truthy CSRF_COOKIE_SECURE; from 4.1 only `True` passes. CSRF_USE_SESSIONS is a truthiness test in every version.',
  },
  severity: { production: 'warning', development: 'hint' },
  check(ctx) {
    const secure = ctx.setting('CSRF_COOKIE_SECURE');
    const useSessions = ctx.setting('CSRF_USE_SESSIONS');
    const middlewareSetting = ctx.setting('MIDDLEWARE');
    const middleware = knownStrings(middlewareSetting);
    if (!secure.resolved.known || !useSessions.resolved.known || !middleware) return [];
    if (truthy(useSessions.resolved.value) || !middleware.includes(CSRF_MIDDLEWARE) || passesFlag(ctx, secure.resolved.value)) return [];
    return [{
      message: `CsrfViewMiddleware is in MIDDLEWARE but CSRF_COOKIE_SECURE is not True (it is ${pyRepr(secure.resolved.value)}${clauseFor(secure, useSessions)}). Network sniffers can steal the CSRF token.`,
      at: locate(ctx, secure, middlewareSetting),
      fixes: setSettingFix(ctx, secure, 'True'),
    }];
  },
};
