// The datetime module's pickled states (10/4/6-byte strings) rebuilt as isoformat strings.
import { CodecError } from '../errors';
import type { PyJson } from '../types';
import { Built, Tz, offsetName } from './values';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const micro = (us: number) => (us ? `.${pad(us, 6)}` : '');

export interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
}

/** `datetime.__reduce__` state: year (2 bytes), month (bit 7 = fold), day, h, m, s, us (3 bytes). */
export function wallFromState(state: Uint8Array): Wall {
  if (state.length !== 10) throw new CodecError('bad datetime state');
  const wall = {
    year: state[0] * 256 + state[1],
    month: state[2] & 0x7f,
    day: state[3],
    hour: state[4],
    minute: state[5],
    second: state[6],
    microsecond: (state[7] << 16) | (state[8] << 8) | state[9],
  };
  checkWall(wall);
  return wall;
}

export function checkWall(w: Wall): void {
  const ok =
    w.year >= 1 && w.year <= 9999 && w.month >= 1 && w.month <= 12 && w.day >= 1 && w.day <= daysIn(w.year, w.month) &&
    w.hour <= 23 && w.minute <= 59 && w.second <= 59 && w.microsecond <= 999999 &&
    [w.hour, w.minute, w.second, w.microsecond].every((n) => Number.isInteger(n) && n >= 0);
  if (!ok) throw new CodecError('ValueError: datetime field out of range');
}

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function dateIso(w: Pick<Wall, 'year' | 'month' | 'day'>): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

function timeIso(w: Pick<Wall, 'hour' | 'minute' | 'second' | 'microsecond'>): string {
  return `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${micro(w.microsecond)}`;
}

/** `datetime.isoformat()`; a named zone's offset comes from the platform time-zone data. */
export function datetimeValue(w: Wall, tz: Tz | null): Built {
  const base = `${dateIso(w)}T${timeIso(w)}`;
  if (tz === null) return new Built({ $type: 'datetime', value: base });
  const offset = tz.offsetSeconds ?? (tz.zone ? zoneOffset(tz.zone, w) : null);
  const json: Record<string, PyJson> = { $type: 'datetime', value: offset === null ? base : base + offsetName(offset) };
  if (tz.zone) json.tz = tz.zone;
  return new Built(json);
}

export function dateValue(state: Uint8Array): Built {
  if (state.length !== 4) throw new CodecError('bad date state');
  const w = { year: state[0] * 256 + state[1], month: state[2], day: state[3], hour: 0, minute: 0, second: 0, microsecond: 0 };
  checkWall(w);
  return new Built({ $type: 'date', value: dateIso(w) });
}

export function timeValue(state: Uint8Array, tz: Tz | null): Built {
  if (state.length !== 6) throw new CodecError('bad time state');
  const w = { year: 2000, month: 1, day: 1, hour: state[0] & 0x7f, minute: state[1], second: state[2], microsecond: (state[3] << 16) | (state[4] << 8) | state[5] };
  checkWall(w);
  const offset = tz?.offsetSeconds ?? null;
  return new Built({ $type: 'time', value: timeIso(w) + (offset === null ? '' : offsetName(offset)) });
}

/** `timedelta(days, seconds, microseconds)`, normalised as Python does, with its str(). */
export function timedeltaValue(days: bigint, seconds: bigint, microseconds: bigint): Built {
  const total = (days * 86400n + seconds) * 1_000_000n + microseconds;
  const dayUs = 86_400_000_000n;
  let d = total / dayUs;
  let rest = total % dayUs;
  if (rest < 0n) {
    rest += dayUs;
    d -= 1n;
  }
  if (d > 999_999_999n || d < -999_999_999n) throw new CodecError('OverflowError: timedelta out of range');
  const s = Number(rest / 1_000_000n);
  const us = Number(rest % 1_000_000n);
  const dayText = d !== 0n ? `${d} day${d === 1n || d === -1n ? '' : 's'}, ` : '';
  const text = `${dayText}${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}${micro(us)}`;
  return new Built({ $type: 'timedelta', value: text, days: Number(d), seconds: s, microseconds: us });
}

/** Total seconds of a timedelta Built (for timezone offsets). */
export function timedeltaSeconds(value: Built): number {
  const json = value.json as Record<string, number>;
  return json.days * 86400 + json.seconds;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetAt(zone: string, utcMs: number): number {
  let format = formatters.get(zone);
  if (format === undefined) {
    if (formatters.size > 64) formatters.clear();
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, format);
  }
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(utcMs))) parts[p.type] = Number(p.value);
  const local = utcFromWall({ year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second, microsecond: 0 });
  return Math.round((local - Math.floor(utcMs / 1000) * 1000) / 1000);
}

export function utcFromWall(w: Wall): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, Math.floor(w.microsecond / 1000));
  return d.getTime();
}

/** UTC offset of an IANA zone at a wall time (fold=0), or null when the zone is unknown here. */
function zoneOffset(zone: string, w: Wall): number | null {
  try {
    const wall = utcFromWall(w);
    const first = offsetAt(zone, wall);
    return offsetAt(zone, wall - first * 1000);
  } catch {
    return null;
  }
}
