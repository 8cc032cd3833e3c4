// Both zlib inflaters for session-sized blobs, the WebAssembly one (wasm/inflate.c, through
// inflateCapped) and the JS fallback (inflate.ts), against Node's zlib: same bytes out on every
// kind of stream, the same refusals on broken ones, and the size cap.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { deflate } from 'pako';
import { CodecError } from '../../server/src/codec/errors';
import { zlibInflate } from '../../server/src/codec/inflate';
import { wasmAvailable } from '../../server/src/codec/wasm/blob';
import { inflateCapped } from '../../server/src/codec/zlib';

const CAP = 1 << 24;

/** Each inflater under test: the JS one, and inflateCapped (WebAssembly, Node's zlib when large). */
const INFLATERS: Array<[string, (data: Uint8Array, cap: number) => Uint8Array]> = [
  ['js', zlibInflate],
  ['wasm', inflateCapped],
];

test('the WebAssembly inflater loads here (else the wasm rows below test the fallbacks)', () => {
  assert.equal(wasmAvailable(), true);
});

function sample(kind: number, size: number, seed: number): Buffer {
  if (kind === 0) return Buffer.from(Array.from({ length: size }, (_, i) => (Math.imul(i + seed, 2654435761) >>> 24) & 0xff));
  if (kind === 1) return Buffer.from('ab'.repeat(size));
  return Buffer.from(Array.from({ length: size }, (_, j) => 'abcdefgh'[(j * j + seed) % 8]).join(''));
}

for (const [name, inflate] of INFLATERS) test(`${name}: stored, fixed and dynamic blocks of every size inflate exactly as zlib does`, () => {
  let streams = 0;
  for (const size of [0, 1, 2, 10, 300, 5000, 70000, 200000]) {
    for (const kind of [0, 1, 2]) {
      const data = sample(kind, size, size + kind);
      for (const level of [0, 1, 6, 9] as const) {
        for (const z of [deflateSync(data, { level }), Buffer.from(deflate(data, { level }))]) {
          assert.ok(Buffer.from(inflate(z, CAP)).equals(inflateSync(z)), `size ${size} kind ${kind} level ${level}`);
          streams++;
        }
      }
    }
  }
  assert.equal(streams, 8 * 3 * 4 * 2);
});

/** Node's zlib and `inflate` agree: both refuse (ours with a CodecError only), or give the same bytes. */
function sameAsZlib(inflate: (data: Uint8Array, cap: number) => Uint8Array, bytes: Uint8Array, what: string): void {
  let native: Buffer | null;
  try {
    native = inflateSync(bytes);
  } catch {
    native = null;
  }
  let mine: Uint8Array | null = null;
  try {
    mine = inflate(bytes, CAP);
  } catch (error) {
    assert.ok(error instanceof CodecError, String(error));
  }
  assert.equal(mine === null, native === null, `verdicts differ on ${what}`);
  if (mine && native) assert.ok(Buffer.from(mine).equals(native));
}

for (const [name, inflate] of INFLATERS) test(`${name}: random bytes and mutated streams: same verdict as zlib, only CodecErrors`, () => {
  const valid = deflateSync(Buffer.from(JSON.stringify({ _auth_user_id: '1', cart: [1, 2, 3], note: 'x'.repeat(50) })));
  fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat()).map(([at, v, cut]) => {
    const out = Buffer.from(valid);
    out[at % out.length] = v;
    return cut % 3 === 0 ? out.subarray(0, cut % out.length) : out;
  })), (bytes) => sameAsZlib(inflate, bytes, Buffer.from(bytes).toString('hex'))), { numRuns: 3000, seed: 31 });
});

