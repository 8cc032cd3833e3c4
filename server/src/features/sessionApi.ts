// The public API of `request.session` (SessionBase), for completion and hover after `.session.`.

export interface SessionMember {
  name: string;
  kind: 'method' | 'property';
  signature: string;
  doc: string;
}

export const SESSION_API: readonly SessionMember[] = [
  { name: 'get', kind: 'method', signature: 'get(key, default=None)', doc: 'The value stored under `key`, or `default` when absent. Marks the session as accessed.' },
  { name: 'pop', kind: 'method', signature: 'pop(key, default=<no default>)', doc: 'Removes `key` and returns its value; raises `KeyError` without a default. Marks the session modified when the key existed.' },
  { name: 'setdefault', kind: 'method', signature: 'setdefault(key, value)', doc: 'Returns the value of `key`, storing `value` first when the key is absent (which marks the session modified).' },
  { name: 'update', kind: 'method', signature: 'update(dict_)', doc: 'Stores every item of `dict_` and marks the session modified.' },
  { name: 'keys', kind: 'method', signature: 'keys()', doc: 'The keys of the session dictionary.' },
  { name: 'items', kind: 'method', signature: 'items()', doc: 'The `(key, value)` pairs of the session dictionary.' },
  { name: 'values', kind: 'method', signature: 'values()', doc: 'The values of the session dictionary.' },
  { name: 'has_key', kind: 'method', signature: 'has_key(key)', doc: 'Removed in Django 1.x: use `key in request.session`.' },
  { name: 'clear', kind: 'method', signature: 'clear()', doc: 'Empties the session data (the session key is kept) and marks it modified.' },
  { name: 'flush', kind: 'method', signature: 'flush()', doc: 'Deletes the session data from the store and the cookie, and starts a new empty session with a new key. Used by `logout()`.' },
  { name: 'cycle_key', kind: 'method', signature: 'cycle_key()', doc: 'Keeps the data under a new session key and deletes the old one (session fixation defence; `login()` calls it).' },
  { name: 'set_expiry', kind: 'method', signature: 'set_expiry(value)', doc: 'Custom expiry: an int of seconds of inactivity (`0` = when the browser closes), a `datetime`/`timedelta`, or `None` for the global `SESSION_COOKIE_AGE`. Stored under `_session_expiry` (an ISO string since Django 4.1).' },
  { name: 'get_expiry_age', kind: 'method', signature: 'get_expiry_age(modification=None, expiry=None)', doc: 'Seconds until the session expires (`SESSION_COOKIE_AGE` unless `set_expiry` was used).' },
  { name: 'get_expiry_date', kind: 'method', signature: 'get_expiry_date(modification=None, expiry=None)', doc: 'The `datetime` at which the session expires.' },
  { name: 'get_expire_at_browser_close', kind: 'method', signature: 'get_expire_at_browser_close()', doc: 'Whether the cookie expires when the browser closes: `SESSION_EXPIRE_AT_BROWSER_CLOSE` unless `set_expiry` was used (`0` means yes).' },
  { name: 'clear_expired', kind: 'method', signature: 'clear_expired()  # classmethod', doc: 'Removes expired sessions from the store (what `manage.py clearsessions` calls); a no-op for cache and signed-cookie backends.' },
  { name: 'set_test_cookie', kind: 'method', signature: 'set_test_cookie()', doc: 'Writes `testcookie = "worked"` to check, on the next request, that the browser accepts cookies.' },
  { name: 'test_cookie_worked', kind: 'method', signature: 'test_cookie_worked()', doc: 'True when the test cookie set by `set_test_cookie()` came back.' },
  { name: 'delete_test_cookie', kind: 'method', signature: 'delete_test_cookie()', doc: 'Deletes the test cookie key from the session.' },
  { name: 'is_empty', kind: 'method', signature: 'is_empty()', doc: 'True when the session has no key and no data (Django 2.1+). Does not load the session from the store.' },
  { name: 'exists', kind: 'method', signature: 'exists(session_key)', doc: 'Whether a session with this key exists in the store.' },
  { name: 'create', kind: 'method', signature: 'create()', doc: 'Creates a new empty session with a new key and saves it.' },
  { name: 'save', kind: 'method', signature: 'save(must_create=False)', doc: 'Saves the session to the store; `SessionMiddleware` does it for you when `modified` is set.' },
  { name: 'delete', kind: 'method', signature: 'delete(session_key=None)', doc: 'Deletes the session (this one by default) from the store.' },
  { name: 'load', kind: 'method', signature: 'load()', doc: 'Loads the session data from the store (called lazily on first access).' },
  { name: 'encode', kind: 'method', signature: 'encode(session_dict)', doc: 'Serializes and signs a session dictionary the way the store saves it.' },
  { name: 'decode', kind: 'method', signature: 'decode(session_data)', doc: 'Verifies and deserializes stored session data; returns `{}` when the signature is bad.' },
  { name: 'get_session_cookie_age', kind: 'method', signature: 'get_session_cookie_age()', doc: 'The cookie age in seconds (`SESSION_COOKIE_AGE`); override it for per-store ages (Django 3.0+).' },
  { name: 'aget', kind: 'method', signature: 'await aget(key, default=None)', doc: 'Async `get` (Django 5.0+).' },
  { name: 'aset', kind: 'method', signature: 'await aset(key, value)', doc: 'Async `request.session[key] = value` (Django 5.0+).' },
  { name: 'apop', kind: 'method', signature: 'await apop(key, default=<no default>)', doc: 'Async `pop` (Django 5.0+).' },
  { name: 'asetdefault', kind: 'method', signature: 'await asetdefault(key, value)', doc: 'Async `setdefault` (Django 5.0+).' },
  { name: 'aupdate', kind: 'method', signature: 'await aupdate(dict_)', doc: 'Async `update` (Django 5.0+).' },
  { name: 'akeys', kind: 'method', signature: 'await akeys()', doc: 'Async `keys` (Django 5.0+).' },
  { name: 'aitems', kind: 'method', signature: 'await aitems()', doc: 'Async `items` (Django 5.0+).' },
  { name: 'aflush', kind: 'method', signature: 'await aflush()', doc: 'Async `flush` (Django 5.0+).' },
  { name: 'acycle_key', kind: 'method', signature: 'await acycle_key()', doc: 'Async `cycle_key` (Django 5.0+).' },
  { name: 'asave', kind: 'method', signature: 'await asave(must_create=False)', doc: 'Async `save` (Django 5.0+).' },
  { name: 'aset_expiry', kind: 'method', signature: 'await aset_expiry(value)', doc: 'Async `set_expiry` (Django 5.0+).' },
  { name: 'ahas_key', kind: 'method', signature: 'await ahas_key(key)', doc: 'Async `key in request.session` (Django 5.0+).' },
  { name: 'avalues', kind: 'method', signature: 'await avalues()', doc: 'Async `values` (Django 5.0+).' },
  { name: 'aget_expiry_age', kind: 'method', signature: 'await aget_expiry_age(modification=None, expiry=None)', doc: 'Async `get_expiry_age` (Django 5.0+).' },
  { name: 'aget_expiry_date', kind: 'method', signature: 'await aget_expiry_date(modification=None, expiry=None)', doc: 'Async `get_expiry_date` (Django 5.0+).' },
  { name: 'aget_expire_at_browser_close', kind: 'method', signature: 'await aget_expire_at_browser_close()', doc: 'Async `get_expire_at_browser_close` (Django 5.0+).' },
  { name: 'aset_test_cookie', kind: 'method', signature: 'await aset_test_cookie()', doc: 'Async `set_test_cookie` (Django 5.0+).' },
  { name: 'atest_cookie_worked', kind: 'method', signature: 'await atest_cookie_worked()', doc: 'Async `test_cookie_worked` (Django 5.0+).' },
  { name: 'adelete_test_cookie', kind: 'method', signature: 'await adelete_test_cookie()', doc: 'Async `delete_test_cookie` (Django 5.0+).' },
  { name: 'aexists', kind: 'method', signature: 'await aexists(session_key)', doc: 'Async `exists` (Django 5.0+).' },
  { name: 'acreate', kind: 'method', signature: 'await acreate()', doc: 'Async `create` (Django 5.0+).' },
  { name: 'adelete', kind: 'method', signature: 'await adelete(session_key=None)', doc: 'Async `delete` (Django 5.0+).' },
  { name: 'aload', kind: 'method', signature: 'await aload()', doc: 'Async `load` (Django 5.0+).' },
  { name: 'aclear_expired', kind: 'method', signature: 'await aclear_expired()  # classmethod', doc: 'Async `clear_expired` (Django 5.0+).' },
  { name: 'modified', kind: 'property', signature: 'modified: bool', doc: 'Set it to `True` after mutating a nested value (`request.session["cart"].append(x)`): Django only saves a session whose own items were assigned or deleted.' },
  { name: 'accessed', kind: 'property', signature: 'accessed: bool', doc: 'True once the session was read; the middleware then adds `Vary: Cookie` to the response.' },
  { name: 'session_key', kind: 'property', signature: 'session_key: str | None', doc: 'The key identifying this session in the store and in the cookie. A secret: never log it.' },
];

export function sessionMember(name: string): SessionMember | undefined {
  return SESSION_API.find((m) => m.name === name);
}

export function memberMarkdown(member: SessionMember): string {
  return `\`\`\`python\nrequest.session.${member.signature}\n\`\`\`\n\n${member.doc}`;
}
