// DS101 on `assertNotIn(key, session)` says the assertion can never fail: healthchecks' tests check
// that `2fa_user_id` is gone while the app writes `2fa_user`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scratchWorkspace } from '../support/scratch';
import { cli, json } from './cli';

test('assertNotIn of a key nothing writes: the finding says the assertion cannot fail, and names the near key', async () => {
  const root = scratchWorkspace({
    'manage.py': '',
    'app/__init__.py': '',
    'app/views.py': 'def login(request, user):\n    request.session["2fa_user"] = [user.id]\n    return request.session.get("2fa_user")\n',
    'app/tests.py': [
      'from django.test import TestCase',
      '',
      'class LoginTests(TestCase):',
      '    def test_gone(self):',
      '        self.assertNotIn("2fa_user_id", self.client.session)',
      '',
      '    def test_read(self):',
      '        return self.client.session.get("2fa_usr")',
      '',
    ].join('\n'),
  }, 'ds-vacuous-');
  const run = await cli(['check', root, '--format', 'json']);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  const messages = json<{ diagnostics: { code: string; message: string }[] }>(run).diagnostics.filter((d) => d.code === 'DS101').map((d) => d.message);
  assert.deepEqual(messages, [
    "Session key '2fa_user_id' is read but never written anywhere in the workspace. This assertNotIn can never fail. Did you mean '2fa_user'?",
    "Session key '2fa_usr' is read but never written anywhere in the workspace. Did you mean '2fa_user'?",
  ]);
});
