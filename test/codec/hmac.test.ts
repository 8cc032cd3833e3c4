// Signer signatures (one-shot crypto.hash over prepared ipad/opad buffers) against node:crypto's
// HMAC over Django's derived key, on random messages: ASCII, non-ASCII, block-boundary lengths,
// and messages longer than the per-key buffer's first size.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { signatureMatches, signerSignature, type HashAlgorithm } from '../../server/src/codec/hmac';
import { setWasmEnabledForTests } from '../../server/src/codec/wasm/blob';

function expected(salt: string, value: string, secret: string, algorithm: HashAlgorithm): string {
  const key = createHash(algorithm).update(`${salt}signer${secret}`).digest();
  return createHmac(algorithm, key).update(value, 'utf8').digest('base64url');
}

test('signatures equal node:crypto HMACs over the derived key, every length around block boundaries', () => {
  for (const algorithm of ['sha256', 'sha1'] as const) {
    for (let length = 0; length <= 200; length++) {
      const value = 'ab:c'.repeat(60).slice(0, length);
      assert.equal(signerSignature('salt', value, 'secret', algorithm), expected('salt', value, 'secret', algorithm), `${algorithm} length ${length}`);
    }
  }
});

test('random messages, salts and secrets (unicode, long, lone surrogates) sign as node:crypto does', () => {
  fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ minLength: 1000, maxLength: 5000 }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 100 })),
    fc.constantFrom('django.contrib.sessions.SessionStore', 'other', 'é'), fc.constantFrom('s1', 'secret-2', 'ключ'), fc.constantFrom('sha256' as const, 'sha1' as const),
    (value, salt, secret, algorithm) => {
      assert.equal(signerSignature(salt, value, secret, algorithm), expected(salt, value, secret, algorithm));
    }), { numRuns: 1500, seed: 7 });
});

test('a key change between calls is honoured (no stale per-key buffer)', () => {
  const long = 'x'.repeat(3000);
  for (const [salt, secret] of [['a', 'k1'], ['a', 'k2'], ['b', 'k1'], ['a', 'k1']]) {
    assert.equal(signerSignature(salt, long, secret, 'sha256'), expected(salt, long, secret, 'sha256'));
    assert.equal(signerSignature(salt, 'short', secret, 'sha256'), expected(salt, 'short', secret, 'sha256'));
  }
});

/** `signed:signature` checked by signatureMatches (WebAssembly for sha256 ASCII values). */
function matches(salt: string, signed: string, signature: string, secret: string, algorithm: HashAlgorithm): boolean {
  return signatureMatches(salt, `${signed}:${signature}`, signed, signature, secret, algorithm);
}

test('signature checks: the right signature matches, any other does not (wasm and JS paths)', () => {
  for (const wasm of [true, false]) {
    setWasmEnabledForTests(wasm);
    try {
      fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 50 })), fc.constantFrom('s1', 'ключ'), fc.constantFrom('sha256' as const, 'sha1' as const), fc.nat(), fc.nat(),
        (signed, secret, algorithm, at, flip) => {
          const good = expected('salt', signed, secret, algorithm);
          assert.equal(matches('salt', signed, good, secret, algorithm), true);
          assert.equal(matches('salt', signed, good, `${secret}x`, algorithm), false);
          const i = at % good.length;
          const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_é';
          const other = alphabet[flip % alphabet.length];
          const bad = good.slice(0, i) + other + good.slice(i + 1);
          assert.equal(matches('salt', signed, bad, secret, algorithm), bad === good);
          assert.equal(matches('salt', signed, good.slice(0, -1), secret, algorithm), false);
          assert.equal(matches('salt', signed, `${good}A`, secret, algorithm), false);
          // The same text checked twice in a row (the loaded-text shortcut) and after another one.
          assert.equal(matches('salt', signed, good, secret, algorithm), true);
        }), { numRuns: 600, seed: 5 });
    } finally {
      setWasmEnabledForTests(true);
    }
  }
});
