// `demo` on a copy of examples/shop without Python on PATH: it creates the SQLite session database
// (Django's table, sessions from our encoder) once, and shows keys, findings and live sessions.
// Real Django then reads the database it created.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { requires } from '../support/requirements';
import { cli, json, repoRoot } from './cli';

const scratch = mkdtempSync(join(tmpdir(), 'ds-cli-demo-'));
const shop = join(scratch, 'shop');
cpSync(join(repoRoot, 'examples/shop'), shop, { recursive: true, filter: (src) => !/db\.sqlite3|__pycache__|\.sessions/.test(src) });
after(() => rmSync(scratch, { recursive: true, force: true }));

// Only node itself on PATH: the demo must not need Python or Django.
const nodeOnly = { PATH: dirname(process.execPath) };

function section(stdout: string, title: string): string {
  const start = stdout.indexOf(`# ${title}`);
  assert.ok(start >= 0, `section "${title}" in:\n${stdout}`);
  const next = stdout.indexOf('\n# ', start + 1);
  return stdout.slice(start, next === -1 ? undefined : next);
}

const statusesOf = (text: string) => text.split('\n').filter((l) => /^\S+…\S+\s/.test(l)).map((l) => l.split(/\s{2,}/)[2]).sort();

test('first run creates the database and shows keys, findings and the four demo sessions', async () => {
  assert.ok(!existsSync(join(shop, 'db.sqlite3')));
  const run = await cli(['demo', shop], { env: nodeOnly, cwd: scratch });
  assert.equal(run.code, 0, run.stderr);
  assert.ok(statSync(join(shop, 'db.sqlite3')).size > 0);
  assert.match(section(run.stdout, 'Session keys in shop'), /\ncart\s+dict\s/);
  assert.match(section(run.stdout, 'Settings findings'), /\d+ problems? \(/);
  const live = section(run.stdout, 'Live sessions');
  assert.match(live, /database created just now/);
  assert.match(live, /4 sessions/);
  assert.deepEqual(statusesOf(live), ['bad-signature', 'expired', 'valid', 'valid']);
  assert.doesNotMatch(run.stdout, /\b[a-z0-9]{32}\b/, 'no full session key is printed');
});

test('a second run keeps the database as it is', async () => {
  const listed = async () => json<{ sessions: { key: string }[] }>(await cli(['sessions', 'list', '--store', `sqlite:${join(shop, 'db.sqlite3')}`, '--reveal-keys', '--format', 'json'])).sessions.map((s) => s.key).sort();
  const before = await listed();
  const run = await cli(['demo', shop], { env: nodeOnly, cwd: scratch });
  assert.equal(run.code, 0, run.stderr);
  assert.doesNotMatch(run.stdout, /database created just now/);
  assert.deepEqual(await listed(), before);
});

test('Django 3.2 reads the demo database with the dev settings and sees the same data', async (t) => {
  if (!(await requires(t, 'Django 3.2 (/usr/bin/python3)', () => spawnSync('/usr/bin/python3', ['-c', 'import django']).status === 0))) return;
  const script = [
    'import json, os, sys', "sys.path.insert(0, '.')", "os.environ['DJANGO_SETTINGS_MODULE'] = 'shop.settings.dev'",
    'import django', 'django.setup()', 'from django.conf import settings',
    'from django.contrib.sessions.models import Session', 'from django.contrib.sessions.backends.db import SessionStore',
    "print(json.dumps({'secret': settings.SECRET_KEY, 'sessions': {s.session_key: SessionStore().decode(s.session_data) for s in Session.objects.all()}}))",
  ].join('\n');
  const django = spawnSync('/usr/bin/python3', ['-c', script], { cwd: shop, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  assert.equal(django.status, 0, django.stderr);
  const seen = JSON.parse(django.stdout.trim().split('\n').pop() ?? '') as { secret: string; sessions: Record<string, unknown> };
  const ours = json<{ sessions: { key: string; status: string; data: unknown }[] }>(await cli(
    ['sessions', 'list', '--store', `sqlite:${join(shop, 'db.sqlite3')}`, '--reveal-keys', '--format', 'json', '--secret-key-env', 'DEMO_KEY'],
    { env: { DEMO_KEY: seen.secret } }));
  assert.equal(ours.sessions.length, Object.keys(seen.sessions).length);
  for (const session of ours.sessions) {
    // Django's decode gives {} for a bad signature, the data otherwise (expiry is the row's business).
    assert.deepEqual(seen.sessions[session.key], session.status === 'bad-signature' ? {} : session.data, session.status);
  }
});
