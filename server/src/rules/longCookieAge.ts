import { clauseFor, locate } from './helpers';
import type { Rule } from './types';

const THIRTY_DAYS = 60 * 60 * 24 * 30;

export const longCookieAge: Rule = {
  code: 'DS211',
  name: 'long-session-cookie-age',
  djangoIds: [],
  deploy: false,
  summary: 'SESSION_COOKIE_AGE is longer than 30 days',
  docs: {
    whatItDoes: 'Reports a SESSION_COOKIE_AGE above 30 days (the default is two weeks).',
    whyIsThisBad: 'A stolen session cookie stays valid for as long as the session lives; long-lived sessions also pile up in the store until clearsessions runs.',
    example: 'SESSION_COOKIE_AGE = 60 * 60 * 24 * 365',
    fix: 'SESSION_COOKIE_AGE = 60 * 60 * 24 * 14  # and "remember me" via request.session.set_expiry()',
  },
  severity: { production: 'info', development: 'off' },
  check(ctx) {
    const s = ctx.setting('SESSION_COOKIE_AGE');
    if (!s.resolved.known || typeof s.resolved.value !== 'number' || s.resolved.value <= THIRTY_DAYS) return [];
    const days = Math.round(s.resolved.value / 86400);
    return [{ message: `SESSION_COOKIE_AGE is ${days} days${clauseFor(s)}: a stolen session cookie stays usable that long.`, at: locate(ctx, s) }];
  },
};
