// Broken, hostile and oversized input: every decoder answers with a status and a reason, and no
// pickle ever runs code.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import {
  decodePickledSession, decodeSessionData, decodeSignedCookie, encodeLegacySessionData, encodeSessionData, parsePythonJson,
  tryUnpickle, unpickle, type DecodedSession,
} from '../../server/src/codec/index';
import { b64urlEncode } from '../../server/src/codec/base64';
import { sign } from '../../server/src/codec/signing';
import { SESSION_SALT } from '../../server/src/codec/session';

const SECRET = 'corrupt-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF';
const SESSION = { _auth_user_id: '3', cart: Array.from({ length: 40 }, (_, i) => `item-${i}`) };
const GOOD = encodeSessionData(SESSION, SECRET, { timestamp: 1700000000 });

/** A blob with a valid signature around an arbitrary payload: only the payload can fail. */
function signedPayload(payload: string): string {
  return sign(payload, '1r31eq', SESSION_SALT, SECRET, 'sha256');
}

function assertUndecodable(result: DecodedSession, reason: RegExp): void {
  assert.equal(result.status, 'undecodable', JSON.stringify(result));
  assert.match(result.reason ?? '', reason);
  assert.equal(result.data, null);
}

const pickle = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

test('the good blob is valid (baseline for the corruptions below)', () => {
  assert.ok(GOOD.startsWith('.'), 'compressed');
  assert.equal(decodeSessionData(GOOD, { secrets: [SECRET] }).status, 'valid');
});

test('truncated base64: the signature fails first; without a secret the payload error is named', () => {
  const [payload, ts, sig] = GOOD.split(':');
  for (const cut of [1, 5, 17]) {
    const truncated = `${payload.slice(0, payload.length - cut)}:${ts}:${sig}`;
    assert.equal(decodeSessionData(truncated, { secrets: [SECRET] }).status, 'bad-signature');
    assertUndecodable(decodeSessionData(truncated, { secrets: [] }), /base64|zlib/);
  }
  assertUndecodable(decodeSessionData(signedPayload('eyJhIjoxfQxyz'), { secrets: [SECRET] }), /base64/);
});

test('flipped characters anywhere break the signature', () => {
  for (const at of [0, 10, GOOD.indexOf(':') + 2, GOOD.length - 1]) {
    const c = GOOD[at];
    const flipped = GOOD.slice(0, at) + (c === 'A' ? 'B' : 'A') + GOOD.slice(at + 1);
    const result = decodeSessionData(flipped, { secrets: [SECRET] });
    assert.ok(['bad-signature', 'undecodable'].includes(result.status), `${at}: ${result.status}`);
    assert.notEqual(result.status, 'valid');
  }
});

test('bad zlib and bad JSON under a valid signature are undecodable with the reason', () => {
  assertUndecodable(decodeSessionData(signedPayload(`.${b64urlEncode(Buffer.from('definitely not zlib'))}`), { secrets: [SECRET] }), /zlib/);
  const truncatedZlib = deflateSync(Buffer.from(JSON.stringify(SESSION))).subarray(0, 20);
  assertUndecodable(decodeSessionData(signedPayload(`.${b64urlEncode(truncatedZlib)}`), { secrets: [SECRET] }), /zlib/);
  assertUndecodable(decodeSessionData(signedPayload(b64urlEncode(Buffer.from('{"a":'))), { secrets: [SECRET] }), /bad JSON/);
  assertUndecodable(decodeSessionData(signedPayload(b64urlEncode(Buffer.from('{"a":1} trailing'))), { secrets: [SECRET] }), /Extra data/);
  assertUndecodable(decodeSessionData(signedPayload(b64urlEncode(Buffer.from('[1,2]'))), { secrets: [SECRET] }), /not a session dict/);
});

test('zip bomb: a small blob inflating past the cap is refused, not inflated', () => {
  const bomb = deflateSync(Buffer.alloc(32 * 1024 * 1024, 0x20), { level: 9 });
  assert.ok(bomb.length < 64 * 1024);
  const blob = signedPayload(`.${b64urlEncode(bomb)}`);
  assertUndecodable(decodeSessionData(blob, { secrets: [SECRET] }), /cap of 16777216/);
  assertUndecodable(decodeSessionData(GOOD, { secrets: [SECRET], maxInflatedBytes: 64 }), /cap of 64/);
});

test('deep nesting: JSON and pickle stop at their depth bounds', () => {
  const deepJson = '['.repeat(100_000) + ']'.repeat(100_000);
  assert.throws(() => parsePythonJson(deepJson), /depth exceeded/);
  assertUndecodable(decodeSessionData(signedPayload(b64urlEncode(Buffer.from(`{"a":${deepJson}}`))), { secrets: [SECRET] }), /depth/);
  const deepPickle = pickle([0x80, 4], ']'.repeat(5000), 'a'.repeat(4999), '.');
  assert.match(tryUnpickle(deepPickle).ok ? '' : (tryUnpickle(deepPickle) as { reason: string }).reason, /depth exceeded \(200\)/);
  const shallow = pickle([0x80, 4], ']'.repeat(150), 'a'.repeat(149), '.');
  assert.ok(tryUnpickle(shallow).ok);
});

