// `decode`: session_data and signed cookies, verified or not, from argv or stdin, and values Django
// itself produced; bad values exit 1 without crashing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { encodeSessionData, signCookie } from '../../server/src/codec';
import { requires } from '../support/requirements';
import { cli, json } from './cli';

const secret = 'ds-cli-decode-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
const env = { DS_SECRET: secret };
const data = { _auth_user_id: '42', cart: { '3': 2 }, note: 'ünïcode' };

interface Decoded { status: string; user: string | null; data: unknown; reason?: string }

test('session_data: valid with the right secret, bad-signature (exit 1) with another, no-secret without', async () => {
  const value = encodeSessionData(data, secret);
  const right = await cli(['decode', value, '--secret-key-env', 'DS_SECRET', '--format', 'json'], { env });
  assert.equal(right.code, 0, right.stderr);
  assert.deepEqual(json<Decoded>(right).data, data);
  assert.equal(json<Decoded>(right).status, 'valid');
  assert.equal(json<Decoded>(right).user, '42');

  const wrong = await cli(['decode', value, '--format', 'json'], { env: { DJANGO_SECRET_KEY: 'another-secret-entirely-0123456789-abcdefghijklmnop' } });
  assert.equal(wrong.code, 1);
  assert.equal(json<Decoded>(wrong).status, 'bad-signature');

  const none = await cli(['decode', value, '--format', 'json']);
  assert.equal(none.code, 0);
  assert.equal(json<Decoded>(none).status, 'no-secret');
  assert.deepEqual(json<Decoded>(none).data, data, 'data is shown unverified');
  assert.match(none.stderr, /no SECRET_KEY given/);
  for (const run of [right, wrong, none]) assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret));
});

test('a signed cookie is recognised and verified; - reads stdin; text output', async () => {
  const cookie = signCookie(data, secret);
  const run = await cli(['decode', '-', '--secret-key-env', 'DS_SECRET'], { env, input: `${cookie}\n` });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^status: valid\n/);
  assert.match(run.stdout, /user: +42/);
  assert.match(run.stdout, /"note": "ünïcode"/);
  const forced = await cli(['decode', cookie, '--as', 'session-data', '--secret-key-env', 'DS_SECRET', '--format', 'json'], { env });
  assert.equal(json<Decoded>(forced).status, 'bad-signature', 'the cookie salt is not the session_data salt');
});

test('garbage is undecodable with a reason, exit 1; an empty value is a usage error', async () => {
  for (const value of ['not-a-session', '.eJzzSM3JyVcozy_KSQEAGgQEXQ:1abc:zzz', 'x'.repeat(100_000)]) {
    const run = await cli(['decode', value, '--format', 'json']);
    assert.equal(run.code, 1, run.stderr);
    const decoded = json<Decoded>(run);
    assert.equal(decoded.status, 'undecodable');
    assert.ok(decoded.reason);
  }
  const empty = await cli(['decode', '-'], { input: '  \n' });
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /the value is empty/);
});

test('values Django 3.2 encoded decode to what Django stored', async (t) => {
  if (!(await requires(t, 'Django 3.2 (/usr/bin/python3)', () => spawnSync('/usr/bin/python3', ['-c', 'import django']).status === 0))) return;
  const script = [
    'import json, os', 'from django.conf import settings',
    "settings.configure(SECRET_KEY=os.environ['DS_SECRET'])",
    'from django.contrib.sessions.backends.db import SessionStore',
    'from django.contrib.sessions.backends.signed_cookies import SessionStore as CookieStore',
    "data = {'_auth_user_id': '42', 'cart': {'3': 2}, 'note': 'ünïcode'}",
    'c = CookieStore(); c.update(data); c.save()',
    "print(json.dumps({'data': SessionStore().encode(data), 'cookie': c.session_key}))",
  ].join('\n');
  const made = spawnSync('/usr/bin/python3', ['-c', script], { env: { ...env, PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const values = JSON.parse(made.stdout) as { data: string; cookie: string };
  for (const value of [values.data, values.cookie]) {
    const run = await cli(['decode', value, '--secret-key-env', 'DS_SECRET', '--format', 'json'], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(json<Decoded>(run).status, 'valid');
    assert.deepEqual(json<Decoded>(run).data, data);
  }
});

test('--fallback-key-env verifies a value signed with a rotated-out key', async () => {
  const old = 'ds-cli-old-secret-0123456789-abcdefghijklmnopqrstuvwxyz-old';
  const value = encodeSessionData(data, old);
  const keys = { DS_SECRET: secret, DS_OLD: old };
  const without = await cli(['decode', value, '--secret-key-env', 'DS_SECRET', '--format', 'json'], { env: keys });
  assert.equal(json<Decoded>(without).status, 'bad-signature');
  const withFallback = await cli(['decode', value, '--secret-key-env', 'DS_SECRET', '--fallback-key-env', 'DS_OLD'], { env: keys });
  assert.equal(withFallback.code, 0, withFallback.stderr);
  assert.match(withFallback.stdout, /^status: valid\n/);
  assert.match(withFallback.stdout, /signed with SECRET_KEY_FALLBACKS\[0\]/);
  const alone = await cli(['decode', value, '--fallback-key-env', 'DS_OLD'], { env: keys });
  assert.equal(alone.code, 2);
  assert.match(alone.stderr, /needs the current SECRET_KEY too/);
});
