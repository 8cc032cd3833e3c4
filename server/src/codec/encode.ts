// Writers, byte-identical to Django: signing.dumps(compress=True) for session_data and signed
// cookies, and the pre-3.1 legacy format (what 3.1/3.2 write with DEFAULT_HASHING_ALGORITHM='sha1').
import { b62Encode } from './base62';
import { b64urlEncode } from './base64';
import { saltedHmac, type HashAlgorithm } from './hmac';
import { dumpPythonJson, type PyEncodable } from './pyjson/dump';
import { COOKIE_SALT, SESSION_SALT } from './session';
import { sign } from './signing';
import { deflatePython } from './zlib';

export interface SignOptions {
  /** Default: the session salt (`django.contrib.sessions.SessionStore`), or the cookie salt for signCookie. */
  salt?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Default sha256; sha1 is what 3.1/3.2 sign with DEFAULT_HASHING_ALGORITHM='sha1'. */
  algorithm?: HashAlgorithm;
  /** Default true, as sessions always call dumps(compress=True). */
  compress?: boolean;
}

/** `signing.dumps(obj, key=secret, salt=..., compress=...)` with a fixed or current timestamp. */
export function signingDumps(obj: PyEncodable, secret: string, opts: SignOptions & { salt: string }): string {
  const json = Buffer.from(dumpPythonJson(obj), 'latin1');
  let payload = b64urlEncode(json);
  if (opts.compress ?? true) {
    const compressed = deflatePython(json);
    // Django compresses only when it saves more than one byte.
    if (compressed.length < json.length - 1) payload = `.${b64urlEncode(compressed)}`;
  }
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  return sign(payload, b62Encode(timestamp), opts.salt, secret, opts.algorithm ?? 'sha256');
}

/** `SessionStore().encode(obj)` for db, cached_db and file stores (Django 3.1+). */
export function encodeSessionData(obj: PyEncodable, secret: string, opts: SignOptions = {}): string {
  return signingDumps(obj, secret, { ...opts, salt: opts.salt ?? SESSION_SALT });
}

/** The `signed_cookies` backend's cookie value for a session dict. */
export function signCookie(obj: PyEncodable, secret: string, opts: SignOptions = {}): string {
  return signingDumps(obj, secret, { ...opts, salt: opts.salt ?? COOKIE_SALT });
}

/** Pre-3.1 `session_data`: base64(sha1 hexhash + ":" + JSON), hash salt "django.contrib.sessions" + class name. */
export function encodeLegacySessionData(obj: PyEncodable, secret: string, className = 'SessionStore'): string {
  const serialized = Buffer.from(dumpPythonJson(obj), 'latin1');
  const hash = saltedHmac('sha1', `django.contrib.sessions${className}`, serialized, secret).toString('hex');
  return Buffer.concat([Buffer.from(`${hash}:`, 'latin1'), serialized]).toString('base64');
}
