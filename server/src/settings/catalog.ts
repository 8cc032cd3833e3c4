// Django's session, cookie and secret-key settings: defaults (django/conf/global_settings.py, the same
// in 3.2.25 and 5.2.17 unless noted), meaning, and the values completion offers.
import type { Known } from './types';

export interface SettingInfo {
  name: string;
  default: Known;
  type: string;
  doc: string;
  /** Values completion offers (Python literals as text). */
  values?: { text: string; doc: string }[];
  since?: string;
  removed?: string;
}

export const sessionEngines: { module: string; doc: string }[] = [
  { module: 'django.contrib.sessions.backends.db', doc: 'Sessions in the database table `django_session` (default).' },
  { module: 'django.contrib.sessions.backends.cached_db', doc: 'Write-through cache over the database: fast reads, survives cache eviction.' },
  { module: 'django.contrib.sessions.backends.cache', doc: 'Sessions only in the cache (`SESSION_CACHE_ALIAS`): lost on eviction or restart.' },
  { module: 'django.contrib.sessions.backends.file', doc: 'One file per session in `SESSION_FILE_PATH` (or the temp directory).' },
  { module: 'django.contrib.sessions.backends.signed_cookies', doc: 'The whole session signed (not encrypted) in the cookie; readable by the user.' },
];

export const serializers = {
  json: 'django.contrib.sessions.serializers.JSONSerializer',
  pickle: 'django.contrib.sessions.serializers.PickleSerializer',
};

/** SESSION_SERIALIZER names Django's JSON serializer (the sessions one, or the signing one it aliases). */
export function isJsonSerializer(path: string): boolean {
  return path === serializers.json || path === 'django.core.signing.JSONSerializer';
}

const bool = [{ text: 'True', doc: '' }, { text: 'False', doc: '' }];

