// The Session Keys view's data: KeysResult sorted and cross-checked with what is seen live. Pure.
import type { KeySummary } from '../../../common/protocol';

export type KeyAccess = KeySummary['accesses'][number];

/** Keys with a fixed name first (alphabetical), then patterns (f-strings, computed keys). */
export function sortKeys(keys: KeySummary[]): KeySummary[] {
  return [...keys].sort((a, b) => Number(a.pattern) - Number(b.pattern) || (a.key ?? '').localeCompare(b.key ?? ''));
}

export function keyLabel(k: KeySummary): string {
  return k.key ?? '(dynamic key)';
}

/** `str, int · 3 reads, 1 write`. */
export function keyDescription(k: KeySummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const counts = [plural(k.reads, 'read'), plural(k.writes, 'write')];
  if (k.deletes) counts.push(plural(k.deletes, 'delete'));
  const types = k.types.length ? `${k.types.join(' | ')} · ` : '';
  return `${types}${counts.join(', ')}`;
}

/** Names written by code (or by Django/installed apps), for marking live keys nobody writes. */
export function writtenKeys(keys: KeySummary[]): Set<string> {
  return new Set(keys.filter((k) => k.key !== null && (k.writes > 0 || k.builtin)).map((k) => k.key as string));
}

/** The first write of a key (for "go to code"), else its first access. */
export function firstWrite(keys: KeySummary[], name: string): KeyAccess | undefined {
  const k = keys.find((x) => x.key === name);
  if (!k) return undefined;
  return k.accesses.find((a) => a.op === 'write') ?? k.accesses[0];
}

/** A code key never seen in any loaded live session (only meaningful once sessions were loaded). */
export function neverSeenLive(k: KeySummary, seen: Set<string>): boolean {
  return k.key !== null && !k.pattern && !k.builtin && k.writes > 0 && !seen.has(k.key);
}
