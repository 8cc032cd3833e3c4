// The JS zlib inflater (used for session-sized blobs) against Node's zlib: same bytes out on
// every kind of stream, the same refusals on broken ones, and the size cap.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { deflate } from 'pako';
import { CodecError } from '../../server/src/codec/errors';
import { zlibInflate } from '../../server/src/codec/inflate';
import { inflateCapped } from '../../server/src/codec/zlib';

const CAP = 1 << 24;

function sample(kind: number, size: number, seed: number): Buffer {
  if (kind === 0) return Buffer.from(Array.from({ length: size }, (_, i) => (Math.imul(i + seed, 2654435761) >>> 24) & 0xff));
  if (kind === 1) return Buffer.from('ab'.repeat(size));
  return Buffer.from(Array.from({ length: size }, (_, j) => 'abcdefgh'[(j * j + seed) % 8]).join(''));
}

test('stored, fixed and dynamic blocks of every size inflate exactly as zlib does', () => {
  let streams = 0;
  for (const size of [0, 1, 2, 10, 300, 5000, 70000, 200000]) {
    for (const kind of [0, 1, 2]) {
      const data = sample(kind, size, size + kind);
      for (const level of [0, 1, 6, 9] as const) {
        for (const z of [deflateSync(data, { level }), Buffer.from(deflate(data, { level }))]) {
          assert.ok(Buffer.from(zlibInflate(z, CAP)).equals(inflateSync(z)), `size ${size} kind ${kind} level ${level}`);
          streams++;
        }
      }
    }
  }
  assert.equal(streams, 8 * 3 * 4 * 2);
});

test('random bytes and mutated streams: same verdict as zlib, only CodecErrors', () => {
  const valid = deflateSync(Buffer.from(JSON.stringify({ _auth_user_id: '1', cart: [1, 2, 3], note: 'x'.repeat(50) })));
  fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat()).map(([at, v, cut]) => {
    const out = Buffer.from(valid);
    out[at % out.length] = v;
    return cut % 3 === 0 ? out.subarray(0, cut % out.length) : out;
  })), (bytes) => {
    let native: Buffer | null;
    try {
      native = inflateSync(bytes);
    } catch {
      native = null;
    }
    let mine: Uint8Array | null = null;
    try {
      mine = zlibInflate(bytes, CAP);
    } catch (error) {
      assert.ok(error instanceof CodecError, String(error));
    }
    assert.equal(mine === null, native === null, `verdicts differ on ${Buffer.from(bytes).toString('hex')}`);
    if (mine && native) assert.ok(Buffer.from(mine).equals(native));
  }), { numRuns: 3000, seed: 31 });
});

test('checks zlib does: header, preset dictionary, truncation, Adler-32, distance too far back', () => {
  const z = deflateSync(Buffer.from('hello hello hello hello'));
  assert.throws(() => zlibInflate(Buffer.concat([Buffer.from([0x78, 0x9d]), z.subarray(2)]), CAP), /header/);
  assert.throws(() => zlibInflate(Buffer.from([0x78, 0xbb, 0, 0, 0, 0]), CAP), /dictionary/);
  assert.throws(() => zlibInflate(z.subarray(0, z.length - 2), CAP), /truncated/);
  const badSum = Buffer.from(z);
  badSum[badSum.length - 1] ^= 1;
  assert.throws(() => zlibInflate(badSum, CAP), /data check/);
  // A raw fixed block whose first match points before the start of the output.
  const far = Buffer.concat([Buffer.from([0x78, 0x9c]), Buffer.from([0x63, 0x00, 0x02, 0x00])]);
  assert.throws(() => zlibInflate(far, CAP));
  assert.ok(Buffer.from(zlibInflate(Buffer.concat([z, Buffer.from('trailing')]), CAP)).equals(inflateSync(z)), 'bytes after the stream are ignored, as CPython does');
});

test('the cap holds on both paths (JS for small inputs, native for large ones)', () => {
  const bomb = deflateSync(Buffer.alloc(4 * 1024 * 1024), { level: 9 });
  assert.ok(bomb.length < 64 * 1024);
  assert.throws(() => inflateCapped(bomb, 1024 * 1024), /over the cap of 1048576/);
  assert.equal(inflateCapped(bomb, 4 * 1024 * 1024).length, 4 * 1024 * 1024);
  const large = deflateSync(sample(0, 200_000, 7), { level: 0 });
  assert.ok(large.length > 64 * 1024);
  assert.throws(() => inflateCapped(large, 100_000), /over the cap of 100000/);
  assert.equal(inflateCapped(large, CAP).length, 200_000);
});
