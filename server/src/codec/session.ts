// Session decoding for every store: db/cached_db/file `session_data` (signed or legacy), signed
// cookies, and raw pickled dicts from cache backends. Never throws: every outcome is a status.
import { b64stdDecode } from './base64';
import { reasonOf } from './errors';
import { isPast, sessionExpiry, sessionUser } from './expiry';
import { saltedHmac } from './hmac';
import { deserialize, deserializePayload, type DeserializedPayload } from './payload';
import { tryUnpickle } from './pickle/index';
import { isTagged, setKey } from './pyjson/tags';
import { isTooOld, splitSignature, splitTimestamp, verifySignature } from './signing';
import type { DecodedSession, DecodeOptions, PickleLimits, PyJson } from './types';

export const SESSION_SALT = 'django.contrib.sessions.SessionStore';
export const COOKIE_SALT = 'django.contrib.sessions.backends.signed_cookies';
export const DEFAULT_COOKIE_AGE = 1_209_600;
const SALT_PREFIX = 'django.contrib.sessions.';

/** `SessionBase.decode`: the 3.1+ signed format, or the pre-3.1 legacy one (no ":" in it). */
export function decodeSessionData(value: string, opts: DecodeOptions): DecodedSession {
  try {
    const text = String(value);
    // From the end: a signed value's last ':' is 28 or 44 characters from it (a scan from the start crosses the whole payload).
    if (text.lastIndexOf(':') < 0) return decodeLegacy(text, opts);
    return decodeSigned(text, opts, opts.salt ?? SESSION_SALT, opts.maxAge);
  } catch (error) {
    return undecodable(reasonOf(error));
  }
}

/** The `signed_cookies` backend: the cookie value is the signed session; max_age = SESSION_COOKIE_AGE. */
export function decodeSignedCookie(value: string, opts: DecodeOptions): DecodedSession {
  try {
    return decodeSigned(String(value), opts, opts.salt ?? COOKIE_SALT, opts.maxAge ?? DEFAULT_COOKIE_AGE);
  } catch (error) {
    return undecodable(reasonOf(error));
  }
}

/** A cache backend's value: the session dict pickled, not signed (status valid when it reads). */
export function decodePickledSession(bytes: Uint8Array, opts: { now?: Date; limits?: PickleLimits } = {}): DecodedSession {
  const result = tryUnpickle(bytes, opts.limits);
  if (!result.ok) return undecodable(result.reason, 'pickle');
  return finish({ value: result.value, serializer: 'pickle', skipped: result.skipped.length ? result.skipped : undefined }, session('valid', 'pickle'), opts.now);
}

function decodeSigned(text: string, opts: DecodeOptions, salt: string, maxAge: number | undefined): DecodedSession {
  const blob = splitSignature(text);
  const secrets = opts.secrets ?? [];
  const check = secrets.length > 0 ? verifySignature(blob, salt, secrets, opts.allowLegacy ?? true) : null;
  const badSignature = check !== null && !check.verified ? check.why : null;
  let parts: { payload: string; timestamp: number };
  try {
    parts = splitTimestamp(blob.signed);
  } catch (error) {
    if (badSignature !== null) return { ...undecodable(badSignature, 'signed'), status: 'bad-signature' };
    throw error;
  }
  const { payload, timestamp } = parts;
  let content: DeserializedPayload;
  try {
    // The payload is the value's prefix: the signature check may have put the value in wasm memory already.
    content = deserializePayload(payload, opts.maxInflatedBytes, opts.serializer, text);
  } catch (error) {
    const failed = badSignature !== null ? { ...undecodable(badSignature, 'signed'), status: 'bad-signature' as const } : undecodable(reasonOf(error), 'signed');
    failed.signedAt = timestamp;
    return failed;
  }
  const out = session('valid', 'signed');
  out.signedAt = timestamp;
  if (check === null) {
    out.status = 'no-secret';
    out.reason = 'no SECRET_KEY given: not verified';
  } else if (!check.verified) {
    out.status = 'bad-signature';
    out.reason = check.why;
  } else {
    out.secretIndex = check.secretIndex;
    out.algorithm = check.algorithm;
    if (maxAge !== undefined && isTooOld(timestamp, maxAge, opts.now ?? new Date())) {
      out.status = 'expired';
      out.reason = `signed at ${timestamp} (Unix seconds), older than max_age ${maxAge}s`;
    }
  }
  return finish(content, out, opts.now);
}

/** A result with nothing decoded yet. */
function session(status: DecodedSession['status'], format: DecodedSession['format']): DecodedSession {
  return { status, data: null, user: null, expiry: null, format };
}

