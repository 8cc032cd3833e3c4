// salted_hmac and Signer.signature, with the derived keys cached: Django hashes
// `salt + "signer" + secret` on every call, which dominates a decode loop. Per key the HMAC's
// inner and outer hash states (key ^ ipad, key ^ opad, RFC 2104) are computed once; each message
// then costs two `Hash#copy()`s and two digests instead of a new HMAC (and its key schedule).
import { createHash, type Hash } from 'node:crypto';

export type HashAlgorithm = 'sha256' | 'sha1';

const MAX_CACHED_KEYS = 256;
/** Block size of both sha1 and sha256. */
const BLOCK = 64;

interface KeyState {
  algorithm: HashAlgorithm;
  keySalt: string;
  secret: string;
  key: Buffer;
  inner: Hash;
  outer: Hash;
}

const states = new Map<string, KeyState>();
/** A decode loop uses one key over and over: skip building and hashing the map id. */
let last: KeyState | null = null;

function keyState(algorithm: HashAlgorithm, keySalt: string, secret: string): KeyState {
  if (last !== null && last.secret === secret && last.keySalt === keySalt && last.algorithm === algorithm) return last;
  const id = `${algorithm}\u0000${keySalt}\u0000${secret}`;
  let state = states.get(id);
  if (state === undefined) {
    if (states.size >= MAX_CACHED_KEYS) states.clear();
    // `H(key_salt + secret)` is shorter than the block, so it is the HMAC key as is, zero-padded.
    const key = createHash(algorithm).update(keySalt + secret, 'utf8').digest();
    const ipad = Buffer.alloc(BLOCK, 0x36);
    const opad = Buffer.alloc(BLOCK, 0x5c);
    for (let i = 0; i < key.length; i++) {
      ipad[i] ^= key[i];
      opad[i] ^= key[i];
    }
    state = { algorithm, keySalt, secret, key, inner: createHash(algorithm).update(ipad), outer: createHash(algorithm).update(opad) };
    states.set(id, state);
  }
  last = state;
  return state;
}

/** `H(key_salt + secret)`: the HMAC key of `salted_hmac`. */
export function derivedKey(algorithm: HashAlgorithm, keySalt: string, secret: string): Buffer {
  return keyState(algorithm, keySalt, secret).key;
}

/** `salted_hmac(key_salt, value, secret, algorithm).digest()`. */
export function saltedHmac(algorithm: HashAlgorithm, keySalt: string, value: string | Uint8Array, secret: string): Buffer {
  const state = keyState(algorithm, keySalt, secret);
  const inner = typeof value === 'string' ? state.inner.copy().update(value, 'utf8').digest() : state.inner.copy().update(value).digest();
  return state.outer.copy().update(inner).digest();
}

/** `Signer.signature(value, key)`: base64url (no padding) of the HMAC keyed by salt + "signer". */
export function signerSignature(salt: string, value: string, secret: string, algorithm: HashAlgorithm): string {
  return saltedHmac(algorithm, `${salt}signer`, value, secret).toString('base64url');
}

/** `constant_time_compare` on str: UTF-8 bytes compared in constant time; only lengths may differ fast. */
export function constantTimeEqual(a: string, b: string): boolean {
  // Equal UTF-16 sequences are equal UTF-8 sequences and vice versa, so compare code units
  // (no buffers); the loop always runs over all of `b`.
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a.charCodeAt(i) | 0) ^ b.charCodeAt(i);
  return diff === 0;
}
