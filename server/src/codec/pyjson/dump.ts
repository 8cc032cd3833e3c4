// json.dumps(obj, separators=(',', ':')) byte for byte, as Django's JSONSerializer writes it:
// ensure_ascii escapes (surrogate pairs for astral characters), float repr, NaN/Infinity tokens.
import { CodecError } from '../errors';
import type { PyJson } from '../types';

/** What the encoder accepts: PyJson (tagged ints/floats/tuples/dicts too), bigints, Maps for ordered keys. */
export type PyEncodable = PyJson | bigint | undefined | PyEncodable[] | Map<string, PyEncodable> | { [key: string]: PyEncodable };

const MAX_DEPTH = 500;
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const SHORT_ESCAPES: Record<number, string> = { 0x22: '\\"', 0x5c: '\\\\', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x08: '\\b', 0x0c: '\\f' };

export function dumpPythonJson(value: PyEncodable): string {
  return dump(value, 0);
}

/** `py_encode_basestring_ascii`: escapes everything outside ' '..'~', per UTF-16 unit. */
export function pyJsonString(text: string): string {
  if (PLAIN.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code <= 0x7e && code !== 0x22 && code !== 0x5c) out += text[i];
    else out += SHORT_ESCAPES[code] ?? `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/** `float.__repr__`: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  return `${sign}${whole}.${digits.slice(exp + 1) || '0'}`;
}

function pyNumber(x: number): string {
  return Number.isSafeInteger(x) && !Object.is(x, -0) ? String(x) : pyFloatRepr(x);
}

function dump(value: PyEncodable, depth: number): string {
  if (depth > MAX_DEPTH) throw new CodecError('ValueError: Circular reference detected');
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return pyNumber(value);
    case 'bigint':
      return value.toString();
    case 'string':
      return pyJsonString(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => dump(v, depth + 1)).join(',')}]`;
  if (value instanceof Map) return dumpEntries([...value], depth);
  const tag = (value as { $type?: unknown }).$type;
  if (typeof tag === 'string') return dumpTagged(tag, value as Record<string, PyEncodable>, depth);
  return dumpEntries(Object.entries(value), depth);
}

function dumpEntries(entries: Array<[PyEncodable, PyEncodable]>, depth: number): string {
  const parts = entries.map(([k, v]) => `${pyJsonString(dictKey(k))}:${dump(v, depth + 1)}`);
  return `{${parts.join(',')}}`;
}

/** Python's json converts str/int/float/bool/None keys to strings and rejects the rest. */
function dictKey(key: PyEncodable): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'number' || typeof key === 'bigint') return dump(key, 0);
  if (key === true || key === false || key === null) return String(key);
  const tag = (key as { $type?: unknown } | undefined)?.$type;
  if (tag === 'int' || tag === 'float') return dump(key, 0);
  throw new CodecError(`TypeError: keys must be str, int, float, bool or None, not ${String(tag ?? typeof key)}`);
}

function dumpTagged(tag: string, value: Record<string, PyEncodable>, depth: number): string {
  const text = value.value;
  switch (tag) {
    case 'int':
      if (typeof text === 'string' && /^-?\d+$/.test(text)) return BigInt(text).toString();
      break;
    case 'float':
      if (typeof text === 'string' && /^(NaN|-?Infinity|-?\d+(\.\d+)?([eE][-+]?\d+)?)$/.test(text)) {
        return /^(NaN|-?Infinity)$/.test(text) ? text : pyFloatRepr(Number(text));
      }
      break;
    case 'tuple':
      if (Array.isArray(value.items)) return dump(value.items, depth);
      break;
    case 'dict':
      if (Array.isArray(value.items)) {
        return dumpEntries(value.items.map((pair) => (Array.isArray(pair) ? [pair[0], pair[1]] : [pair, null])), depth);
      }
      break;
    default:
      throw new CodecError(`TypeError: Object of type ${tag} is not JSON serializable`);
  }
  throw new CodecError(`TypeError: malformed ${tag} value`);
}
