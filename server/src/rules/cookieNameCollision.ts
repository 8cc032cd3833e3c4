import { clauseFor, locate } from './helpers';
import type { Rule } from './types';

export const cookieNameCollision: Rule = {
  code: 'DS212',
  name: 'session-cookie-name-collision',
  djangoIds: [],
  deploy: false,
  summary: 'SESSION_COOKIE_NAME equals CSRF_COOKIE_NAME or LANGUAGE_COOKIE_NAME',
  docs: {
    whatItDoes: 'Reports a session cookie name shared with the CSRF or language cookie.',
    whyIsThisBad: 'The cookies overwrite each other: each CSRF token or language switch replaces the session key, logging the user out (and the other way round).',
    example: "SESSION_COOKIE_NAME = 'csrftoken'",
    fix: "SESSION_COOKIE_NAME = 'sessionid'",
  },
  severity: { production: 'error', development: 'error' },
  check(ctx) {
    const session = ctx.setting('SESSION_COOKIE_NAME');
    const name = session.resolved.known ? session.resolved.value : undefined;
    if (name === undefined) return [];
    return ['CSRF_COOKIE_NAME', 'LANGUAGE_COOKIE_NAME'].flatMap((other) => {
      const o = ctx.setting(other);
      if (!o.resolved.known || o.resolved.value !== name) return [];
      return [{ message: `SESSION_COOKIE_NAME and ${other} are both ${JSON.stringify(name)}${clauseFor(session, o)}: the cookies overwrite each other.`, at: locate(ctx, session, o) }];
    });
  },
};
