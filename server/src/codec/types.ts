// What the codec gives back for one stored session, whatever the store.

export type SessionStatus = 'valid' | 'expired' | 'bad-signature' | 'no-secret' | 'legacy' | 'undecodable';

/**
 * A decoded Python value as JSON-safe data. Values JSON cannot carry are tagged objects:
 * `{ "$type": "datetime", "value": "2030-01-02T03:04:05+00:00" }`, likewise date, time, timedelta,
 * Decimal, UUID, bytes (base64), set, frozenset, tuple (items), int beyond 2^53 (string), float
 * NaN/Infinity, and `{ "$type": "object", "class": "module.Name" }` for anything else (never built).
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
}

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
}
