// salted_hmac and Signer.signature, with the derived keys cached: Django hashes
// `salt + "signer" + secret` on every call, which dominates a decode loop.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type HashAlgorithm = 'sha256' | 'sha1';

const MAX_CACHED_KEYS = 256;
const derivedKeys = new Map<string, Buffer>();

/** `H(key_salt + secret)`: the HMAC key of `salted_hmac`. */
let last: { algorithm: HashAlgorithm; keySalt: string; secret: string; key: Buffer } | null = null;

export function derivedKey(algorithm: HashAlgorithm, keySalt: string, secret: string): Buffer {
  // A decode loop uses one key over and over: skip building and hashing the map id.
  if (last !== null && last.secret === secret && last.keySalt === keySalt && last.algorithm === algorithm) return last.key;
  const id = `${algorithm}\u0000${keySalt}\u0000${secret}`;
  let key = derivedKeys.get(id);
  if (key === undefined) {
    if (derivedKeys.size >= MAX_CACHED_KEYS) derivedKeys.clear();
    key = createHash(algorithm).update(keySalt + secret, 'utf8').digest();
    derivedKeys.set(id, key);
  }
  last = { algorithm, keySalt, secret, key };
  return key;
}

/** `salted_hmac(key_salt, value, secret, algorithm).digest()`. */
export function saltedHmac(algorithm: HashAlgorithm, keySalt: string, value: string | Uint8Array, secret: string): Buffer {
  const mac = createHmac(algorithm, derivedKey(algorithm, keySalt, secret));
  return typeof value === 'string' ? mac.update(value, 'utf8').digest() : mac.update(value).digest();
}

/** `Signer.signature(value, key)`: base64url (no padding) of the HMAC keyed by salt + "signer". */
export function signerSignature(salt: string, value: string, secret: string, algorithm: HashAlgorithm): string {
  return saltedHmac(algorithm, `${salt}signer`, value, secret).toString('base64url');
}

/** `constant_time_compare`: contents compared in constant time; only lengths may differ fast. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
