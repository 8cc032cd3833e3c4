// Known-answer vectors (django-session-spec §9, matched against Django 3.2.25 and 5.2.17) and
// stdlib pickles of every protocol (test/fixtures/codec/pickles.jsonl, from django_codec.py pickles).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  COOKIE_SALT, decodePickledSession, decodeSessionData, decodeSignedCookie, encodeLegacySessionData, parsePythonJson,
  dumpPythonJson, signingDumps, tryUnpickle, unpickle, type PyJson,
} from '../../server/src/codec/index';
import { b62Decode, b62Encode } from '../../server/src/codec/base62';
import { pickleSamples, signingVectors } from './helpers';

const vectors = signingVectors();
const SIGNED_AT = new Date(1700000000 * 1000);

test('base62 timestamps: 1700000000 is 1r31eq, both ways', () => {
  assert.equal(b62Encode(1700000000), '1r31eq');
  assert.equal(b62Decode('1r31eq'), 1700000000);
  assert.equal(b62Encode(0), '0');
  assert.equal(b62Decode(b62Encode(-61)), -61);
});

for (const v of vectors.filter((x) => x.timestamp !== undefined)) {
  test(`encode ${v.name} byte for byte`, () => {
    assert.equal(dumpPythonJson(v.obj as PyJson), v.json);
    const blob = signingDumps(v.obj as PyJson, v.secret, { salt: v.salt!, timestamp: v.timestamp, algorithm: v.algorithm, compress: v.compress });
    assert.equal(blob, v.signed);
  });

  test(`decode ${v.name}`, () => {
    const opts = { secrets: [v.secret], salt: v.salt, now: SIGNED_AT };
    const decoded = v.salt === COOKIE_SALT ? decodeSignedCookie(v.signed!, opts) : decodeSessionData(v.signed!, opts);
    // A str payload is a valid signing.dumps blob but not a session: reported, value kept.
    assert.equal(decoded.status, typeof v.obj === 'string' ? 'undecodable' : 'valid', decoded.reason);
    assert.equal(decoded.algorithm, v.algorithm);
    assert.equal(decoded.secretIndex, 0);
    assert.equal(decoded.signedAt, 1700000000);
    if (typeof v.obj === 'string') {
      assert.equal(decoded.data, null);
      assert.equal(decoded.value, v.obj);
    } else {
      assert.deepEqual(decoded.data, v.obj);
    }
    assert.deepEqual(parsePythonJson(v.json!), v.obj);
  });
}

test('V2 names its user; V6 has an int _session_expiry (seconds of inactivity)', () => {
  const v2 = vectors.find((v) => v.name.startsWith('V2'))!;
  assert.equal(decodeSessionData(v2.signed!, { secrets: [v2.secret] }).user, '1');
  const v6 = vectors.find((v) => v.name.startsWith('V6'))!;
  const decoded = decodeSessionData(v6.signed!, { secrets: [v6.secret] });
  assert.equal(decoded.expiryAge, 300);
  assert.equal(decoded.expiry, null);
  assert.equal(decoded.status, 'valid');
});

test('V5 (sha1) is accepted as 3.1/3.2 data, refused when legacy is off (Django 4.0+)', () => {
  const v5 = vectors.find((v) => v.name.startsWith('V5'))!;
  const opts = { secrets: [v5.secret], now: SIGNED_AT };
  assert.equal(decodeSignedCookie(v5.signed!, opts).status, 'valid');
  const strict = decodeSignedCookie(v5.signed!, { ...opts, allowLegacy: false });
  assert.equal(strict.status, 'bad-signature');
  assert.match(strict.reason ?? '', /sha1/);
});

test('V3 signed cookie expires after SESSION_COOKIE_AGE (strictly greater than max_age)', () => {
  const v3 = vectors.find((v) => v.name.startsWith('V3'))!;
  const at = (seconds: number) => new Date((1700000000 + seconds) * 1000);
  assert.equal(decodeSignedCookie(v3.signed!, { secrets: [v3.secret], now: at(1209600) }).status, 'valid');
  const late = decodeSignedCookie(v3.signed!, { secrets: [v3.secret], now: at(1209601) });
  assert.equal(late.status, 'expired');
  assert.deepEqual(late.data, v3.obj, 'an expired cookie still shows its data');
  assert.equal(decodeSignedCookie(v3.signed!, { secrets: [v3.secret], now: at(100), maxAge: 60 }).status, 'expired');
});

test('V7 legacy pre-3.1 session_data: decoded, verified, and re-encoded byte for byte', () => {
  const v7 = vectors.find((v) => v.name.startsWith('V7'))!;
  const decoded = decodeSessionData(v7.signed!, { secrets: [v7.secret] });
  assert.equal(decoded.status, 'legacy');
  assert.equal(decoded.format, 'legacy');
  assert.deepEqual(decoded.data, v7.obj);
  assert.equal(encodeLegacySessionData(v7.obj as PyJson, v7.secret), v7.signed);
  const modern = decodeSessionData(v7.signed!, { secrets: [v7.secret], allowLegacy: false });
  assert.equal(modern.status, 'undecodable');
  assert.match(modern.reason ?? '', /4\.0/);
});

test('without a secret every vector still decodes, marked no-secret', () => {
  for (const v of vectors) {
    const decoded = v.salt === COOKIE_SALT ? decodeSignedCookie(v.signed!, { secrets: [] }) : decodeSessionData(v.signed!, { secrets: [] });
    assert.equal(decoded.status, typeof v.obj === 'string' ? 'undecodable' : 'no-secret', v.name);
    assert.deepEqual(decoded.data ?? decoded.value, v.obj, v.name);
  }
});

test('spec pickle bytes: pickle.dumps({"a": 1}) for protocols 2, 4 and 5', () => {
  for (const hex of ['8005950a000000000000007d948c0161944b01732e', '8004950a000000000000007d948c0161944b01732e', '80027d710058010000006171014b01732e']) {
    assert.deepEqual(unpickle(Buffer.from(hex, 'hex')), { a: 1 });
  }
});

const samples = pickleSamples();
for (const protocol of [0, 1, 2, 3, 4, 5]) {
  test(`stdlib pickles, protocol ${protocol}: every sample decodes to what Python holds`, () => {
    const mine = samples.filter((s) => s.protocol === protocol);
    assert.ok(mine.length >= 15);
    for (const sample of mine) {
      const result = tryUnpickle(Buffer.from(sample.hex, 'hex'));
      assert.ok(result.ok, `${sample.name}: ${result.ok ? '' : result.reason}`);
      assert.deepEqual(result.value, sample.expected, sample.name);
      assert.deepEqual(result.skipped, [], sample.name);
    }
  });
}

test('a pickled session names its user and its datetime _session_expiry', () => {
  const sample = samples.find((s) => s.name === 'aware_utc' && s.protocol === 5)!;
  const decoded = decodePickledSession(Buffer.from(sample.hex, 'hex'), { now: SIGNED_AT });
  assert.equal(decoded.status, 'valid');
  assert.equal(decoded.format, 'pickle');
  assert.equal(decoded.expiry, '2030-01-02T03:04:05+00:00');
  const past = decodePickledSession(Buffer.from(sample.hex, 'hex'), { now: new Date('2030-01-02T03:04:05Z') });
  assert.equal(past.status, 'expired');
  const auth = samples.find((s) => s.name === 'auth' && s.protocol === 2)!;
  assert.equal(decodePickledSession(Buffer.from(auth.hex, 'hex')).user, '7');
});
