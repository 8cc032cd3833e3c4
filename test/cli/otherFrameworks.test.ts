// A workspace that is not a Django project (Pyramid's and Flask's `request.session` are sessions
// with other rules): no key diagnostics; the same code in a Django project gets them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scratchWorkspace } from '../support/scratch';
import { cli, json } from './cli';

const PYRAMID_TEST = [
  'from pyramid import testing',
  '',
  'def test_remember():',
  '    request = testing.DummyRequest()',
  "    assert request.session['userid'] == 'fred'",
  '',
].join('\n');

async function codes(root: string): Promise<string[]> {
  const run = await cli(['check', root, '--format', 'json']);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  return json<{ diagnostics: { code: string }[] }>(run).diagnostics.map((d) => d.code);
}

test("Pyramid's request.session (no manage.py, no settings, no django import): no key diagnostics", async () => {
  const root = scratchWorkspace({ 'tests/test_auth.py': PYRAMID_TEST, 'setup.py': "from setuptools import setup\nsetup(name='app')\n" }, 'ds-pyramid-');
  assert.deepEqual(await codes(root), []);
  // The keys are still listed: they are sessions, only not Django's.
  const keys = await cli(['keys', root]);
  assert.match(keys.stdout, /userid/);
});

test('the same read in a Django project (a manage.py, or a file importing django) is DS101', async () => {
  const withManage = scratchWorkspace({ 'tests/test_auth.py': PYRAMID_TEST, 'manage.py': '' }, 'ds-django-');
  assert.deepEqual(await codes(withManage), ['DS101']);
  const importing = scratchWorkspace({ 'tests/test_auth.py': `from django.test import TestCase\n${PYRAMID_TEST}` }, 'ds-django-');
  assert.deepEqual(await codes(importing), ['DS101']);
});
