import { isSecretSetting } from '../settings/values';
import { locate } from './helpers';
import type { Finding, Rule } from './types';

/** The settings whose value the Django-equivalent checks need. */
const checked: Record<string, string> = {
  SECRET_KEY: 'security.W009',
  SESSION_COOKIE_SECURE: 'security.W010/W011/W012',
  SESSION_COOKIE_HTTPONLY: 'security.W013/W014/W015',
  CSRF_COOKIE_SECURE: 'security.W016',
  INSTALLED_APPS: 'security.W010, W013, admin.E410',
  MIDDLEWARE: 'security.W011, W014, W016, admin.E410',
  SESSION_ENGINE: 'the session engine checks',
};

export const settingNotEvaluable: Rule = {
  code: 'DS001',
  name: 'setting-not-evaluable',
  djangoIds: [],
  deploy: false,
  summary: 'A setting the checks need cannot be evaluated statically',
  docs: {
    whatItDoes: 'Reports a security-relevant setting whose value comes from code we do not run (a function call, an unreadable import, a branch on an unknown condition). The checks that need it are skipped rather than guessed.',
    whyIsThisBad: 'Nothing is wrong with the code as such, but its deploy checks cannot be verified here: run `manage.py check --deploy` with the production environment to be sure.',
    example: "SESSION_COOKIE_SECURE = load_flag('secure')",
    fix: "Prefer plain values or environment lookups we understand: os.environ.get('X', default), env.bool('X', default=...), config('X', cast=bool).",
  },
  severity: { production: 'info', development: 'off' },
  check(ctx) {
    const findings: Finding[] = [];
    for (const [name, checks] of Object.entries(checked)) {
      const s = ctx.setting(name);
      if (s.resolved.known) continue;
      const reason = isSecretSetting(name) ? '' : ` (${s.resolved.reason})`;
      findings.push({ message: `${name} cannot be evaluated statically${reason}; skipped: ${checks}.`, at: locate(ctx, s) });
    }
    return findings;
  },
};
