import { pyRepr } from '../settings/values';
import { clauseFor, locate } from './helpers';
import type { Rule } from './types';

export const invalidCookieAge: Rule = {
  code: 'DS210',
  name: 'invalid-session-cookie-age',
  djangoIds: [],
  deploy: false,
  summary: 'SESSION_COOKIE_AGE is not a positive whole number of seconds',
  docs: {
    whatItDoes: 'Reports a SESSION_COOKIE_AGE that is not a positive integer (seconds).',
    whyIsThisBad: 'Zero or a negative age expires every session immediately; a string or None breaks expiry arithmetic with a TypeError on the first session save.',
    example: "SESSION_COOKIE_AGE = '1209600'",
    fix: 'SESSION_COOKIE_AGE = 60 * 60 * 24 * 14  # two weeks',
  },
  severity: { production: 'error', development: 'error' },
  check(ctx) {
    const s = ctx.setting('SESSION_COOKIE_AGE');
    if (!s.resolved.known) return [];
    const v = s.resolved.value;
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) return [];
    const why = typeof v === 'number' ? (v <= 0 ? 'not positive: sessions expire at once' : 'not a whole number of seconds') : 'not a number';
    return [{ message: `SESSION_COOKIE_AGE is ${pyRepr(v)}${clauseFor(s)}, ${why}.`, at: locate(ctx, s) }];
  },
};