// Streams long enough for the WebAssembly fast loop (which stops checking bits and output room
// while eight input bytes and a whole match remain): mutated, truncated, and capped at every size
// around the output's end, each with zlib's verdict and bytes.
for (const [name, inflate] of INFLATERS) test(`${name}: long mutated streams and caps around the output's end: same verdict as zlib`, () => {
  const text = Buffer.from(JSON.stringify({ cart: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`${(i * 7919) % 5000}`, i % 5])), note: Array.from({ length: 400 }, (_, i) => 'abcdefghijklmnop'.slice((i * 5) % 11, ((i * 13) % 16) + 1)).join(' ') }));
  const valid = deflateSync(text);
  assert.ok(valid.length > 1000);
  fc.assert(fc.property(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat(), (at, v, cut) => {
    const bytes = Buffer.from(valid);
    bytes[at % bytes.length] = v;
    sameAsZlib(inflate, cut % 4 === 0 ? bytes.subarray(0, cut % bytes.length) : bytes, `byte ${at % bytes.length} = ${v}, cut ${cut}`);
  }), { numRuns: 1500, seed: 47 });
  for (let cap = text.length - 300; cap <= text.length + 8; cap++) {
    if (cap < text.length) assert.throws(() => inflate(valid, cap), /over the cap/, `cap ${cap}`);
    else assert.ok(Buffer.from(inflate(valid, cap)).equals(text), `cap ${cap}`);
  }
});

for (const [name, zlibInflate] of INFLATERS) test(`${name}: checks zlib does: header, preset dictionary, truncation, Adler-32, distance too far back`, () => {
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

/** A zlib stream of "aa" in one dynamic block: 'a' and end-of-block coded with 2 bits each, plus
 * 'b' and 'c' when `complete` (else the literal code is incomplete, which zlib refuses), no distances. */
function handMadeStream(complete: boolean): Buffer {
  const bytes: number[] = [0x78, 0x9c];
  let acc = 0;
  let n = 0;
  const bits = (value: number, count: number): void => {
    for (let i = 0; i < count; i++) {
      acc |= ((value >> i) & 1) << n++;
      if (n === 8) {
        bytes.push(acc);
        acc = 0;
        n = 0;
      }
    }
  };
  const code = (value: number, length: number): void => {
    for (let i = length - 1; i >= 0; i--) bits((value >> i) & 1, 1);
  };
  bits(1, 1); // BFINAL
  bits(2, 2); // dynamic
  bits(0, 5); // 257 literal/length codes
  bits(0, 5); // 1 distance code
  bits(12, 4); // 16 code-length code lengths
  // In the order 16,17,18,0,8,7,9,6,10,5,11,4,12,3,13,2: 18 (zeros) 1 bit = code 0; 0 and 2 two bits = 10, 11.
  for (const len of [0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]) bits(len, 3);
  const zeros = (count: number): void => {
    code(0, 1);
    bits(count - 11, 7);
  };
  const two = (): void => code(3, 2);
  zeros(97);
  two(); // 'a'
  if (complete) {
    // 'b' and 'c' take 2 bits too: four 2-bit codes are complete.
    two(); // 'b'
    two(); // 'c'
    zeros(138);
    zeros(18);
  } else {
    zeros(138);
    zeros(20);
  }
  two(); // end of block (256)
  code(2, 2); // the one distance length: 0
  // Literal codes, canonical: 'a' 00, ('b' 01, 'c' 10,) end-of-block 01 or 11.
  code(0, 2);
  code(0, 2);
  code(complete ? 3 : 1, 2);
  if (n > 0) bytes.push(acc);
  const adler = ((98 + 195) << 16) | 195; // Adler-32 of "aa": a = 1 + 97 + 97, b = 98 + 195
  bytes.push((adler >>> 24) & 0xff, (adler >>> 16) & 0xff, (adler >>> 8) & 0xff, adler & 0xff);
  return Buffer.from(bytes);
}

for (const [name, zlibInflate] of INFLATERS) test(`${name}: an incomplete literal/length code is refused, as zlib refuses it, even when the data never uses the gap`, () => {
  const good = handMadeStream(true);
  assert.equal(inflateSync(good).toString('latin1'), 'aa');
  assert.equal(Buffer.from(zlibInflate(good, CAP)).toString('latin1'), 'aa');
  const incomplete = handMadeStream(false);
  assert.throws(() => inflateSync(incomplete));
  assert.throws(() => zlibInflate(incomplete, CAP), CodecError);
});
