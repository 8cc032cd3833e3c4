// Turns what a store holds (key, decoded value, store-side expiry) into the LiveSession shells show.
import { sessionExpiry, sessionUser } from '../codec';
import { isPast } from '../codec/expiry';
import type { DecodedSession, PyJson } from '../codec/types';
import type { LiveSession } from './types';

export interface StoredFacts {
  expires: string | null;
  ttl?: number | null;
  size: number;
}

/** A value that could not be read at all; the page goes on. */
export function undecodable(reason: string): DecodedSession {
  return { status: 'undecodable', reason, data: null, user: null, expiry: null };
}

/** A session dict the cache stored without signing (cache backends, django-redis JSON/msgpack). */
export function unsignedSession(data: unknown, format: DecodedSession['format'], now: Date): DecodedSession {
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return undecodable(`value is not a session dict (${Array.isArray(data) ? 'list' : data === null ? 'None' : typeof data})`);
  }
  const dict = data as Record<string, PyJson>;
  const session: DecodedSession = { status: 'valid', data: dict, user: sessionUser(dict), expiry: null, format };
  const expiry = sessionExpiry(dict);
  if (expiry?.kind === 'age') session.expiryAge = expiry.seconds;
  if (expiry?.kind === 'at') session.expiry = expiry.iso;
  if (isPast(expiry, now)) Object.assign(session, { status: 'expired', reason: `_session_expiry ${expiry?.kind === 'at' ? expiry.iso : ''} has passed` });
  return session;
}

/** Combines the decoded value with the store's own expiry; a valid session past it is `expired`. */
export function liveSession(key: string, decoded: DecodedSession, facts: StoredFacts, now: Date): LiveSession {
  const past = facts.expires !== null && Date.parse(facts.expires) <= now.getTime();
  const status = decoded.status === 'valid' && past ? 'expired' : decoded.status;
  const session: LiveSession = { ...decoded, status, key, expires: facts.expires, size: facts.size };
  if (facts.ttl !== undefined) session.ttl = facts.ttl;
  return session;
}

/** Case-insensitive substring match on key, user or the decoded data. */
export function matchesFilter(session: LiveSession, filter: string | undefined): boolean {
  if (!filter) return true;
  const needle = filter.toLowerCase();
  if (session.key.toLowerCase().includes(needle)) return true;
  if (session.user?.toLowerCase().includes(needle)) return true;
  return session.data !== null && JSON.stringify(session.data).toLowerCase().includes(needle);
}
