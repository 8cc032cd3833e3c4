import { cookieFlagFindings } from './cookieFlag';
import type { Rule } from './types';

export const sessionCookieNotHttponly: Rule = {
  code: 'DS304',
  name: 'session-cookie-not-httponly',
  djangoIds: ['security.W013', 'security.W014', 'security.W015'],
  deploy: true,
  summary: 'JavaScript can read the session cookie',
  docs: {
    whatItDoes: 'Reports SESSION_COOKIE_HTTPONLY not True while sessions are in use: security.W013 (sessions app), security.W014 (SessionMiddleware), security.W015 (both).',
    whyIsThisBad: 'Without HttpOnly any script on the page, including one injected through an XSS hole, can read the session cookie and send it away.',
    example: 'SESSION_COOKIE_HTTPONLY = False',
    fix: 'Remove the line (the default is True) or set SESSION_COOKIE_HTTPONLY = True',
    versions: 'Django ≤ 4.0 accepts any truthy value; from 4.1 only `True` passes.',
  },
  severity: { production: 'warning', development: 'hint' },
  check: (ctx) => cookieFlagFindings(ctx, 'SESSION_COOKIE_HTTPONLY', ['security.W013', 'security.W014', 'security.W015'],
    'Scripts on the page (and XSS payloads) can read it and hijack the session.'),
};