test('shared references cannot blow up the output (billion laughs)', () => {
  // l0 = ['x' * 8]; l(n+1) = [ln, ln] ... 2^40 leaves through the memo.
  const parts: Array<string | number[]> = [[0x80, 4], ']', [0x8c, 1], 'x', 'a', [0x94]];
  for (let i = 0; i < 40; i++) parts.push(']', 'h', [i], 'a', 'h', [i], 'a', [0x94]);
  parts.push('.');
  const result = tryUnpickle(pickle(...parts), { maxNodes: 50_000 });
  assert.equal(result.ok, false);
  assert.match((result as { reason: string }).reason, /over 50000 parts/);
});

test('os.system REDUCE is never run: the dict reads, the call is an inert marker and is reported', () => {
  const marker = `/tmp/codec-pwned-${process.pid}`;
  const attack = pickle([0x80, 2], '}', 'X', [7, 0, 0, 0], 'payload', 'c', 'os\nsystem\n', 'X', [marker.length + 6, 0, 0, 0], `touch ${marker}`, [0x85], 'R', 's.');
  const decoded = decodePickledSession(attack);
  assert.equal(decoded.status, 'valid');
  assert.deepEqual(decoded.data, { payload: { $type: 'object', class: 'os.system' } });
  assert.deepEqual(decoded.skipped, ['os.system']);
  assert.equal(existsSync(marker), false);
  const topLevel = decodePickledSession(pickle('cos\nsystem\n(S\'id\'\ntR.'));
  assertUndecodable(topLevel, /os\.system \(not built\)/);
  assert.deepEqual(topLevel.skipped, ['os.system']);
});

test('other code-running opcodes: INST, OBJ, NEWOBJ of unknown classes stay markers; eval stays a name', () => {
  assert.deepEqual(unpickle(pickle('(S\'rm -rf /\'\nisubprocess\ncall\n.')), { $type: 'object', class: 'subprocess.call' });
  assert.deepEqual(unpickle(pickle('(cbuiltins\neval\nS\'1+1\'\no.')), { $type: 'object', class: 'builtins.eval' });
  assert.deepEqual(unpickle(pickle([0x80, 2], 'csubprocess\nPopen\n', ')', [0x81], '}', 'b.')), { $type: 'object', class: 'subprocess.Popen' });
  assert.deepEqual(unpickle(pickle([0x80, 4], [0x8c, 8], 'builtins', [0x8c, 4], 'eval', [0x93], '.')), { $type: 'object', class: 'builtins.eval' });
  const getattrAttack = tryUnpickle(pickle('cbuiltins\ngetattr\n(cos\nsystem\nS\'__call__\'\ntR.'));
  assert.equal(getattrAttack.ok, false);
});

test('persistent ids, extension codes, out-of-band buffers and unknown opcodes are refused', () => {
  const cases: Array<[Buffer, RegExp]> = [
    [pickle('Pfoo\n.'), /persistent/],
    [pickle('N', 'Q', '.'), /persistent/],
    [pickle([0x80, 2, 0x82, 1], '.'), /extension/],
    [pickle([0x80, 5, 0x97], '.'), /out-of-band/],
    [pickle([0x80, 5, 0x98], '.'), /out-of-band/],
    [pickle([0x80, 6], '}.'), /protocol: 6/],
    [pickle([0xff]), /opcode 0xff/],
    [pickle('h', [3], '.'), /Memo value not found/],
    [pickle(']', 's.'), /stack underflow/],
    [pickle(')', '(', 'u.'), /SETITEM on a value that is not a dict/],
    [pickle('}'), /truncated/],
    [pickle('X', [255, 255, 255, 127], 'ab'), /truncated/],
    [pickle([0x8b, 0, 0, 0, 1], '.'), /int over 4096 bytes/],
    [pickle(`I${'9'.repeat(5000)}\n.`), /4300 digits/],
    [pickle([0x80, 2], 'c_codecs\nencode\n', 'X', [1, 0, 0, 0], 'a', 'X', [5, 0, 0, 0], 'utf-8', [0x86], 'R.'), /latin1/],
    [pickle([0x80, 2], 'cdatetime\ndatetime\n', 'C', [10, 7, 0xee, 13, 2, 3, 4, 5, 0, 0, 0], [0x85], 'R.'), /out of range/],
  ];
  for (const [bytes, reason] of cases) {
    const result = tryUnpickle(bytes);
    assert.equal(result.ok, false, bytes.toString('hex'));
    assert.match((result as { reason: string }).reason, reason, bytes.toString('hex'));
    assertUndecodable(decodePickledSession(bytes), reason);
  }
});

