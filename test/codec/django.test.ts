// Real Django (3.2.25 from Debian, 5.2.17 unpacked in .cache/django5) against our codec, both ways:
// what Django writes we decode field by field, what we write is byte-identical and Django reads it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import fc from 'fast-check';
import {
  decodeSessionData, decodeSignedCookie, encodeLegacySessionData, encodeSessionData, signCookie, type PyJson,
} from '../../server/src/codec/index';
import { requires } from '../support/requirements';
import { FIXTURES } from './helpers';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(FIXTURES, 'django_codec.py');
const DJANGO5 = join(__dirname, '..', '..', '.cache', 'django5');
// Must match django_codec.py.
const SECRET = 'codec-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-!@#';
const OLD_SECRET = 'codec-test-previous-secret-key-9876543210-zyxwvutsrqponmlkjihgfedcba';
const TS = 1700000000;
const NOW = new Date((TS + 60) * 1000);

interface Case {
  kind: 'meta' | 'session' | 'cookie' | 'legacy' | 'fallback' | 'pickle-session';
  name: string;
  blob: string;
  expected: PyJson;
  exact: PyJson;
}

const DJANGOS = [
  { label: 'Django 3.2', env: { PYTHONPATH: '' } },
  { label: 'Django 5.2', env: { PYTHONPATH: DJANGO5 } },
];

type Django = (typeof DJANGOS)[number];