/** Pre-3.1 `base64(hexhash:serialized)`, hash = salted_hmac sha1 keyed by "django.contrib.sessions" + class name. */
function decodeLegacy(text: string, opts: DecodeOptions): DecodedSession {
  if (/[^\p{ASCII}]/u.test(text)) return undecodable('bad base64: not ASCII', 'legacy');
  const raw = b64stdDecode(text);
  const colon = raw.indexOf(0x3a);
  if (colon < 0) return undecodable('not a signed value and not the legacy format (no hash separator)', 'legacy');
  const hash = raw.subarray(0, colon).toString('utf8');
  const serialized = raw.subarray(colon + 1);
  const keySalt = `django.contrib.sessions${legacyClassName(opts.salt ?? SESSION_SALT)}`;
  const secrets = opts.secrets ?? [];
  const index = secrets.findIndex((secret) => constantTimeHexEqual(hash, saltedHmac('sha1', keySalt, serialized, secret).toString('hex')));
  let content: DeserializedPayload;
  try {
    content = deserialize(serialized, opts.serializer);
  } catch (error) {
    return undecodable(secrets.length && index < 0 ? 'legacy hash does not match SECRET_KEY' : reasonOf(error), 'legacy');
  }
  const out = session('legacy', 'legacy');
  if (secrets.length === 0) {
    out.status = 'no-secret';
    out.reason = 'no SECRET_KEY given: not verified';
  } else if (index < 0) {
    out.status = 'bad-signature';
    out.reason = 'legacy hash does not match SECRET_KEY (Django logs "Session data corrupted")';
  } else {
    out.secretIndex = index;
    out.algorithm = 'sha1';
    if (opts.allowLegacy === false) {
      out.status = 'undecodable';
      out.reason = 'legacy (pre-3.1) format: Django 4.0+ reads it as an empty session';
    }
  }
  return finish(content, out, opts.now);
}

function constantTimeHexEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a.charCodeAt(i) | 0) ^ b.charCodeAt(i);
  return diff === 0;
}

/** `__class__.__name__` of the store whose qualname the salt carries. */
function legacyClassName(salt: string): string {
  const qualname = salt.startsWith(SALT_PREFIX) ? salt.slice(SALT_PREFIX.length) : salt;
  return qualname.split('.').pop() ?? qualname;
}

/** Adds data, user and expiry; a session dict whose `_session_expiry` has passed is expired. */
function finish(content: DeserializedPayload, out: DecodedSession, now?: Date): DecodedSession {
  out.serializer = content.serializer;
  if (content.skipped) out.skipped = content.skipped;
  const value = topLevelDict(content.value);
  if (value === null && isTagged(content.value) && content.value.$type === 'dict') {
    // A real dict (pickles allow non-string keys): Django reads it; only `data` cannot hold it.
    out.value = content.value;
    out.reason = `session dict has keys that are not strings (see value)${out.reason ? `; ${out.reason}` : ''}`;
    return out;
  }
  if (value === null) {
    // Django would fail on it: a session must be a dict. Signature facts (algorithm...) stay.
    out.value = content.value;
    if (out.status !== 'bad-signature') out.status = 'undecodable';
    out.reason = `payload is ${describe(content.value)}, not a session dict${out.reason ? `; ${out.reason}` : ''}`;
    return out;
  }
  out.data = value;
  out.user = sessionUser(out.data);
  const expiry = sessionExpiry(out.data);
  if (expiry?.kind === 'age') out.expiryAge = expiry.seconds;
  if (expiry?.kind === 'at') out.expiry = expiry.iso;
  // The clock is read only for an expiry date (most sessions have none, or an age).
  if ((out.status === 'valid' || out.status === 'legacy') && expiry?.kind === 'at' && isPast(expiry, now ?? new Date())) {
    out.status = 'expired';
    out.reason = `_session_expiry ${out.expiry} has passed`;
  }
  return out;
}

/** The session dict, or null for anything else. At the top level a dict is known to be a dict, so a
 * literal "$type" key needs no tagged form. */
function topLevelDict(value: PyJson): Record<string, PyJson> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  if (!isTagged(value)) return value;
  if (value.$type !== 'dict' || !Array.isArray(value.items)) return null;
  const pairs = value.items as PyJson[][];
  if (!pairs.every((pair) => typeof pair[0] === 'string')) return null;
  const out: Record<string, PyJson> = {};
  for (const [key, item] of pairs) setKey(out, key as string, item);
  return out;
}

function describe(value: PyJson): string {
  if (value === null) return 'None';
  if (Array.isArray(value)) return 'a list';
  if (isTagged(value)) return value.$type === 'object' ? `an object of ${String(value.class)} (not built)` : `a ${value.$type}`;
  return `a ${typeof value === 'string' ? 'str' : typeof value}`;
}

function undecodable(reason: string, format?: DecodedSession['format']): DecodedSession {
  return { status: 'undecodable', reason, data: null, user: null, expiry: null, ...(format ? { format } : {}) };
}
