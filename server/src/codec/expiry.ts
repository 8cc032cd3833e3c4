// What a session dict says about its user and its expiry, whatever the Django version wrote.
import { utcFromWall } from './pickle/datetime';
import { isTagged } from './pyjson/tags';
import type { PyJson, SessionExpiry } from './types';

/** `_auth_user_id` as a string (Django stores `pk.value_to_string`; old pickles may hold an int). */
export function sessionUser(data: Record<string, PyJson> | null): string | null {
  const id = data?._auth_user_id;
  if (typeof id === 'string') return id;
  if (typeof id === 'number') return String(id);
  if (id !== undefined && isTagged(id) && (id.$type === 'int' || id.$type === 'uuid') && typeof id.value === 'string') return id.value;
  return null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?(Z|[+-]\d{2}:?\d{2}(?::?\d{2}(?:\.\d{1,6})?)?)?$/;

/** `_session_expiry`: an int (seconds of inactivity, ≤4.0 and 4.1+), a pickled datetime (≤4.0), an ISO string (4.1+). */
export function sessionExpiry(data: Record<string, PyJson> | null): SessionExpiry | null {
  const raw = data?._session_expiry;
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'number') return { kind: 'age', seconds: raw };
  if (typeof raw === 'string') return moment(raw);
  if (isTagged(raw)) {
    if (raw.$type === 'int' && typeof raw.value === 'string') return { kind: 'age', seconds: Number(raw.value) };
    if (raw.$type === 'datetime' && typeof raw.value === 'string') return moment(raw.value);
  }
  return null;
}

function moment(iso: string): SessionExpiry {
  const m = ISO.exec(iso.trim());
  if (m === null) return { kind: 'at', iso, epochMs: null, naive: true };
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const wall = { year: +y, month: +mo, day: +d, hour: +h, minute: +mi, second: +s, microsecond: Number(frac.padEnd(6, '0')) };
  const ms = utcFromWall(wall) - offsetMs(zone);
  return { kind: 'at', iso, epochMs: Number.isNaN(ms) ? null : ms, naive: zone === undefined };
}

function offsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const digits = zone.slice(1).replace(/:/g, '');
  const seconds = Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60 + Number(digits.slice(4, 6) || 0);
  return (zone[0] === '-' ? -seconds : seconds) * 1000;
}

/** Django's `get_expiry_age() <= 0`: whole seconds left, so under one second left is expired. */
export function isPast(expiry: SessionExpiry | null, now: Date): boolean {
  return expiry?.kind === 'at' && expiry.epochMs !== null && expiry.epochMs - now.getTime() < 1000;
}
