import { serializers } from '../settings/catalog';
import { clauseFor, ENGINE_PREFIX, locate, setSettingFix } from './helpers';
import type { Rule } from './types';

export const pickleSerializer: Rule = {
  code: 'DS204',
  name: 'pickle-session-serializer',
  djangoIds: [],
  deploy: false,
  summary: 'SESSION_SERIALIZER is PickleSerializer',
  docs: {
    whatItDoes: 'Reports SESSION_SERIALIZER set to PickleSerializer.',
    whyIsThisBad: 'Unpickling runs code: anyone who learns SECRET_KEY can craft session data that executes on the server. The serializer was deprecated in Django 4.1 and removed in 5.0.',
    example: "SESSION_SERIALIZER = 'django.contrib.sessions.serializers.PickleSerializer'",
    fix: "SESSION_SERIALIZER = 'django.contrib.sessions.serializers.JSONSerializer'  # existing pickled sessions are then discarded (users log in again)",
    versions: 'Deprecated in 4.1, removed in 5.0 (an ImportError on the first request that touches a session).',
  },
  severity: { production: 'warning', development: 'warning' },
  check(ctx) {
    const s = ctx.setting('SESSION_SERIALIZER');
    const engine = ctx.setting('SESSION_ENGINE');
    if (!s.resolved.known || s.resolved.value !== serializers.pickle) return [];
    // With signed cookies the worse problem is reported by DS205.
    if (engine.resolved.known && engine.resolved.value === `${ENGINE_PREFIX}signed_cookies`) return [];
    const removed = ctx.atLeast('5.0');
    return [{
      message: removed
        ? `PickleSerializer was removed in Django 5.0${clauseFor(s)}: sessions fail with an ImportError.`
        : `SESSION_SERIALIZER is PickleSerializer${clauseFor(s)}: a leaked SECRET_KEY becomes remote code execution (deprecated in 4.1, removed in 5.0).`,
      at: locate(ctx, s),
      fixes: setSettingFix(ctx, s, `'${serializers.json}'`, 'Use JSONSerializer'),
    }];
  },
};
