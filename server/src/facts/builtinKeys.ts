// Session keys that Django itself and its contrib apps read and write. The index treats them as
// known keys (never "read but never written"), hover shows the doc line.

export interface BuiltinKey {
  key: string;
  /** Who writes it, in one line. */
  doc: string;
  /** The module-level constant naming it, when Django has one. */
  constant?: string;
}

export const BUILTIN_KEYS: readonly BuiltinKey[] = [
  { key: '_auth_user_id', constant: 'django.contrib.auth.SESSION_KEY', doc: 'Primary key of the logged-in user, as a string; written by django.contrib.auth.login().' },
  { key: '_auth_user_backend', constant: 'django.contrib.auth.BACKEND_SESSION_KEY', doc: 'Dotted path of the authentication backend that logged the user in; written by login().' },
  { key: '_auth_user_hash', constant: 'django.contrib.auth.HASH_SESSION_KEY', doc: "HMAC of the user's password hash (session invalidation on password change); written by login()." },
  { key: '_session_expiry', doc: 'Custom expiry written by SessionBase.set_expiry(): seconds, or a datetime (an ISO string since Django 4.1).' },
  { key: '_messages', doc: 'Pending messages of django.contrib.messages when MESSAGE_STORAGE uses SessionStorage (JSON string).' },
  { key: '_csrftoken', constant: 'django.middleware.csrf.CSRF_SESSION_KEY', doc: 'The CSRF token when CSRF_USE_SESSIONS = True; written by CsrfViewMiddleware.' },
  { key: '_password_reset_token', constant: 'django.contrib.auth.views.INTERNAL_RESET_SESSION_TOKEN', doc: 'Password reset token stashed by PasswordResetConfirmView between its two requests.' },
  { key: '_language', constant: 'django.utils.translation.LANGUAGE_SESSION_KEY', doc: 'Language chosen by set_language (Django ≤ 3.2 only; removed in 4.0).' },
  { key: 'django_language', doc: 'Language key of Django < 1.8 (LANGUAGE_SESSION_KEY before it became _language); still read by old code.' },
  { key: 'testcookie', doc: 'Written by set_test_cookie() with the value "worked"; checked by test_cookie_worked().' },
];

/** Django's constants, by absolute dotted name, mapped to the key they hold. */
export const DJANGO_KEY_CONSTANTS: ReadonlyMap<string, string> = new Map(
  BUILTIN_KEYS.flatMap((k) => (k.constant ? [[k.constant, k.key] as const] : [])),
);

/** The bare constant names (`SESSION_KEY`, ...) for lookups by imported name. */
const BY_NAME = new Map(BUILTIN_KEYS.flatMap((k) => (k.constant ? [[k.constant.slice(k.constant.lastIndexOf('.') + 1), k] as const] : [])));

/** Resolves `module.name` (an import) to Django's key, also accepting the defining submodules. */
export function djangoConstantKey(module: string, name: string): string | undefined {
  const direct = DJANGO_KEY_CONSTANTS.get(`${module}.${name}`);
  if (direct !== undefined) return direct;
  const builtin = BY_NAME.get(name);
  // `django.contrib.auth.__init__` is where they live; `django.utils.translation` re-exports _language.
  if (builtin?.constant && module.startsWith(builtin.constant.slice(0, builtin.constant.lastIndexOf('.')))) return builtin.key;
  return undefined;
}

/**
 * Constants of third-party packages naming the session keys they write (from their sources), for
 * projects that import them from site-packages: `from django_otp import DEVICE_ID_SESSION_KEY`.
 */
const LIBRARY_KEY_CONSTANTS: ReadonlyMap<string, string> = new Map([
  ['django_otp.DEVICE_ID_SESSION_KEY', 'otp_device_id'],
  ['social_core.utils.PARTIAL_TOKEN_SESSION_NAME', 'partial_pipeline_token'],
  ['social_core.utils.PARTIAL_TOKEN_PENDING_SESSION_NAME', 'partial_pipeline_pending_token'],
  ['social_core.utils.PARTIAL_TOKEN_PENDING_REQUEST_SESSION_NAME', 'partial_pipeline_pending_request'],
  ['social_core.utils.PARTIAL_TOKEN_PENDING_CONFIRMATION_SESSION_NAME', 'partial_pipeline_pending_confirmation'],
  ['oscar.apps.checkout.utils.CheckoutSessionData.SESSION_KEY', 'checkout_data'],
]);

/** The key a third-party package's constant `module.name` holds, when it is one of those above. */
export function libraryConstantKey(module: string, name: string): string | undefined {
  return LIBRARY_KEY_CONSTANTS.get(`${module}.${name}`);
}

export function builtinKey(key: string): BuiltinKey | undefined {
  return BUILTIN_KEYS.find((k) => k.key === key);
}
