// salted_hmac and Signer.signature, with the derived keys cached: Django hashes
// `salt + "signer" + secret` on every call, which dominates a decode loop.
// Signatures are HMACs built from one-shot `crypto.hash` calls over per-key buffers that already
// hold the ipad/opad blocks: no Hmac object, no Buffer per call (measured ~2.5x faster than
// createHmac for session-sized messages). Checking a sha256 signature goes further: the inner
// hash is one native call over WebAssembly memory, the outer hash, base64url and the comparison
// run in the module (wasm/inflate.c). `crypto.hash` is Node 20.12+; older runtimes (VS Code's
// Electron) take createHmac with a cached KeyObject. (A pure-JS SHA-256 was measured at ~0.9 µs
// per block, slower than either native path.)
import * as crypto from 'node:crypto';
import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { wasmHmacSha256Matches, wasmLoadText } from './wasm/blob';

export type HashAlgorithm = 'sha256' | 'sha1';

type OneShotHash = (algorithm: string, data: Uint8Array, outputEncoding: 'latin1' | 'base64url') => string;
const oneShotHash = (crypto as unknown as { hash?: OneShotHash }).hash;

const MAX_CACHED_KEYS = 256;
const BLOCK = 64;

interface KeyState {
  algorithm: HashAlgorithm;
  keySalt: string;
  secret: string;
  key: Buffer;
  keyObject: KeyObject;
  /** `key ^ ipad`, then room for the message (grown on demand). */
  inner: Buffer;
  /** `key ^ opad`, then the inner digest. */
  outer: Buffer;
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
    // The derived key is a digest (20 or 32 bytes): shorter than a block, so it is used as is.
    const key = createHash(algorithm).update(keySalt + secret, 'utf8').digest();
    const inner = Buffer.alloc(BLOCK + 1024);
    const outer = Buffer.alloc(BLOCK + key.length);
    for (let i = 0; i < BLOCK; i++) {
      inner[i] = (key[i] ?? 0) ^ 0x36;
      outer[i] = (key[i] ?? 0) ^ 0x5c;
    }
    state = { algorithm, keySalt, secret, key, keyObject: createSecretKey(key), inner, outer };
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

/** The "signer" key salt of a salt: the same string each call (a fresh concatenation would be
 * flattened again by every key-cache comparison). */
function signerKeySalt(salt: string): string {
  if (salt !== lastSalt) {
    lastSalt = salt;
    lastSignerSalt = `${salt}signer`;
  }
  return lastSignerSalt;
}

/**
 * `constant_time_compare(signature, Signer.signature(signed))` where `value` is
 * `signed:signature`. A 43-char (sha256) signature on an ASCII value is
 * checked in WebAssembly over the value's bytes, which the payload decoder then reads in place.
 */
export function signatureMatches(salt: string, value: string, signed: string, signature: string, secret: string, algorithm: HashAlgorithm): boolean {
  const n = signed.length;
  if (algorithm === 'sha256' && signature.length === 43 && oneShotHash !== undefined && n + 44 === value.length && wasmLoadText(value)) {
    return wasmHmacSha256Matches(keyState('sha256', signerKeySalt(salt), secret).key, oneShotHash, n, n + 1);
  }
  return constantTimeEqual(signature, signerSignature(salt, signed, secret, algorithm));
}

/** `Signer.signature(value, key)`: base64url (no padding) of the HMAC keyed by salt + "signer". */
export function signerSignature(salt: string, value: string, secret: string, algorithm: HashAlgorithm): string {
  const state = keyState(algorithm, signerKeySalt(salt), secret);
  if (oneShotHash === undefined) return createHmac(algorithm, state.keyObject).update(value, 'utf8').digest('base64url');
  return hmacOneShot(oneShotHash, state, value);
}

/** HMAC = H(key^opad || H(key^ipad || message)), each H one native call over a prepared buffer. */
function hmacOneShot(hash: OneShotHash, state: KeyState, value: string): string {
  // UTF-8 takes at most 3 bytes per UTF-16 unit.
  if (state.inner.length < BLOCK + value.length * 3) {
    const grown = Buffer.alloc(BLOCK + value.length * 3);
    state.inner.copy(grown, 0, 0, BLOCK);
    state.inner = grown;
  }
  const inner = state.inner;
  const length = inner.write(value, BLOCK, 'utf8');
  const innerDigest = hash(state.algorithm, inner.subarray(0, BLOCK + length), 'latin1');
  state.outer.write(innerDigest, BLOCK, 'latin1');
  return hash(state.algorithm, state.outer, 'base64url');
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
