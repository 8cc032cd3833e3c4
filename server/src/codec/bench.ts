// What the benchmark calls in a loop: decode + verify of db `session_data`, as Django's
// `SessionStore().decode(data)` does (derived HMAC keys are cached across calls).
import { decodeSessionData } from './session';

/** Decodes every value once; returns how many verified, so the work cannot be optimised away. */
export function decodeSessionDataBatch(values: readonly string[], secrets: string[], salt?: string): number {
  let valid = 0;
  for (const value of values) if (decodeSessionData(value, { secrets, salt }).status === 'valid') valid++;
  return valid;
}
