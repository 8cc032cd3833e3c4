import { cookieFlagFindings } from './cookieFlag';
import type { Rule } from './types';

export const sessionCookieNotSecure: Rule = {
  code: 'DS303',
  name: 'session-cookie-not-secure',
  djangoIds: ['security.W010', 'security.W011', 'security.W012'],
  deploy: true,
  summary: 'The session cookie may be sent over plain HTTP',
  docs: {
    whatItDoes: 'Reports SESSION_COOKIE_SECURE not set to True while sessions are in use, with Django\'s ids: security.W010 (sessions app installed), security.W011 (SessionMiddleware in MIDDLEWARE), security.W012 (both).',
    whyIsThisBad: 'Without the Secure flag the browser also sends the session cookie over plain HTTP, where anyone on the network can copy it and take over the session.',
    example: 'SESSION_COOKIE_SECURE = False',
    fix: 'SESSION_COOKIE_SECURE = True',
    versions: 'Django ≤ 4.0 accepts any truthy value; from 4.1 (django/django#15443) only `True` itself passes, so `1` or `"yes"` warn.',
  },
  severity: { production: 'warning', development: 'hint' },
  check: (ctx) => cookieFlagFindings(ctx, 'SESSION_COOKIE_SECURE', ['security.W010', 'security.W011', 'security.W012'],
    'Browsers send it over plain HTTP too, where network sniffers can hijack the session.'),
};
