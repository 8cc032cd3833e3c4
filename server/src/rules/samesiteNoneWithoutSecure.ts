import { truthy } from '../settings/values';
import { clauseFor, locate, setSettingFix } from './helpers';
import type { Rule } from './types';

export const samesiteNoneWithoutSecure: Rule = {
  code: 'DS203',
  name: 'samesite-none-without-secure',
  djangoIds: [],
  deploy: false,
  summary: "SESSION_COOKIE_SAMESITE = 'None' without SESSION_COOKIE_SECURE",
  docs: {
    whatItDoes: "Reports SESSION_COOKIE_SAMESITE = 'None' while SESSION_COOKIE_SECURE is not true.",
    whyIsThisBad: 'Browsers drop SameSite=None cookies that are not Secure: the session cookie is never stored and users cannot stay logged in.',
    example: "SESSION_COOKIE_SAMESITE = 'None'\nSESSION_COOKIE_SECURE = False",
    fix: "SESSION_COOKIE_SAMESITE = 'None'\nSESSION_COOKIE_SECURE = True",
  },
  severity: { production: 'warning', development: 'warning' },
  check(ctx) {
    const samesite = ctx.setting('SESSION_COOKIE_SAMESITE');
    const secure = ctx.setting('SESSION_COOKIE_SECURE');
    if (!samesite.resolved.known || !secure.resolved.known) return [];
    const v = samesite.resolved.value;
    if (typeof v !== 'string' || v.toLowerCase() !== 'none' || truthy(secure.resolved.value)) return [];
    return [{ message: `SESSION_COOKIE_SAMESITE is 'None' but SESSION_COOKIE_SECURE is not True${clauseFor(samesite, secure)}: browsers reject the session cookie.`, at: locate(ctx, samesite), fixes: setSettingFix(ctx, secure, 'True') }];
  },
};
