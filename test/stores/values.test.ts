// Cache value decoding per django-redis compressor, on bytes made by CPython's own gzip / lzma /
// pickle and the zstd tool (django-redis's pyzstd writes standard zstd frames).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { requires } from '../support/requirements';
import { decodeCacheValue, type ValueFlavour } from '../../server/src/stores/cache/values';
import { PYTHON } from './support';

const SESSION = { _auth_user_id: '7', cart: [1, 2, 3], note: 'x'.repeat(200) };
const now = new Date();

function python(code: string): Buffer {
  return Buffer.from(execFileSync(PYTHON, ['-c', `import sys, pickle, gzip, lzma; ${code}`], { timeout: 20_000 }).toString().trim(), 'base64');
}

const pickled = () => python(`import base64; print(base64.b64encode(pickle.dumps(${JSON.stringify(SESSION)}, 4)).decode())`);
const flavour = (compressor: ValueFlavour['compressor']): ValueFlavour => ({ client: 'django-redis', serializer: 'pickle', compressor, maxBytes: 1 << 20 });

test('gzip, zstd, xz (lzma) and uncompressed short values decode', async (t) => {
  if (!(await requires(t, 'Python 3 at /usr/bin/python3', () => execFileSync(PYTHON, ['-c', 'import lzma']) !== undefined))) return;
  if (!(await requires(t, 'the zstd tool', () => execFileSync('zstd', ['--version']) !== undefined))) return;
  const raw = pickled();
  const gz = python(`import base64; print(base64.b64encode(gzip.compress(pickle.dumps(${JSON.stringify(SESSION)}, 4), 9)).decode())`);
  const xz = python(`import base64; print(base64.b64encode(lzma.compress(pickle.dumps(${JSON.stringify(SESSION)}, 4), preset=4)).decode())`);
  const zst = execFileSync('zstd', ['-c', '-q'], { input: raw });
  for (const [compressor, bytes] of [['gzip', gz], ['zstd', zst], ['zlib', raw], ['lz4', raw]] as const) {
    const decoded = await decodeCacheValue(bytes, flavour(compressor), now);
    assert.deepEqual([decoded.status, decoded.user, decoded.data], ['valid', '7', SESSION], compressor);
  }
  const lzmaValue = await decodeCacheValue(xz, flavour('lzma'), now);
  assert.deepEqual([lzmaValue.status, lzmaValue.user, lzmaValue.data], ['valid', '7', SESSION]);
  assert.equal((await decodeCacheValue(raw, flavour('lzma'), now)).status, 'valid');
  // A flipped byte inside the xz stream: its CRC fails, the value is reported, nothing throws.
  const flipped = Buffer.from(xz);
  flipped[flipped.length >> 1] ^= 0xff;
  assert.equal((await decodeCacheValue(flipped, flavour('lzma'), now)).status, 'undecodable');
});

test('an xz bomb stops at the cap and says so', async (t) => {
  if (!(await requires(t, 'Python 3 at /usr/bin/python3', () => execFileSync(PYTHON, ['-c', 'import lzma']) !== undefined))) return;
  const bomb = python('import base64; print(base64.b64encode(lzma.compress(bytes(64 << 20))).decode())');
  assert.ok(bomb.length < 64 * 1024, `${bomb.length} bytes`);
  const capped = await decodeCacheValue(bomb, { ...flavour('lzma'), maxBytes: 1 << 20 }, now);
  assert.deepEqual([capped.status, capped.reason], ['undecodable', `inflated size over the cap of ${1 << 20} bytes`]);
});

test('a zip bomb stops at the cap; ints and garbage are reported, not thrown', async () => {
  const { gzipSync } = await import('node:zlib');
  const bomb = gzipSync(Buffer.alloc(8 << 20));
  const capped = await decodeCacheValue(bomb, { ...flavour('gzip'), maxBytes: 1 << 20 }, now);
  assert.equal(capped.status, 'undecodable');
  assert.match((await decodeCacheValue(Buffer.from('42'), flavour('none'), now)).reason ?? '', /integer, not a session/);
  assert.equal((await decodeCacheValue(Buffer.from([0x80, 0x05, 0xff, 0x00]), flavour('none'), now)).status, 'undecodable');
  assert.equal((await decodeCacheValue(Buffer.from('{"a": NaN, "b": 1}'), { ...flavour('none'), serializer: 'json' }, now)).status, 'valid');
  assert.match((await decodeCacheValue(Buffer.from('[1, 2]'), { ...flavour('none'), serializer: 'json' }, now)).reason ?? '', /not a session dict/);
});
