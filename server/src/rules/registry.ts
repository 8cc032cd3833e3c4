// Every settings rule, by code: DS0xx what kept the settings from being evaluated, DS2xx our session
// checks, DS3xx Django's own checks (DS1xx belongs to the session-key diagnostics in features/).
// Adding a rule: one file exporting a Rule, one line here, then `npx tsx scripts/gen-rules-doc.ts`
// (docs/rules.md is generated; test/rules/docs.test.ts fails when it is stale).
import { adminWithoutSessionMiddleware } from './adminWithoutSessionMiddleware';
import { cookieNameCollision } from './cookieNameCollision';
import { csrfCookieNotSecure } from './csrfCookieNotSecure';
import { csrfUseSessionsWithoutSessionMiddleware } from './csrfUseSessionsWithoutSessionMiddleware';
import { fileEngineWithoutPath } from './fileEngineWithoutPath';
import { invalidCookieAge } from './invalidCookieAge';
import { invalidSamesite } from './invalidSamesite';
import { longCookieAge } from './longCookieAge';
import { memcachedSessionEviction } from './memcachedSessionEviction';
import { pickleSerializer } from './pickleSerializer';
import { samesiteNoneWithoutSecure } from './samesiteNoneWithoutSecure';
import { saveEveryRequestDb } from './saveEveryRequestDb';
import { secretKeyFallbackInsecure } from './secretKeyFallbackInsecure';
import { secretKeyInsecure } from './secretKeyInsecure';
import { sessionAppMissing } from './sessionAppMissing';
import { sessionCacheAliasMissing } from './sessionCacheAliasMissing';
import { sessionCookieNotHttponly } from './sessionCookieNotHttponly';
import { sessionCookieNotSecure } from './sessionCookieNotSecure';
import { sessionMiddlewareMissing } from './sessionMiddlewareMissing';
import { sessionMiddlewareOrder } from './sessionMiddlewareOrder';
import { settingNotEvaluable } from './settingNotEvaluable';
import { settingsProblem } from './settingsProblem';
import { signedCookiesWithPickle } from './signedCookiesWithPickle';
import type { Rule } from './types';
import { unknownSessionEngine } from './unknownSessionEngine';
import { volatileSessionCache } from './volatileSessionCache';

export const rules: readonly Rule[] = [
  settingNotEvaluable,
  settingsProblem,
  csrfUseSessionsWithoutSessionMiddleware,
  invalidSamesite,
  samesiteNoneWithoutSecure,
  pickleSerializer,
  signedCookiesWithPickle,
  unknownSessionEngine,
  volatileSessionCache,
  memcachedSessionEviction,
  sessionCacheAliasMissing,
  invalidCookieAge,
  longCookieAge,
  cookieNameCollision,
  sessionMiddlewareOrder,
  sessionMiddlewareMissing,
  sessionAppMissing,
  fileEngineWithoutPath,
  saveEveryRequestDb,
  // Django's own checks, with Django's verdict (test/rules/oracle.test.ts).
  secretKeyInsecure,
  secretKeyFallbackInsecure,
  sessionCookieNotSecure,
  sessionCookieNotHttponly,
  csrfCookieNotSecure,
  adminWithoutSessionMiddleware,
];

export function ruleByCode(code: string): Rule | undefined {
  return rules.find((r) => r.code === code || r.djangoIds.includes(code) || r.name === code);
}
