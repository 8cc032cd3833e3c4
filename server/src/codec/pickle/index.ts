// The safe pickle reader's entry points.
import { CodecError, reasonOf } from '../errors';
import type { PickleLimits, PyJson } from '../types';
import { readPickle } from './reader';
import { DEFAULT_LIMITS, toPyJson } from './values';

export type UnpickleResult =
  | { ok: true; value: PyJson; end: number; skipped: string[] }
  | { ok: false; reason: string };

/** Reads one pickle starting at `start`; never throws. */
export function tryUnpickle(bytes: Uint8Array, limits?: PickleLimits, start = 0): UnpickleResult {
  const bounds = { ...DEFAULT_LIMITS, ...limits };
  try {
    const { value, end, skipped } = readPickle(bytes, bounds, start);
    return { ok: true, value: toPyJson(value, bounds), end, skipped: [...skipped].sort() };
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
}

/** `pickle.loads` without running code. Throws CodecError (with the reason) on bad or unsafe input. */
export function unpickle(bytes: Uint8Array, limits?: PickleLimits): PyJson {
  const result = tryUnpickle(bytes, limits);
  if (!result.ok) throw new CodecError(result.reason);
  return result.value;
}
