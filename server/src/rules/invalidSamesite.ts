import { pyRepr, truthy } from '../settings/values';
import { clauseFor, locate, setSettingFix } from './helpers';
import type { Rule } from './types';

const accepted = ['lax', 'strict', 'none'];

export const invalidSamesite: Rule = {
  code: 'DS202',
  name: 'invalid-session-cookie-samesite',
  djangoIds: [],
  deploy: false,
  summary: "SESSION_COOKIE_SAMESITE is not 'Lax', 'Strict', 'None' or False",
  docs: {
    whatItDoes: "Reports a SESSION_COOKIE_SAMESITE that Django's set_cookie rejects: anything but 'Lax', 'Strict', 'None' (any case) or a false value.",
    whyIsThisBad: 'HttpResponse.set_cookie raises ValueError for other values, so every response that sets the session cookie (every login) fails with a server error.',
    example: "SESSION_COOKIE_SAMESITE = 'Relaxed'",
    fix: "SESSION_COOKIE_SAMESITE = 'Lax'",
  },
  severity: { production: 'error', development: 'error' },
  check(ctx) {
    const s = ctx.setting('SESSION_COOKIE_SAMESITE');
    if (!s.resolved.known) return [];
    const v = s.resolved.value;
    if (!truthy(v) || (typeof v === 'string' && accepted.includes(v.toLowerCase()))) return [];
    return [{ message: `SESSION_COOKIE_SAMESITE is ${pyRepr(v)}${clauseFor(s)}; Django raises ValueError when it sets the session cookie. Use 'Lax', 'Strict', 'None' or False.`, at: locate(ctx, s), fixes: setSettingFix(ctx, s, "'Lax'") }];
  },
};
