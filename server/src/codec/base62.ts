// Django's base62 timestamps (baseconv.base62 up to 3.2, signing.b62_* from 4.0; same alphabet).
import { CodecError } from './errors';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** DIGITS[char code] = its base62 value, -1 outside the alphabet. */
const DIGITS = Int8Array.from({ length: 128 }, (_, c) => ALPHABET.indexOf(String.fromCharCode(c)));

export function b62Encode(value: number): string {
  if (!Number.isSafeInteger(value)) throw new CodecError(`timestamp ${value} is not a safe integer`);
  if (value === 0) return '0';
  let n = Math.abs(value);
  let out = '';
  while (n > 0) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return value < 0 ? `-${out}` : out;
}

/** Decodes like Django: "0", an optional "-", then alphabet characters only. */
export function b62Decode(text: string): number {
  if (text.length === 0) throw new CodecError('bad timestamp: empty');
  const negative = text[0] === '-';
  let value = 0;
  for (let i = negative ? 1 : 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? DIGITS[code] : -1;
    if (digit < 0) throw new CodecError('bad timestamp: not base62');
    value = value * 62 + digit;
  }
  return negative ? -value : value;
}
