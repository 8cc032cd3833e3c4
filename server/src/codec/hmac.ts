// salted_hmac and Signer.signature, with the derived keys cached: Django hashes
// `salt + "signer" + secret` on every call, which dominates a decode loop. The cached key is a
// KeyObject, so each message costs one native HMAC and no key import. (Measured on Node 20:
// `Hash#copy()` of precomputed inner/outer states and one-shot `crypto.hash` over ipad/opad were
// no faster than this: the JS object per call dominates either way.)
import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';

export type HashAlgorithm = 'sha256' | 'sha1';

const MAX_CACHED_KEYS = 256;

interface KeyState {
  algorithm: HashAlgorithm;
  keySalt: string;
  secret: string;
  key: Buffer;
  keyObject: KeyObject;
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
    const key = createHash(algorithm).update(keySalt + secret, 'utf8').digest();
    state = { algorithm, keySalt, secret, key, keyObject: createSecretKey(key) };
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
  const mac = createHmac(algorithm, keyState(algorithm, keySalt, secret).keyObject);
  return typeof value === 'string' ? mac.update(value, 'utf8').digest() : mac.update(value).digest();
}

/** `Signer.signature(value, key)`: base64url (no padding) of the HMAC keyed by salt + "signer". */
export function signerSignature(salt: string, value: string, secret: string, algorithm: HashAlgorithm): string {
  // The same salt string each call: keep its "signer" key salt (a fresh concatenation would be
  // flattened again by every key-cache comparison).
  if (salt !== lastSalt) {
    lastSalt = salt;
    lastSignerSalt = `${salt}signer`;
  }
  return createHmac(algorithm, keyState(algorithm, lastSignerSalt, secret).keyObject).update(value, 'utf8').digest('base64url');
}

let lastSalt = '';
let lastSignerSalt = 'signer';

/** `constant_time_compare` on str: UTF-8 bytes compared in constant time; only lengths may differ fast. */
export function constantTimeEqual(a: string, b: string): boolean {
  // Equal UTF-16 sequences are equal UTF-8 sequences and vice versa, so compare code units
  // (no buffers); the loop always runs over all of `b`.
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a.charCodeAt(i) | 0) ^ b.charCodeAt(i);
  return diff === 0;
}
