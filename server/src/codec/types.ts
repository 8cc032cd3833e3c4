// What the codec gives back for one stored session, whatever the store.

export type SessionStatus = 'valid' | 'expired' | 'bad-signature' | 'no-secret' | 'legacy' | 'undecodable';

/**
 * A decoded Python value as JSON-safe data. Values JSON cannot carry are tagged objects:
 * `{ "$type": "datetime", "value": "2030-01-02T03:04:05+00:00" }`, likewise date, time, timedelta,
 * Decimal, UUID, bytes (base64), set, frozenset, tuple (items), int beyond 2^53 (string), float
 * NaN/Infinity, and `{ "$type": "object", "class": "module.Name" }` for anything else (never built).
 * Exact tags (docs/codec.md): datetime/date/time (`value` = Python isoformat, datetime may add `tz`),
 * timedelta (`value` = str(td), `days`, `seconds`, `microseconds`), decimal, uuid, bytes (`value`
 * base64), int (`value` decimal), float (`value` NaN | Infinity | -Infinity, or a repr to force a
 * float when encoding), tuple/set/frozenset (`items`), dict (`items` = [key, value] pairs, used for
 * non-string keys or a literal "$type" key), tzinfo (`value`), cycle (a container inside itself).
 */
export type PyJson = null | boolean | number | string | PyJson[] | { [key: string]: PyJson };

export interface DecodeOptions {
  /** SECRET_KEY first, then SECRET_KEY_FALLBACKS. Empty: decode without verifying (status no-secret). */
  secrets: string[];
  /** `django.contrib.sessions.` + store class qualname; default `django.contrib.sessions.SessionStore`. */
  salt?: string;
  /** Accept sha1 signatures and the legacy format (Django 3.1/3.2 data). Default true. */
  allowLegacy?: boolean;
  /** Seconds; only signed_cookies passes SESSION_COOKIE_AGE. */
  maxAge?: number;
  /** Cap on inflated size (bytes). Default 16 MiB. */
  maxInflatedBytes?: number;
  now?: Date;
  /** How the payload was serialized; 'auto' (default) reads pickle when it starts with PROTO. */
  serializer?: 'json' | 'pickle' | 'auto';
}

/** Bounds of the safe pickle reader (defaults in pickle/limits.ts). */
export interface PickleLimits {
  /** Nesting depth of the decoded value. Default 200. */
  maxDepth?: number;
  /** Values in the decoded output, shared references counted each time. Default 1,000,000. */
  maxNodes?: number;
  /** Bytes of one LONG1/LONG4 integer. Default 4096. */
  maxIntBytes?: number;
}

/** `_session_expiry` read whatever its encoding: seconds of inactivity, or a moment. */
export type SessionExpiry =
  | { kind: 'age'; seconds: number }
  /** `epochMs` is null when the moment is not a valid date; naive datetimes are read as UTC. */
  | { kind: 'at'; iso: string; epochMs: number | null; naive: boolean };

export interface DecodedSession {
  status: SessionStatus;
  /** Why it is not valid (bad base64, zlib, JSON, unknown pickle opcode, ...). */
  reason?: string;
  data: Record<string, PyJson> | null;
  /** `_auth_user_id` when present. */
  user: string | null;
  /** From `_session_expiry` when present (ISO-8601), else null. */
  expiry: string | null;
  /** Which secret verified it: 0 = SECRET_KEY, n = fallback n-1. */
  secretIndex?: number;
  algorithm?: 'sha256' | 'sha1';
  format?: 'signed' | 'legacy' | 'pickle' | 'json';
  /** Serializer of the payload inside a signed or legacy blob. */
  serializer?: 'json' | 'pickle';
  /** The decoded top-level value when it is not a dict (e.g. `signing.dumps("hello")`). */
  value?: PyJson;
  /** When the blob was signed: its base62 timestamp, Unix seconds. */
  signedAt?: number;
  /** `_session_expiry` as seconds of inactivity (int encoding), when present. */
  expiryAge?: number;
  /** Pickle classes met but never built (shown as `{"$type":"object"}`), e.g. `os.system`. */
  skipped?: string[];
}