test('wrong secret is bad-signature; SECRET_KEY_FALLBACKS are tried in order', () => {
  const wrong = decodeSessionData(GOOD, { secrets: ['another-secret'] });
  assert.equal(wrong.status, 'bad-signature');
  assert.match(wrong.reason ?? '', /does not match/);
  assert.deepEqual(wrong.data, SESSION, 'the unverified data is still shown');
  const rotated = decodeSessionData(GOOD, { secrets: ['new-secret', 'older-secret', SECRET] });
  assert.equal(rotated.status, 'valid');
  assert.equal(rotated.secretIndex, 2);
  assert.equal(decodeSessionData(GOOD, { secrets: ['new-secret', 'older-secret'] }).status, 'bad-signature');
  assert.equal(decodeSignedCookie(GOOD, { secrets: [SECRET] }).status, 'bad-signature', 'the cookie salt differs');
  assert.equal(decodeSessionData(GOOD, { secrets: [SECRET], salt: 'django.contrib.sessions.MyStore' }).status, 'bad-signature');
});

test('legacy format: a tampered hash is bad-signature, garbage is undecodable', () => {
  const legacy = encodeLegacySessionData(SESSION, SECRET);
  assert.equal(decodeSessionData(legacy, { secrets: [SECRET] }).status, 'legacy');
  const raw = Buffer.from(legacy, 'base64').toString('latin1');
  const tampered = Buffer.from((raw[0] === 'a' ? 'b' : 'a') + raw.slice(1), 'latin1').toString('base64');
  assert.equal(decodeSessionData(tampered, { secrets: [SECRET] }).status, 'bad-signature');
  assert.equal(decodeSessionData(legacy, { secrets: ['x'] }).status, 'bad-signature');
  // Very old Django wrapped base64 every 76 characters; CPython ignores the newlines.
  const wrapped = legacy.replace(/(.{76})/g, '$1\n');
  assert.equal(decodeSessionData(wrapped, { secrets: [SECRET] }).status, 'legacy');
  assertUndecodable(decodeSessionData('bm90IGEgc2Vzc2lvbg==', { secrets: [SECRET] }), /legacy|separator/);
  assertUndecodable(decodeSessionData('abc', { secrets: [SECRET] }), /base64/);
  assertUndecodable(decodeSessionData('café', { secrets: [SECRET] }), /ASCII/);
});

test('malformed signed values: missing parts, bad timestamps, non-string input', () => {
  assertUndecodable(decodeSessionData('', { secrets: [SECRET] }), /base64|separator|legacy/);
  assert.equal(decodeSessionData('a:b', { secrets: [SECRET] }).status, 'bad-signature');
  assertUndecodable(decodeSessionData('a:b', { secrets: [] }), /timestamp/);
  assertUndecodable(decodeSessionData(sign('eyJhIjoxfQ', '!!', SESSION_SALT, SECRET, 'sha256'), { secrets: [SECRET] }), /timestamp/);
  for (const junk of [undefined, null, 42, {}, []] as unknown[]) {
    const result = decodeSessionData(junk as string, { secrets: [SECRET] });
    assert.ok(['undecodable', 'bad-signature'].includes(result.status));
  }
  const binary = Buffer.from(Array.from({ length: 1 << 20 }, (_, i) => (i * 2654435761) & 0xff)).toString('latin1');
  assert.ok(['undecodable', 'bad-signature'].includes(decodeSessionData(binary, { secrets: [SECRET] }).status));
  assert.ok(['undecodable', 'bad-signature'].includes(decodeSignedCookie(binary, { secrets: [SECRET] }).status));
  assert.equal(decodePickledSession(Buffer.from(binary, 'latin1')).status, 'undecodable');
});

test('JSON corner cases Python accepts or refuses', () => {
  assert.deepEqual(parsePythonJson('{"a": NaN, "b": -Infinity, "c": 1e400}'), {
    a: { $type: 'float', value: 'NaN' }, b: { $type: 'float', value: '-Infinity' }, c: { $type: 'float', value: 'Infinity' },
  });
  assert.deepEqual(parsePythonJson('{"n": 123456789012345678901234567890, "m": -0}'), { n: { $type: 'int', value: '123456789012345678901234567890' }, m: 0 });
  assert.deepEqual(parsePythonJson('{"a": 1, "b": 2, "a": 3}'), { a: 3, b: 2 });
  assert.throws(() => parsePythonJson(`[${'1'.repeat(4301)}]`), /4300 digits/);
  assert.throws(() => parsePythonJson('{"a":"\u0001"}'), /control character/);
  assert.throws(() => parsePythonJson("{'a': 1}"), /property name/);
  assert.throws(() => parsePythonJson('[01]'), /delimiter/);
  const proto = parsePythonJson('{"__proto__": {"polluted": true}, "$type": "x"}') as { $type: string; items: unknown[] };
  assert.deepEqual(proto, { $type: 'dict', items: [['__proto__', { polluted: true }], ['$type', 'x']] });
  assert.equal(({} as { polluted?: boolean }).polluted, undefined);
});

test('whitespace is not trimmed from signed values (Django would not verify them)', () => {
  assert.equal(decodeSessionData(`${GOOD}\n`, { secrets: [SECRET] }).status, 'bad-signature');
  assert.equal(decodeSessionData(` ${GOOD}`, { secrets: [SECRET] }).status, 'bad-signature');
});
