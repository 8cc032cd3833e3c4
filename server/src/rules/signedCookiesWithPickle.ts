import { serializers } from '../settings/catalog';
import { clauseFor, ENGINE_PREFIX, locate, setSettingFix } from './helpers';
import type { Rule } from './types';

export const signedCookiesWithPickle: Rule = {
  code: 'DS205',
  name: 'signed-cookies-with-pickle',
  djangoIds: [],
  deploy: false,
  summary: 'The signed_cookies engine with PickleSerializer',
  docs: {
    whatItDoes: 'Reports SESSION_ENGINE signed_cookies together with PickleSerializer.',
    whyIsThisBad: 'The session is a pickle the client holds: the signature is all that stands between a visitor and code execution on the server. One leaked SECRET_KEY and anyone can send a malicious cookie.',
    example: "SESSION_ENGINE = 'django.contrib.sessions.backends.signed_cookies'\nSESSION_SERIALIZER = 'django.contrib.sessions.serializers.PickleSerializer'",
    fix: "SESSION_SERIALIZER = 'django.contrib.sessions.serializers.JSONSerializer'",
  },
  severity: { production: 'error', development: 'warning' },
  check(ctx) {
    const s = ctx.setting('SESSION_SERIALIZER');
    const engine = ctx.setting('SESSION_ENGINE');
    if (!s.resolved.known || !engine.resolved.known) return [];
    if (s.resolved.value !== serializers.pickle || engine.resolved.value !== `${ENGINE_PREFIX}signed_cookies`) return [];
    return [{
      message: `Signed-cookie sessions are unpickled from what the client sends${clauseFor(s, engine)}: a leaked SECRET_KEY is remote code execution. Use JSONSerializer.`,
      at: locate(ctx, s, engine),
      fixes: setSettingFix(ctx, s, `'${serializers.json}'`, 'Use JSONSerializer'),
    }];
  },
};
