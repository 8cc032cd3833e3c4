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
    whatItDoes: 'Reports a security-relevant setting whose value comes from code we do not run (a function call, an unreadable import, a branch on an unknown condition, `vars().update(config)` with a config read at run time). The checks that need it are skipped rather than guessed; settings made unknown by the same statement are reported together.',
    whyIsThisBad: 'Nothing is wrong with the code as such, but its deploy checks cannot be verified here: run `manage.py check --deploy` with the production environment to be sure.',
    example: "SESSION_COOKIE_SECURE = load_flag('secure')",
    fix: "Prefer plain values or environment lookups we understand: os.environ.get('X', default), env.bool('X', default=...), config('X', cast=bool).",
  },
  severity: { production: 'info', development: 'off' },
  check(ctx) {
    // Settings made unknown by one statement (`vars().update(config)`, an unreadable star import)
    // share its place: one finding names them all (findings at one place are merged downstream).
    const byPlace = new Map<string, { at: Finding['at']; reason: string; names: string[]; checks: string[] }>();
    for (const [name, checks] of Object.entries(checked)) {
      const s = ctx.setting(name);
      if (s.resolved.known) continue;
      const at = locate(ctx, s);
      // A secret's reason may quote its value: never in a message.
      const reason = isSecretSetting(name) ? '' : ` (${s.resolved.reason})`;
      const place = `${at.file}:${at.span.startLine}:${at.span.startColumn}`;
      const group = byPlace.get(place);
      if (!group) byPlace.set(place, { at, reason, names: [name], checks: [checks] });
      else {
        group.names.push(name);
        group.checks.push(checks);
        if (!group.reason) group.reason = reason;
      }
    }
    return [...byPlace.values()].map(({ at, reason, names, checks }) => ({
      message: `${listOf(names)} cannot be evaluated statically${reason}; skipped: ${checks.join('; ')}.`, at,
    }));
  },
};

function listOf(names: readonly string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
