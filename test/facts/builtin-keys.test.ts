import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILTIN_KEYS, builtinKey, DJANGO_KEY_CONSTANTS, djangoConstantKey } from '../../server/src/facts/builtinKeys';
import { mayMentionSessions } from '../../server/src/facts/prefilter';
import { pythonFacts } from './helpers';

test("Django's keys and constants", () => {
  for (const key of ['_auth_user_id', '_auth_user_backend', '_auth_user_hash', '_session_expiry', '_messages', '_csrftoken',
    '_password_reset_token', '_language', 'testcookie', 'django_language']) {
    assert.ok(builtinKey(key)?.doc.length, key);
  }
  assert.equal(new Set(BUILTIN_KEYS.map((k) => k.key)).size, BUILTIN_KEYS.length);
  assert.equal(DJANGO_KEY_CONSTANTS.get('django.contrib.auth.SESSION_KEY'), '_auth_user_id');
  assert.equal(djangoConstantKey('django.contrib.auth', 'BACKEND_SESSION_KEY'), '_auth_user_backend');
  assert.equal(djangoConstantKey('django.contrib.auth', 'HASH_SESSION_KEY'), '_auth_user_hash');
  assert.equal(djangoConstantKey('django.utils.translation', 'LANGUAGE_SESSION_KEY'), '_language');
  assert.equal(djangoConstantKey('myapp.constants', 'SESSION_KEY'), undefined);
  assert.equal(builtinKey('cart'), undefined);
});

test("Django's constants for the password reset and CSRF keys, as wagtail's tests use them", async () => {
  const facts = await pythonFacts([
    'from django.contrib.auth import views as auth_views',
    'from django.middleware.csrf import CSRF_SESSION_KEY',
    'def test_reset(self):',
    '    s = self.client.session',
    '    s.update({auth_views.INTERNAL_RESET_SESSION_TOKEN: self.token})',
    '    assert CSRF_SESSION_KEY in s',
    '',
  ].join('\n'), 'app/tests.py', 'app.tests');
  assert.deepEqual(facts.accesses.map((a) => [a.op, a.key, a.source.kind]), [
    ['write', '_password_reset_token', 'django'], ['contains', '_csrftoken', 'django'],
  ]);
});

test('the prefilter keeps files that mention sessions and only those', () => {
  assert.equal(mayMentionSessions("request.session['x']"), true);
  assert.equal(mayMentionSessions('def f(s: SessionBase): ...'), true);
  assert.equal(mayMentionSessions('from django.contrib.auth import HASH_SESSION_KEY'), true);
  assert.equal(mayMentionSessions("x = {'a': 1}\nprint(x)\n"), false);
});
