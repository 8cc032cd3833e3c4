// Base64 as CPython's binascii decodes it for Django: characters outside the alphabet are
// dropped (non-strict mode), decoding stops at a complete pad sequence, and a dangling
// single character or missing padding is an error.
import { CodecError } from './errors';

const URLSAFE_CLEAN = /^[A-Za-z0-9_-]*$/;
const STD_CLEAN = /^[A-Za-z0-9+/]*={0,2}$/;

// Index of each character in the standard alphabet; -1 for characters CPython skips.
const STD_TABLE = buildTable('+', '/');

function buildTable(c62: string, c63: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < 62; i++) table[alphabet.charCodeAt(i)] = i;
  table[c62.charCodeAt(0)] = 62;
  table[c63.charCodeAt(0)] = 63;
  return table;
}

/** binascii.a2b_base64(strict_mode=False) over a text whose chars are already translated. */
function a2bLenient(text: string): Buffer {
  const out = Buffer.allocUnsafe(Math.floor((text.length * 3) / 4) + 3);
  let size = 0;
  let quad = 0;
  let pads = 0;
  let left = 0;
  let leftBits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 61 /* = */) {
      if (quad >= 2 && quad + ++pads >= 4) return out.subarray(0, size);
      continue;
    }
    const v = code < 128 ? STD_TABLE[code] : -1;
    if (v < 0) continue;
    pads = 0;
    quad = (quad + 1) & 3;
    left = (left << 6) | v;
    leftBits += 6;
    if (leftBits >= 8) {
      leftBits -= 8;
      out[size++] = (left >> leftBits) & 0xff;
      left &= (1 << leftBits) - 1;
    }
  }
  if (quad === 1) throw new CodecError('bad base64: length is 1 more than a multiple of 4');
  if (quad !== 0) throw new CodecError('bad base64: incorrect padding');
  return out.subarray(0, size);
}

/** Django's `signing.b64_decode`: urlsafe, padding added from the UTF-8 length, lenient. */
export function b64urlDecode(text: string): Buffer {
  if (URLSAFE_CLEAN.test(text)) {
    if (text.length % 4 === 1) throw new CodecError('bad base64: length is 1 more than a multiple of 4');
    return Buffer.from(text, 'base64url');
  }
  const padding = '='.repeat((4 - (Buffer.byteLength(text, 'utf8') % 4)) % 4);
  return a2bLenient(text.replace(/[-_]/g, (c) => (c === '-' ? '+' : '/')) + padding);
}

/** `base64.b64decode(text)` (standard alphabet, non-strict), used by the legacy format. */
export function b64stdDecode(text: string): Buffer {
  if (STD_CLEAN.test(text) && text.length % 4 === 0) return Buffer.from(text, 'base64');
  return a2bLenient(text);
}

/** `base64.urlsafe_b64encode(data).strip(b'=')`. */
export function b64urlEncode(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64url');
}