export const settingsCatalog: SettingInfo[] = [
  { name: 'SESSION_ENGINE', default: sessionEngines[0].module, type: 'str', doc: 'Where sessions are stored: a module with a `SessionStore` class.', values: sessionEngines.map((e) => ({ text: `'${e.module}'`, doc: e.doc })) },
  { name: 'SESSION_CACHE_ALIAS', default: 'default', type: 'str', doc: 'The `CACHES` alias the cache and cached_db engines use.' },
  { name: 'SESSION_COOKIE_NAME', default: 'sessionid', type: 'str', doc: 'Name of the session cookie; also the file-engine file name prefix. Must differ from `CSRF_COOKIE_NAME` and `LANGUAGE_COOKIE_NAME`.' },
  { name: 'SESSION_COOKIE_AGE', default: 1209600, type: 'int', doc: 'Session lifetime in seconds (default two weeks); the signature max age of signed_cookies sessions.' },
  { name: 'SESSION_COOKIE_DOMAIN', default: null, type: 'str | None', doc: 'Domain of the session cookie; None means the current host only.' },
  { name: 'SESSION_COOKIE_SECURE', default: false, type: 'bool', doc: 'Send the session cookie over HTTPS only (Django deploy checks security.W010/W011/W012).', values: bool },
  { name: 'SESSION_COOKIE_PATH', default: '/', type: 'str', doc: 'Path of the session cookie.' },
  { name: 'SESSION_COOKIE_HTTPONLY', default: true, type: 'bool', doc: 'Hide the session cookie from JavaScript (deploy checks security.W013/W014/W015).', values: bool },
  { name: 'SESSION_COOKIE_SAMESITE', default: 'Lax', type: "'Lax' | 'Strict' | 'None' | False", doc: 'The SameSite attribute of the session cookie.', values: [
    { text: "'Lax'", doc: 'Sent on top-level navigations from other sites (default).' },
    { text: "'Strict'", doc: 'Never sent on requests from other sites.' },
    { text: "'None'", doc: 'Sent on every cross-site request; browsers require Secure.' },
    { text: 'False', doc: 'No SameSite attribute: the browser decides.' },
  ] },
  { name: 'SESSION_SAVE_EVERY_REQUEST', default: false, type: 'bool', doc: 'Save the session (and refresh its expiry) on every request, not only when modified.', values: bool },
  { name: 'SESSION_EXPIRE_AT_BROWSER_CLOSE', default: false, type: 'bool', doc: 'Use a browser-session cookie (no max-age) instead of SESSION_COOKIE_AGE.', values: bool },
  { name: 'SESSION_FILE_PATH', default: null, type: 'str | None', doc: 'Directory of the file engine; None means `tempfile.gettempdir()`.' },
  { name: 'SESSION_SERIALIZER', default: serializers.json, type: 'str', doc: 'Class that turns the session dict into bytes. PickleSerializer was deprecated in 4.1 and removed in 5.0.', values: [
    { text: `'${serializers.json}'`, doc: 'JSON (default, safe).' },
    { text: `'${serializers.pickle}'`, doc: 'Pickle: remote code execution if SECRET_KEY leaks; removed in Django 5.0.' },
  ] },
  { name: 'SECRET_KEY', default: '', type: 'str', doc: 'Signs sessions, cookies, password-reset tokens. At least 50 characters, 5 unique, not `django-insecure-` (security.W009). Keep it out of the code.' },
  { name: 'SECRET_KEY_FALLBACKS', default: [], type: 'list[str]', doc: 'Old keys still accepted when verifying signatures (Django 4.1+); each is checked like SECRET_KEY (security.W025).', since: '4.1' },
  { name: 'CSRF_COOKIE_SECURE', default: false, type: 'bool', doc: 'Send the CSRF cookie over HTTPS only (security.W016).', values: bool },
  { name: 'CSRF_COOKIE_HTTPONLY', default: false, type: 'bool', doc: 'Hide the CSRF cookie from JavaScript.', values: bool },
  { name: 'CSRF_COOKIE_NAME', default: 'csrftoken', type: 'str', doc: 'Name of the CSRF cookie.' },
  { name: 'CSRF_COOKIE_SAMESITE', default: 'Lax', type: "'Lax' | 'Strict' | 'None' | False", doc: 'The SameSite attribute of the CSRF cookie.' },
  { name: 'CSRF_USE_SESSIONS', default: false, type: 'bool', doc: 'Keep the CSRF token in the session (key `_csrftoken`) instead of a cookie; needs SessionMiddleware.', values: bool },
  { name: 'LANGUAGE_COOKIE_NAME', default: 'django_language', type: 'str', doc: 'Name of the language cookie.' },
  { name: 'LANGUAGE_COOKIE_AGE', default: null, type: 'int | None', doc: 'Lifetime of the language cookie in seconds; None means until the browser closes.' },
  { name: 'LANGUAGE_COOKIE_DOMAIN', default: null, type: 'str | None', doc: 'Domain of the language cookie.' },
  { name: 'LANGUAGE_COOKIE_PATH', default: '/', type: 'str', doc: 'Path of the language cookie.' },
  { name: 'LANGUAGE_COOKIE_SECURE', default: false, type: 'bool', doc: 'Send the language cookie over HTTPS only.', values: bool },
  { name: 'LANGUAGE_COOKIE_HTTPONLY', default: false, type: 'bool', doc: 'Hide the language cookie from JavaScript.', values: bool },
  { name: 'LANGUAGE_COOKIE_SAMESITE', default: null, type: "'Lax' | 'Strict' | 'None' | None", doc: 'The SameSite attribute of the language cookie.' },
  { name: 'CSRF_COOKIE_AGE', default: 31449600, type: 'int | None', doc: 'Lifetime of the CSRF cookie in seconds (default 52 weeks); None makes it a browser-session cookie.' },
  { name: 'CSRF_COOKIE_DOMAIN', default: null, type: 'str | None', doc: 'Domain of the CSRF cookie (set it for cross-subdomain forms).' },
  { name: 'CSRF_COOKIE_PATH', default: '/', type: 'str', doc: 'Path of the CSRF cookie.' },
  { name: 'CSRF_HEADER_NAME', default: 'HTTP_X_CSRFTOKEN', type: 'str', doc: 'The request.META name of the header carrying the CSRF token.' },
  { name: 'CSRF_TRUSTED_ORIGINS', default: [], type: 'list[str]', doc: 'Origins trusted for unsafe requests (scheme required from Django 4.0).' },
  { name: 'CSRF_FAILURE_VIEW', default: 'django.views.csrf.csrf_failure', type: 'str', doc: 'The view that renders a CSRF failure (403).' },
  { name: 'DEFAULT_HASHING_ALGORITHM', default: 'sha256', type: "'sha1' | 'sha256'", doc: 'Signing hash for sessions in Django 3.1-3.2; removed in 4.0.', removed: '4.0' },
  { name: 'SILENCED_SYSTEM_CHECKS', default: [], type: 'list[str]', doc: 'Check ids (e.g. `security.W012`) Django, and this extension, do not report.' },
];

const byName = new Map(settingsCatalog.map((s) => [s.name, s]));

export function settingInfo(name: string): SettingInfo | undefined {
  return byName.get(name);
}

/** Django's defaults for the settings rules read besides the catalog's. */
const otherDefaults: Record<string, Known> = {
  DEBUG: false,
  INSTALLED_APPS: [],
  MIDDLEWARE: [],
  CACHES: { default: { BACKEND: 'django.core.cache.backends.locmem.LocMemCache' } },
};

export function defaultOf(name: string): Known | undefined {
  const info = byName.get(name);
  return info ? info.default : otherDefaults[name];
}