function python(django: Django, mode: string, input?: string): PyJson[] {
  const run = spawnSync(PYTHON, [SCRIPT, mode], { env: { ...process.env, ...django.env }, input, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`${django.label} ${mode} failed: ${run.stderr || run.error}`);
  return run.stdout.trim().split('\n').map((line) => JSON.parse(line) as PyJson);
}

function probe(django: Django): () => boolean {
  return () => {
    if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing`);
    if (django.env.PYTHONPATH && !existsSync(join(DJANGO5, 'django'))) throw new Error(`${DJANGO5} is missing`);
    return spawnSync(PYTHON, ['-c', 'import django'], { env: { ...process.env, ...django.env } }).status === 0;
  };
}

const cachedCases = new Map<string, Case[]>();
function cases(django: Django): Case[] {
  if (!cachedCases.has(django.label)) cachedCases.set(django.label, python(django, 'cases') as unknown as Case[]);
  return cachedCases.get(django.label)!.filter((c) => c.kind !== 'meta');
}

/** Asks Django to decode each blob; returns the tagged values it got, in order. */
function djangoDecodes(django: Django, requests: Array<{ kind: string; blob: string }>): PyJson[] {
  const input = requests.map((r, id) => JSON.stringify({ id, ...r })).join('\n') + '\n';
  return python(django, 'decode', input).map((line) => (line as { value: PyJson }).value);
}

async function needs(t: TestContext, django: Django): Promise<boolean> {
  return requires(t, django.label, probe(django));
}

for (const django of DJANGOS) {
  test(`${django.label} writes, we decode: every field agrees`, async (t) => {
    if (!(await needs(t, django))) return;
    const all = cases(django);
    const kinds = new Set(all.map((c) => c.kind));
    assert.ok(all.length >= 40 && kinds.has('session') && kinds.has('cookie'), 'the oracle produced cases');
    for (const c of all) {
      const label = `${c.kind} ${c.name}`;
      const secrets = c.kind === 'fallback' ? [SECRET, OLD_SECRET] : [SECRET];
      const decoded = c.kind === 'cookie' ? decodeSignedCookie(c.blob, { secrets, now: NOW }) : decodeSessionData(c.blob, { secrets, now: NOW });
      assert.equal(decoded.status, c.kind === 'legacy' ? 'legacy' : 'valid', `${label}: ${decoded.reason}`);
      // A dict with non-string keys (possible only in pickles) cannot be `data`: it comes back as `value`.
      if (c.name === 'non_str_keys') assert.deepEqual([decoded.data, decoded.value], [null, c.expected], label);
      else assert.deepEqual(decoded.data, topLevel(c.expected), label);
      if (c.kind === 'fallback') assert.equal(decoded.secretIndex, 1, label);
      if (c.kind === 'pickle-session') assert.equal(decoded.serializer, 'pickle', label);
    }
  });

  test(`${django.label}: wrong secret is bad-signature, fallback keys verify, legacy by version`, async (t) => {
    if (!(await needs(t, django))) return;
    const auth = cases(django).filter((c) => c.name === 'auth');
    for (const c of auth) {
      const wrong = decodeSessionData(c.blob, { secrets: ['not-the-secret'], now: NOW, salt: c.kind === 'cookie' ? 'django.contrib.sessions.backends.signed_cookies' : undefined });
      assert.equal(wrong.status, 'bad-signature', c.kind);
      assert.deepEqual(wrong.data, c.expected, `${c.kind}: unverified data is still shown`);
    }
    const fallback = auth.find((c) => c.kind === 'fallback');
    if (fallback) assert.equal(decodeSessionData(fallback.blob, { secrets: [SECRET] }).status, 'bad-signature');
  });

  test(`${django.label}: our encoder writes Django's bytes exactly`, async (t) => {
    if (!(await needs(t, django))) return;
    let compared = 0;
    for (const c of cases(django)) {
      const label = `${c.kind} ${c.name}`;
      if (c.kind === 'session') assert.equal(encodeSessionData(c.exact, SECRET, { timestamp: TS }), c.blob, label);
      else if (c.kind === 'cookie') assert.equal(signCookie(c.exact, SECRET, { timestamp: TS }), c.blob, label);
      else if (c.kind === 'legacy') assert.equal(encodeLegacySessionData(c.exact, SECRET), c.blob, label);
      else if (c.kind === 'fallback') assert.equal(encodeSessionData(c.exact, OLD_SECRET, { timestamp: TS }), c.blob, label);
      else continue;
      compared++;
    }
    assert.ok(compared >= 40);
  });

  test(`${django.label} reads what our encoder writes`, async (t) => {
    if (!(await needs(t, django))) return;
    const ours = cases(django).filter((c) => c.kind === 'session' || c.kind === 'cookie');
    const requests = ours.map((c) => ({
      kind: c.kind,
      blob: c.kind === 'cookie' ? signCookie(c.exact, SECRET, { timestamp: TS }) : encodeSessionData(c.exact, SECRET, { timestamp: TS + 1 }),
    }));
    const values = djangoDecodes(django, requests);
    ours.forEach((c, i) => assert.deepEqual(values[i], c.expected, `${c.kind} ${c.name}`));
  });

  test(`${django.label} reads generated sessions from our encoder (property, 150 dicts)`, async (t) => {
    if (!(await needs(t, django))) return;
    const value: fc.Arbitrary<PyJson> = fc.letrec<{ v: PyJson }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'binary' }),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }).filter((k) => k !== '$type'), tie('v'), { maxKeys: 4 }),
      ),
    })).v;
    const sessions = fc.sample(fc.dictionary(fc.string({ maxLength: 12 }).filter((k) => k !== '$type'), value, { maxKeys: 6 }), { numRuns: 150, seed: 20261125 });
    const values = djangoDecodes(django, sessions.map((s) => ({ kind: 'session', blob: encodeSessionData(s, SECRET) })));
    sessions.forEach((s, i) => assert.deepEqual(values[i], normalise(s), JSON.stringify(s)));
  });

  test(`${django.label}: legacy session_data from our encoder`, async (t) => {
    if (!(await needs(t, django))) return;
    const data = { _auth_user_id: '5', note: 'café' };
    const [value] = djangoDecodes(django, [{ kind: 'session', blob: encodeLegacySessionData(data, SECRET) }]);
    // Django 4.0 removed legacy decoding: the session reads as empty, as allowLegacy:false reports.
    assert.deepEqual(value, django.label === 'Django 3.2' ? data : {});
  });
}

/** `data` is always a plain object: a top-level "$type" key needs no tagged dict form. */
function topLevel(expected: PyJson): PyJson {
  const items = (expected as { $type?: string; items?: PyJson[][] }).items;
  return (expected as { $type?: string }).$type === 'dict' && items ? Object.fromEntries(items) : expected;
}

/** What Django's tag() prints for a value our encoder wrote: NaN/Infinity tagged, -0 kept. */
function normalise(value: PyJson): PyJson {
  if (typeof value === 'number' && !Number.isFinite(value)) return { $type: 'float', value: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' };
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return value;
}
