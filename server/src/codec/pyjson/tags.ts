// Builders for the tagged PyJson values (see codec/types.ts), shared by the JSON and pickle readers.
import type { PyJson } from '../types';

/** Python ints: plain numbers while exact in a double, else the decimal string. */
export function intValue(value: bigint): PyJson {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : { $type: 'int', value: value.toString() };
}

/** Python floats: plain numbers, except NaN and the infinities JSON cannot carry. */
export function floatValue(value: number): PyJson {
  if (Number.isFinite(value)) return value;
  return { $type: 'float', value: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' };
}

/** Sets a key as an own property, even `__proto__`. */
export function setKey(target: Record<string, PyJson>, key: string, value: PyJson): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** A dict whose keys a JSON object cannot hold unambiguously: `{"$type":"dict","items":[[k,v]...]}`. */
export function dictItems(entries: Array<[PyJson, PyJson]>): PyJson {
  return { $type: 'dict', items: entries.map(([k, v]) => [k, v]) };
}

/** A dict of string keys as a plain object, or the tagged form when a key is "$type". */
export function dictValue(entries: Array<[string, PyJson]>): PyJson {
  if (entries.some(([k]) => k === '$type')) return dictItems(entries);
  const out: Record<string, PyJson> = {};
  for (const [k, v] of entries) setKey(out, k, v);
  return out;
}

export function isTagged(value: PyJson): value is { $type: string; [key: string]: PyJson } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof value.$type === 'string';
}
