// Property tests: the decoders never throw and always answer with a status, quickly, whatever the
// input; and what the encoders write decodes back to the same value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  decodePickledSession, decodeSessionData, decodeSignedCookie, dumpPythonJson, encodeLegacySessionData, encodeSessionData,
  parsePythonJson, signCookie, tryUnpickle, type DecodedSession, type PyJson,
} from '../../server/src/codec/index';
import { pickleSamples } from './helpers';

const SECRET = 'fuzz-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ';
const STATUSES = new Set(['valid', 'expired', 'bad-signature', 'no-secret', 'legacy', 'undecodable']);
// Generous: a hang or quadratic blow-up shows as seconds, not milliseconds.
const MAX_MS_PER_INPUT = 1000;

function checked(run: () => DecodedSession): DecodedSession {
  const started = performance.now();
  const result = run();
  const elapsed = performance.now() - started;
  assert.ok(elapsed < MAX_MS_PER_INPUT, `took ${elapsed.toFixed(0)} ms`);
  assert.ok(STATUSES.has(result.status), `status ${result.status}`);
  if (result.status === 'undecodable') assert.ok(result.reason, 'undecodable always says why');
  if (result.data !== null) assert.equal(typeof result.data, 'object');
  return result;
}

const SESSION = { _auth_user_id: '9', cart: [1, 2.5, 'x', null, true], note: 'café ☕ 😀', nested: { a: { b: [] } } };
const blobs = [
  encodeSessionData(SESSION, SECRET, { timestamp: 1700000000 }),
  encodeSessionData({ a: 1 }, SECRET, { timestamp: 1700000000 }),
  signCookie(SESSION, SECRET, { timestamp: 1700000000, algorithm: 'sha1' }),
  encodeLegacySessionData(SESSION, SECRET),
];

/** Replaces, inserts or deletes characters of a valid blob. */
const mutatedBlob = fc.tuple(fc.constantFrom(...blobs), fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'insert', 'delete'), fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 6 }))
  .map(([blob, edits]) => edits.reduce((s, [at, kind, text]) => {
    const i = at % (s.length + 1);
    return kind === 'insert' ? s.slice(0, i) + text + s.slice(i) : kind === 'delete' ? s.slice(0, i) + s.slice(i + text.length) : s.slice(0, i) + text + s.slice(i + text.length);
  }, blob));

const samples = pickleSamples().map((s) => Buffer.from(s.hex, 'hex'));
const mutatedPickle = fc.tuple(fc.constantFrom(...samples), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat())
  .map(([bytes, flips, cut]) => {
    const out = Buffer.from(bytes);
    for (const [at, value] of flips) out[at % out.length] = value;
    return cut % 4 === 0 ? out.subarray(0, cut % out.length) : out;
  });

/** Random opcode streams: PROTO, then bytes drawn mostly from real opcodes. */
const OPCODES = [...'().012FGIJKLMNPQRSTUVXabcdeghijlopqrstu}]', ...[0x80, 0x81, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96].map((c) => String.fromCharCode(c))];
const opcodeStream = fc.array(fc.oneof(fc.constantFrom(...OPCODES), fc.string({ unit: 'binary-ascii', maxLength: 2 })), { maxLength: 60 })
  .map((parts) => Buffer.from(`\x80\x04${parts.join('')}.`, 'latin1'));

test('session_data decoder: random strings, mutated blobs (with and without secrets)', () => {
  fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), mutatedBlob), fc.boolean(), (text, withSecret) => {
    checked(() => decodeSessionData(text, { secrets: withSecret ? ['other', SECRET] : [] }));
    checked(() => decodeSignedCookie(text, { secrets: withSecret ? [SECRET] : [] }));
  }), { numRuns: 2500, seed: 4242 });
});

test('mutated blobs never verify unless the signed part is unchanged', () => {
  fc.assert(fc.property(mutatedBlob, (text) => {
    const result = checked(() => decodeSessionData(text, { secrets: [SECRET] }));
    if (result.status === 'valid' || result.status === 'legacy') assert.ok(blobs.some((b) => text.trim() === b || stripsToSame(text, b)), text);
  }), { numRuns: 1500, seed: 77 });
});

/** CPython drops characters outside the base64 alphabet in the legacy format, as we do. */
function stripsToSame(text: string, blob: string): boolean {
  return !blob.includes(':') && Buffer.from(text, 'base64').equals(Buffer.from(blob, 'base64'));
}

test('pickle reader: mutated real pickles and random opcode streams', () => {
  fc.assert(fc.property(fc.oneof(mutatedPickle, opcodeStream, fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b))), (bytes) => {
    const started = performance.now();
    const result = tryUnpickle(bytes);
    assert.ok(performance.now() - started < MAX_MS_PER_INPUT);
    assert.ok(result.ok || result.reason.length > 0);
    checked(() => decodePickledSession(bytes));
  }), { numRuns: 3000, seed: 99 });
});

test('Python JSON parser: random text never throws anything but a CodecError', () => {
  fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.json()), (text) => {
    try {
      parsePythonJson(text);
    } catch (error) {
      assert.equal((error as Error).name, 'CodecError', String(error));
    }
  }), { numRuns: 3000, seed: 5 });
});

const pyValue: fc.Arbitrary<PyJson> = fc.letrec<{ v: PyJson }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'binary' }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map((n): PyJson => (Number.isSafeInteger(Number(n)) ? Number(n) : { $type: 'int', value: n.toString() })),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => k !== '$type'), tie('v'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).v;
const session = fc.dictionary(fc.string({ maxLength: 10 }).filter((k) => k !== '$type' && k !== '_session_expiry'), pyValue, { maxKeys: 6, noNullPrototype: true });

test('round trip: encodeSessionData / signCookie / legacy -> decode gives the same dict', () => {
  fc.assert(fc.property(session, fc.integer({ min: 0, max: 2 ** 40 }), fc.constantFrom('sha256', 'sha1') as fc.Arbitrary<'sha256' | 'sha1'>, (data, timestamp, algorithm) => {
    const now = new Date(timestamp * 1000);
    const db = decodeSessionData(encodeSessionData(data, SECRET, { timestamp, algorithm }), { secrets: [SECRET], now });
    assert.equal(db.status, 'valid');
    assert.equal(db.algorithm, algorithm);
    assert.deepEqual(db.data, data);
    const cookie = decodeSignedCookie(signCookie(data, SECRET, { timestamp }), { secrets: [SECRET], now });
    assert.deepEqual([cookie.status, cookie.data], ['valid', data]);
    const legacy = decodeSessionData(encodeLegacySessionData(data, SECRET), { secrets: [SECRET] });
    assert.deepEqual([legacy.status, legacy.data], ['legacy', data]);
  }), { numRuns: 400, seed: 2026 });
});

test('round trip: Python JSON text -> parse -> dump is the identity on what dump writes', () => {
  fc.assert(fc.property(pyValue, (value) => {
    const text = dumpPythonJson(value);
    assert.match(text, /^[\x20-\x7e]*$/, 'ensure_ascii output');
    assert.equal(dumpPythonJson(parsePythonJson(text)), text);
  }), { numRuns: 1500, seed: 11 });
});
