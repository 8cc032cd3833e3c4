// DS101 on a test's check that a key is absent says the check can never fail: healthchecks' tests
// check that `2fa_user_id` is gone while the app writes `2fa_user`; kitsune's that `is_contributor`
// is not set while its app writes `contributor`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scratchWorkspace } from '../support/scratch';
import { cli, json } from './cli';

test('a test asserting the absence of a key nothing writes: the finding says it cannot fail (assertNotIn, not in, not .get, assertIsNone)', async () => {
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
      '    def test_others(self):',
      '        assert "2fa_uid" not in self.client.session',
      '        assert not self.client.session.get("is_2fa")',
      '        self.assertIsNone(self.client.session.get("2fa_token"))',
      '        assert "2fa_seen" in self.client.session',
      '',
    ].join('\n'),
  }, 'ds-vacuous-');
  const run = await cli(['check', root, '--format', 'json']);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  const messages = json<{ diagnostics: { code: string; message: string }[] }>(run).diagnostics.filter((d) => d.code === 'DS101').map((d) => d.message);
  const never = (key: string) => `Session key '${key}' is read but never written anywhere in the workspace.`;
  assert.deepEqual(messages, [
    `${never('2fa_user_id')} This test assertion can never fail. Did you mean '2fa_user'?`,
    `${never('2fa_usr')} Did you mean '2fa_user'?`,
    `${never('2fa_uid')} This test assertion can never fail.`,
    `${never('is_2fa')} This test assertion can never fail.`,
    `${never('2fa_token')} This test assertion can never fail.`,
    never('2fa_seen'),
  ]);
});
