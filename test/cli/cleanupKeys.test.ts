// Keys a project only removes (the cleanup of keys an older version wrote, or a test making sure a
// key is gone): no DS101, unless the key looks like a misspelling of one that is written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scratchWorkspace } from '../support/scratch';
import { cli, json } from './cli';

test('pop(k, None), if k in s: del s[k], if s.get(k): del s[k] of never-written keys: quiet; a near miss of a written key and an unguarded read: DS101', async () => {
  const root = scratchWorkspace({
    'manage.py': '',
    'app/__init__.py': '',
    'app/views.py': [
      'def logout(request):',
      "    request.session.pop('legacy_cart', None)",
      "    if request.session.get('old_flag'):",
      "        del request.session['old_flag']",
      "    if 'older' in request.session:",
      "        del request.session['older']",
      "    request.session.pop('cartt', None)",
      "    return request.session.get('typo_key')",
      'def add(request):',
      "    request.session['cart'] = []",
      "    return request.session['cart']",
      'def show(request):',
      "    return request.session.get('older')",   // read elsewhere, unguarded: 'older' is not only removed
      'def done(request):',                         // django-survey: the value is used, then removed
      "    next_ = request.session.get('next', None)",
      "    if 'next' in request.session:",
      "        del request.session['next']",
      '    return next_',
      '',
    ].join('\n'),
  }, 'ds-cleanup-');
  const run = await cli(['check', root, '--format', 'json']);
  const out = json<{ diagnostics: { code: string; message: string }[] }>(run);
  const reported = out.diagnostics.filter((d) => d.code === 'DS101').map((d) => /'([^']+)'/.exec(d.message)![1]);
  assert.deepEqual([...new Set(reported)].sort(), ['cartt', 'next', 'older', 'typo_key']);
});
