// Pure formatting for the views: masking, time to expiry, value previews. No vscode import.

/** `abcd…wxyz`: enough to tell sessions apart, not enough to use one. */
export function maskKey(key: string): string {
  if (key.length <= 8) return '•'.repeat(Math.max(key.length, 4));
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}

/** Masks every occurrence of the given secrets (session keys, SECRET_KEY) in a message. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(maskKey(s));
  return out;
}

const units: [number, string][] = [[86400, 'd'], [3600, 'h'], [60, 'm'], [1, 's']];

/** `3h 12m`: the two largest units of a duration in seconds. */
export function formatDuration(seconds: number): string {
  let rest = Math.max(0, Math.round(seconds));
  const parts: string[] = [];
  for (const [size, unit] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    } else if (parts.length) break;
  }
  return parts.length ? parts.join(' ') : '0s';
}

/** `in 3h 12m`, `expired 2d 1h ago`, `never expires`, or `?` for an unreadable date. */
export function timeToExpiry(expires: string | null, now: Date = new Date()): string {
  if (expires === null) return 'never expires';
  const at = Date.parse(expires);
  if (Number.isNaN(at)) return 'expiry unknown';
  const seconds = (at - now.getTime()) / 1000;
  return seconds >= 0 ? `in ${formatDuration(seconds)}` : `expired ${formatDuration(-seconds)} ago`;
}

/** Latest expiry first; sessions that never expire on top; unreadable dates last. */
export function byNewestExpiry<T extends { expires: string | null }>(a: T, b: T): number {
  const time = (s: T) => (s.expires === null ? Infinity : Number.isNaN(Date.parse(s.expires)) ? -Infinity : Date.parse(s.expires));
  const [ta, tb] = [time(a), time(b)];
  return ta === tb ? 0 : ta > tb ? -1 : 1;
}

export type StatusKind = 'valid' | 'expired' | 'bad-signature' | 'no-secret' | 'legacy' | 'undecodable' | 'unknown';

export function statusKind(status: string): StatusKind {
  const known: StatusKind[] = ['valid', 'expired', 'bad-signature', 'no-secret', 'legacy', 'undecodable'];
  return (known as string[]).includes(status) ? (status as StatusKind) : 'unknown';
}

export const statusText: Record<StatusKind, string> = {
  valid: 'valid signature',
  expired: 'expired',
  'bad-signature': 'bad signature (wrong SECRET_KEY or tampered)',
  'no-secret': 'not verified (no SECRET_KEY set)',
  legacy: 'legacy format (Django < 3.1)',
  undecodable: 'undecodable',
  unknown: 'unknown status',
};

/** A decoded value's tagged form (`{"$type": "datetime", ...}`) from the codec. */
export function pyType(value: unknown): string | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const t = (value as Record<string, unknown>).$type;
    if (typeof t === 'string') return t;
  }
  return undefined;
}

/** One-line preview of a decoded value, capped so a huge value never floods a tree label. */
export function preview(value: unknown, max = 80): string {
  const tag = pyType(value);
  let text: string;
  if (tag) {
    const v = value as Record<string, unknown>;
    const inner = 'value' in v ? v.value : 'items' in v ? v.items : 'class' in v ? v.class : undefined;
    text = `${tag}(${inner === undefined ? '' : typeof inner === 'string' ? inner : JSON.stringify(inner)})`;
  } else if (Array.isArray(value)) text = `[${value.length} items]`;
  else if (value && typeof value === 'object') text = `{${Object.keys(value).length} keys}`;
  else text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Children of a decoded value for the tree: dict entries, list items, tagged collections' items. */
export function childrenOf(value: unknown): { name: string; value: unknown }[] {
  const tag = pyType(value);
  if (tag) {
    const items = (value as Record<string, unknown>).items;
    return Array.isArray(items) ? items.map((v, i) => ({ name: `[${i}]`, value: v })) : [];
  }
  if (Array.isArray(value)) return value.map((v, i) => ({ name: `[${i}]`, value: v }));
  if (value && typeof value === 'object') return Object.entries(value).map(([name, v]) => ({ name, value: v }));
  return [];
}
